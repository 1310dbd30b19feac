/** Small helpers for driving the API with fastify.inject. */
import type { App } from '../../api/app';
import type { Session } from './app';

/** A 1×1 transparent PNG. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Builds a multipart/form-data body with one file field. */
export function multipartFile(
  field: string,
  fileName: string,
  content: Buffer,
  contentType = 'application/octet-stream',
) {
  const boundary = `----khidmat${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function uploadFile(app: App, session: Session, fileName: string, content: Buffer) {
  const form = multipartFile('file', fileName, content);
  return app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    payload: form.payload,
    headers: { ...session.headers, ...form.headers },
  });
}

export function post(app: App, session: Session | null, url: string, payload: unknown) {
  return app.inject({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
    headers: session?.headers ?? {},
  });
}

export function get(app: App, session: Session | null, url: string) {
  return app.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
}
