/**
 * The signed-in person's own notifications, as the bell in the web app shows them.
 *   GET  /me/notifications                 newest first, keyset-paginated, with the unread count
 *   POST /me/notifications/:id/read        marks one read (404 when it is addressed to someone else)
 *   POST /me/notifications/read-all        marks every one read
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import {
  countUnreadNotifications,
  listPersonNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../activities/notifications/queries';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import {
  decodeStringCursor,
  encodeCursor,
  errorResponses,
  idParams,
  pageQuery,
  queryFlag,
} from '../schemas/common';

const myNotificationsQuery = pageQuery.extend({
  unread: queryFlag.optional().describe('true lists only the notifications not yet read'),
});

const myNotification = z.object({
  id: z.uuid(),
  caseReference: z.string().nullable().describe('The case the message is about, if any'),
  template: z.string(),
  subject: z.string(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

const myNotificationPage = z.object({
  items: z.array(myNotification),
  unreadCount: z.number().int(),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor for the next page; null on the last page'),
});

const unreadCountReply = z.object({ unreadCount: z.number().int() });

function decodePosition(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const [createdAt, id] = decodeStringCursor(cursor, 2);
  const instant = new Date(createdAt ?? '');
  if (Number.isNaN(instant.getTime()) || id === undefined || !z.uuid().safeParse(id).success) {
    throw new AppError(
      'validation_failed',
      'The cursor is invalid; start again from the first page',
      [{ field: 'querystring.cursor', message: 'invalid cursor' }],
    );
  }
  return { createdAt: instant, id };
}

export function meRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/me/notifications',
      {
        schema: {
          tags: ['me'],
          summary: 'List the notifications addressed to you, newest first',
          querystring: myNotificationsQuery,
          response: { 200: myNotificationPage, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { limit, cursor, unread } = request.query;
        const [page, unreadCount] = await Promise.all([
          listPersonNotifications(db, {
            personId: principal.id,
            unreadOnly: unread === true,
            limit,
            after: decodePosition(cursor),
          }),
          countUnreadNotifications(db, principal.id),
        ]);
        return {
          items: page.items.map((row) => ({
            id: row.id,
            caseReference: row.caseReference,
            template: row.template,
            subject: row.subject,
            createdAt: row.createdAt.toISOString(),
            readAt: row.readAt ? row.readAt.toISOString() : null,
          })),
          unreadCount,
          nextCursor: page.next
            ? encodeCursor([page.next.createdAt.toISOString(), page.next.id])
            : null,
        };
      },
    );

    app.post(
      '/me/notifications/:id/read',
      {
        schema: {
          tags: ['me'],
          summary: 'Mark one of your notifications read',
          params: idParams,
          response: { 200: unreadCountReply, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const marked = await markNotificationRead(db, principal.id, request.params.id, new Date());
        if (!marked) throw new AppError('not_found', `No notification ${request.params.id}`);
        return { unreadCount: await countUnreadNotifications(db, principal.id) };
      },
    );

    app.post(
      '/me/notifications/read-all',
      {
        schema: {
          tags: ['me'],
          summary: 'Mark all your notifications read',
          response: { 200: unreadCountReply, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const marked = await markAllNotificationsRead(db, principal.id, new Date());
        request.log.info({ personId: principal.id, marked }, 'notifications marked read');
        return { unreadCount: await countUnreadNotifications(db, principal.id) };
      },
    );
  };
}
