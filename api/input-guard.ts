/**
 * Rejects input that no schema should have to think about: a NUL character (U+0000) anywhere in
 * the body, the query or the path. PostgreSQL text cannot store it, so a value that passed
 * validation with one would fail later, deep in an activity.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from '../common/errors';

/** Collects the dotted paths of strings (and object keys) that contain U+0000. */
function findNul(value: unknown, path: string, found: FieldIssue[]): void {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field: path, message: 'contains a NUL character' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, `${path}.${index}`, found));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000'))
        found.push({ field: path, message: 'a key contains a NUL character' });
      findNul(item, `${path}.${key}`, found);
    }
  }
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found: FieldIssue[] = [];
    findNul(request.params, 'params', found);
    findNul(request.query, 'querystring', found);
    if (!Buffer.isBuffer(request.body)) findNul(request.body, 'body', found);
    if (found.length > 0) {
      const fields = found.map((issue) => issue.field).join(', ');
      throw new AppError('validation_failed', `Invalid input: ${fields}`, found);
    }
  });
}
