/**
 * Serves the built web app (web/dist) at `/`. A path outside /api/ that names no built file gets
 * index.html, so that links such as /cases/ADU-2026-000001 and /rate/<token> open the app.
 * Hashed files under assets/ are cached for a year; index.html and other files are revalidated.
 * Without a build, `/` returns a short page explaining how to make one.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/errors';

export const defaultWebDistDir = fileURLToPath(new URL('../web/dist', import.meta.url));

const immutableCache = 'public, max-age=31536000, immutable';
const revalidate = 'no-cache';

const missingBuildPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Khidmat</title></head>
<body><main><h1>Khidmat</h1>
<p>The web app has not been built. Run <code>npm run build:web</code>, then reload this page.</p>
<p>The API is at <a href="/api/v1/health">/api/v1/health</a>.</p></main></body></html>
`;

/**
 * Returns the path of a built file relative to distDir for a request path, or null when the path
 * names no regular file inside distDir (such as a client-side route).
 */
async function builtFile(distDir: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  if (relative === '' || relative.split(/[/\\]/).some((part) => part.startsWith('.'))) return null;
  const absolute = resolve(distDir, relative);
  if (!absolute.startsWith(distDir + sep)) return null;
  try {
    const info = await stat(absolute);
    return info.isFile() ? relative : null;
  } catch {
    return null;
  }
}

/** Registers the web app's routes, outside /api/, which need no session. */
export async function registerWebApp(
  app: FastifyInstance,
  options: { distDir?: string } = {},
): Promise<void> {
  const distDir = resolve(options.distDir ?? defaultWebDistDir);
  const built = existsSync(resolve(distDir, 'index.html'));

  await app.register(async (web) => {
    if (built) {
      await web.register(fastifyStatic, { root: distDir, serve: false });
    }

    async function serve(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) {
        throw new AppError('not_found', `No route ${request.method} ${path}`);
      }
      if (!built) {
        return reply
          .code(503)
          .header('cache-control', revalidate)
          .type('text/html; charset=utf-8')
          .send(missingBuildPage);
      }
      const file = await builtFile(distDir, path);
      if (file) {
        const cache = file.startsWith(`assets${sep}`) ? immutableCache : revalidate;
        return reply.header('cache-control', cache).sendFile(file, { cacheControl: false });
      }
      return reply
        .header('cache-control', revalidate)
        .sendFile('index.html', { cacheControl: false });
    }

    const routeOptions = { schema: { hide: true } };
    web.get('/', routeOptions, serve);
    web.get('/*', routeOptions, serve);
  });
}
