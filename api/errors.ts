/**
 * The error handler: every error leaves the API as { error: { code, message, requestId, details? } }
 * with the status from the one code table in common/errors.ts. Unexpected errors get a generic
 * message; their detail goes to the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode, type FieldIssue } from '../common/errors';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
}

function send(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, requestId: String(request.id) },
  };
  if (error.details !== undefined) body.error.details = error.details;
  return reply.status(errorStatus[error.code]).send(body);
}

/** Turns Fastify's validation errors into field issues with dotted paths. */
function validationIssues(error: FastifyError): FieldIssue[] {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    return error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { field: path ? `${where}.${path}` : where, message: issue.message ?? 'invalid' };
    });
  }
  return [{ field: error.validationContext ?? 'body', message: error.message }];
}

/** Database error codes (SQLSTATE) that mean the input, not the server, is at fault. */
const outOfRangeCodes = new Set(['22003', '22007', '22008', '22021', '22P02']);

interface DatabaseErrorFacts {
  code: string;
  detail?: string;
}

/** Finds the database's own error behind Drizzle's wrapper, if any. */
function databaseErrorOf(error: unknown): DatabaseErrorFacts | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; detail?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        detail: typeof candidate.detail === 'string' ? candidate.detail : undefined,
      };
    }
    current = candidate.cause;
  }
  return null;
}

const camelCase = (column: string) =>
  column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Maps a database error caused by the input to the API's error. A foreign key naming no record
 * becomes 400 naming the field, and a record still referenced becomes 409. A date, number or
 * text the column cannot hold becomes 400. Any other error returns null.
 */
function inputErrorFromDatabase(error: unknown): AppError | null {
  const facts = databaseErrorOf(error);
  if (facts === null) return null;
  if (facts.code === '23503') {
    const missing = facts.detail?.match(/^Key \(([a-z0-9_]+)\)=\(.*\) is not present in table/);
    if (missing?.[1]) {
      const field = camelCase(missing[1]);
      return new AppError('validation_failed', `Invalid input: ${field} names no record`, [
        { field: `body.${field}`, message: 'names no record' },
      ]);
    }
    return new AppError('conflict', 'The record is still referenced by other records');
  }
  if (outOfRangeCodes.has(facts.code)) {
    return new AppError(
      'validation_failed',
      'Invalid input: a date, number or text is outside what can be stored',
      [{ field: 'body', message: 'out of range' }],
    );
  }
  return null;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return send(reply, request, error);
    }
    if (error.validation) {
      const details = validationIssues(error);
      const fields = [...new Set(details.map((issue) => issue.field))].join(', ');
      return send(
        reply,
        request,
        new AppError('validation_failed', `Invalid input: ${fields}`, details),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, request, new AppError('internal', 'Internal error'));
    }
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.statusCode === 413) {
      return send(reply, request, new AppError('payload_too_large', error.message));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || error.statusCode === 415) {
      return send(reply, request, new AppError('unsupported_media_type', error.message));
    }
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    ) {
      return send(
        reply,
        request,
        new AppError('validation_failed', 'The request body is not valid JSON', [
          { field: 'body', message: error.message },
        ]),
      );
    }
    if (error.statusCode === 429) {
      return send(reply, request, new AppError('rate_limited', 'Too many requests'));
    }
    const inputError = inputErrorFromDatabase(error);
    if (inputError !== null) {
      request.log.warn({ err: error }, 'database rejected the input');
      return send(reply, request, inputError);
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, new AppError('internal', 'Internal error'));
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      request,
      new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
