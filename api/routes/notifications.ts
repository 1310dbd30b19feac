/**
 * The notification outbox, for administrators and auditors.
 *   GET /notifications  newest first, keyset-paginated, filtered by status, template and case
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import { listNotifications } from '../../activities/notifications/queries';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canReadOutbox } from '../policies/notifications';
import { decodeStringCursor, encodeCursor, errorResponses } from '../schemas/common';
import {
  notificationListQuery,
  notificationPageSchema,
  notificationStatuses,
} from '../schemas/notifications';

function decodeOutboxCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const [createdAt, id] = decodeStringCursor(cursor, 2);
  const instant = new Date(createdAt ?? '');
  if (Number.isNaN(instant.getTime()) || !z.uuid().safeParse(id).success || id === undefined) {
    throw new AppError(
      'validation_failed',
      'The cursor is invalid; start again from the first page',
      [{ field: 'querystring.cursor', message: 'invalid cursor' }],
    );
  }
  return { createdAt: instant, id };
}

const statusOf = (value: string) =>
  (notificationStatuses as readonly string[]).includes(value)
    ? (value as (typeof notificationStatuses)[number])
    : 'pending';

export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: 'List the notification outbox, newest first',
          querystring: notificationListQuery,
          response: { 200: notificationPageSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canReadOutbox(principal))
          throw new AppError('forbidden', 'Only administrators and auditors read the outbox');
        const { status, template, caseReference, limit, cursor } = request.query;
        const page = await listNotifications(db, {
          filters: { status, template, caseReference },
          limit,
          after: decodeOutboxCursor(cursor),
        });
        return {
          items: page.items.map((row) => ({
            id: row.id,
            caseReference: row.caseReference,
            recipient: { id: row.recipientId, name: row.recipientName, email: row.recipientEmail },
            template: row.template,
            language: row.language,
            subject: row.subject,
            bodyText: row.bodyText,
            status: statusOf(row.status),
            attempts: row.attempts,
            error: row.error,
            messageId: row.messageId,
            createdAt: row.createdAt.toISOString(),
            sentAt: row.sentAt ? row.sentAt.toISOString() : null,
          })),
          nextCursor: page.next
            ? encodeCursor([page.next.createdAt.toISOString(), page.next.id])
            : null,
        };
      },
    );
  };
}
