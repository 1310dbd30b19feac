/**
 * Zod schemas shared by the identity and catalogue routes: the error body, id parameters,
 * keyset pagination and the common input fields.
 */
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '../../common/errors';
import { AppError } from '../../common/errors';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      requestId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .describe('An error: the code is stable, the message is for developers');

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 503;

/** Response schemas of the given error statuses, for the OpenAPI document. */
export function errorResponses<S extends ErrorStatus>(
  ...statuses: S[]
): Record<S, typeof errorBodySchema> {
  const responses = {} as Record<S, typeof errorBodySchema>;
  for (const status of statuses) responses[status] = errorBodySchema;
  return responses;
}

export const idParams = z.object({ id: z.uuid() });

/** An empty 204 reply. */
export const noContent = z.null().describe('No content');

/** A trimmed, non-empty line of text such as a name. */
export function line(max: number) {
  return z.string().trim().min(1).max(max);
}

/** An e-mail address, trimmed and stored lower-case. */
export const emailInput = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** A record code such as a unit's or a service's: letters, digits, '.', '_' or '-'. */
export const codeInput = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
    'use 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** A new password: at least 10 characters, at most 256 so that hashing stays cheap. */
export const passwordInput = z.string().min(10).max(256);

/** A query-string flag: `true` or `false`. */
export const queryFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const pageQuery = z.object({
  cursor: z.string().max(512).optional().describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Decodes a cursor made by encodeCursor into a tuple of strings, or raises validation_failed
 * naming querystring.cursor when it was altered or comes from another list.
 */
export function decodeStringCursor(cursor: string, length: number): string[] {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    position = null;
  }
  if (
    !Array.isArray(position) ||
    position.length !== length ||
    !position.every((part): part is string => typeof part === 'string')
  ) {
    throw new AppError(
      'validation_failed',
      'The cursor is invalid; start again from the first page',
      [{ field: 'querystring.cursor', message: 'invalid cursor' }],
    );
  }
  return position;
}

/** Optional free text that may be cleared with null; an empty string also clears it. */
export function clearableText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));
}
