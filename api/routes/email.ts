/**
 * The e-mail channel.
 *   POST /channels/email/inbound                   a raw RFC 822 message from a mail gateway,
 *                                                  authenticated by the mailbox's inbound token
 *   GET  /channels/email/messages                  stored messages and what each became (admins)
 *   GET  /channels/email/quarantine                quarantined messages (admins)
 *   POST /channels/email/quarantine/:id/reprocess  process a quarantined message again (admins)
 *   GET, POST /channels/email/mailboxes, PATCH .../:id, POST .../:id/test  mailbox settings
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import { mailDefaults } from '../../common/mail';
import { mailMailboxes, mailMessages } from '../../db/schema';
import {
  createMailbox,
  listMailMessages,
  mailboxByToken,
  syncMailSchedule,
  updateMailbox,
  type MailboxRow,
} from '../../activities/mail/admin';
import { imapSettingsOf, testImapConnection } from '../../activities/mail/imap';
import { processStoredMessage, type MailProcessorDeps } from '../../activities/mail/process';
import { MailSecretError } from '../../activities/mail/secret';
import { storeRawMessage } from '../../activities/mail/store';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canManageMail } from '../policies/email';
import { decodeStringCursor, encodeCursor, errorResponses, idParams } from '../schemas/common';
import {
  inboundHeaders,
  inboundResult,
  mailboxBody,
  mailboxCreated,
  mailboxList,
  mailboxPatch,
  mailboxSchema,
  connectionTestResult,
  messageListQuery,
  messagePage,
  processResult,
} from '../schemas/email';

function presentMailbox(row: MailboxRow) {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    imapHost: row.imapHost,
    imapPort: row.imapPort,
    imapSecure: row.imapSecure,
    imapUser: row.imapUser,
    imapPasswordSet: row.imapPassword !== null,
    imapFolder: row.imapFolder,
    processedFolder: row.processedFolder,
    defaultUnitId: row.defaultUnitId,
    defaultCategoryId: row.defaultCategoryId,
    knownDomains: row.knownDomains,
    unknownDomainPolicy: row.unknownDomainPolicy as z.infer<
      typeof mailboxSchema
    >['unknownDomainPolicy'],
    senderHourlyLimit: row.senderHourlyLimit,
    pollSeconds: row.pollSeconds,
    active: row.active,
  };
}

function decodeMessageCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const [receivedAt, id] = decodeStringCursor(cursor, 2);
  const instant = new Date(receivedAt ?? '');
  if (Number.isNaN(instant.getTime()) || !z.uuid().safeParse(id).success || id === undefined) {
    throw new AppError(
      'validation_failed',
      'The cursor is invalid; start again from the first page',
      [{ field: 'querystring.cursor', message: 'invalid cursor' }],
    );
  }
  return { receivedAt: instant, id };
}

export function emailRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const processor = (logger: MailProcessorDeps['logger']): MailProcessorDeps => ({
    db: deps.db,
    config: deps.config,
    logger,
    client: deps.temporal.client,
    taskQueue: deps.temporal.taskQueue,
    mailer: null,
  });

  return async (app) => {
    // Raw messages arrive as message/rfc822; this parser applies to the routes of this plugin only.
    app.addContentTypeParser(
      ['message/rfc822', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: mailDefaults.maxRawBytes },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/channels/email/inbound',
      {
        bodyLimit: mailDefaults.maxRawBytes,
        schema: {
          tags: ['email'],
          summary:
            'Receive a raw RFC 822 message for a mailbox; it is stored before it is processed',
          headers: inboundHeaders,
          response: { 202: inboundResult, ...errorResponses(400, 401, 413, 415) },
        },
      },
      async (request, reply) => {
        const token = request.headers['x-khidmat-mailbox-token'];
        const mailbox = await mailboxByToken(deps.db, token);
        if (!mailbox) throw new AppError('unauthenticated', 'Unknown or inactive mailbox token');
        const raw = request.body;
        if (!Buffer.isBuffer(raw) || raw.length === 0) {
          throw new AppError('validation_failed', 'body: send the raw message as message/rfc822', [
            { field: 'body', message: 'empty or not message/rfc822' },
          ]);
        }

        const stored = await storeRawMessage(deps.db, {
          raw,
          source: 'api',
          mailboxId: mailbox.id,
          receivedAt: new Date(),
        });
        try {
          const result = await processStoredMessage(processor(request.log), stored.id);
          return reply.status(202).send({ ...result, duplicate: stored.duplicate });
        } catch (error) {
          // Stored, so nothing is lost: the mailbox's intake workflow processes it on its next run.
          request.log.warn(
            { mailId: stored.id, err: error },
            'processing an inbound e-mail failed; it stays stored',
          );
          return reply.status(202).send({
            id: stored.id,
            status: 'stored' as const,
            outcome: null,
            reason: null,
            caseReference: null,
            duplicate: stored.duplicate,
          });
        }
      },
    );

    app.get(
      '/channels/email/messages',
      {
        schema: {
          tags: ['email'],
          summary: 'List stored inbound messages and what each became, newest first',
          querystring: messageListQuery,
          response: { 200: messagePage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const { status, mailboxId, limit, cursor } = request.query;
        return pageOf(
          await listMailMessages(deps.db, {
            status,
            mailboxId,
            limit,
            after: decodeMessageCursor(cursor),
          }),
          limit,
        );
      },
    );

    app.get(
      '/channels/email/quarantine',
      {
        schema: {
          tags: ['email'],
          summary: 'List quarantined inbound messages, newest first',
          querystring: messageListQuery.omit({ status: true }),
          response: { 200: messagePage, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const { mailboxId, limit, cursor } = request.query;
        return pageOf(
          await listMailMessages(deps.db, {
            status: 'quarantined',
            mailboxId,
            limit,
            after: decodeMessageCursor(cursor),
          }),
          limit,
        );
      },
    );

    app.post(
      '/channels/email/quarantine/:id/reprocess',
      {
        schema: {
          tags: ['email'],
          summary: 'Process a quarantined message again, without the sender rate limit',
          params: idParams,
          response: { 200: processResult, ...errorResponses(400, 401, 403, 404, 503) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const [row] = await deps.db
          .select({ id: mailMessages.id })
          .from(mailMessages)
          .where(
            and(eq(mailMessages.id, request.params.id), eq(mailMessages.status, 'quarantined')),
          );
        if (!row) throw new AppError('not_found', `No quarantined message ${request.params.id}`);
        return processStoredMessage(processor(request.log), row.id, { force: true });
      },
    );

    app.get(
      '/channels/email/mailboxes',
      {
        schema: {
          tags: ['email'],
          summary: 'List the service-desk mailboxes',
          response: { 200: mailboxList, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const rows = await deps.db.select().from(mailMailboxes).orderBy(mailMailboxes.name);
        return { items: rows.map(presentMailbox) };
      },
    );

    app.post(
      '/channels/email/mailboxes',
      {
        schema: {
          tags: ['email'],
          summary: 'Add a mailbox; the response carries its inbound token once',
          body: mailboxBody,
          response: { 201: mailboxCreated, ...errorResponses(400, 401, 403, 409, 503) },
        },
      },
      async (request, reply) => {
        requireMailAdmin(request);
        const [existing] = await deps.db
          .select({ id: mailMailboxes.id })
          .from(mailMailboxes)
          .where(eq(mailMailboxes.address, request.body.address.toLowerCase()));
        if (existing) {
          throw new AppError('conflict', `A mailbox for ${request.body.address} already exists`, [
            { field: 'body.address', message: 'already used' },
          ]);
        }
        const { mailbox, token } = await createMailbox(deps.db, request.body, deps.config);
        // The mailbox and its one-time token are already saved. If Temporal rejects the schedule
        // now, the API writes it when it next starts, so an outage does not lose the token.
        await syncMailSchedule(deps.temporal.client, mailbox, deps.temporal.taskQueue).catch(
          (error: unknown) =>
            request.log.warn(
              { err: error, mailboxId: mailbox.id },
              'failed to write the mail schedule; it is retried at API start',
            ),
        );
        return reply.status(201).send({ mailbox: presentMailbox(mailbox), inboundToken: token });
      },
    );

    app.patch(
      '/channels/email/mailboxes/:id',
      {
        schema: {
          tags: ['email'],
          summary: "Change a mailbox's settings",
          params: idParams,
          body: mailboxPatch,
          response: { 200: mailboxSchema, ...errorResponses(400, 401, 403, 404, 503) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const row = await updateMailbox(deps.db, request.params.id, request.body, deps.config);
        if (!row) throw new AppError('not_found', `No mailbox ${request.params.id}`);
        await syncMailSchedule(deps.temporal.client, row, deps.temporal.taskQueue);
        return presentMailbox(row);
      },
    );

    app.post(
      '/channels/email/mailboxes/:id/test',
      {
        schema: {
          tags: ['email'],
          summary: "Log in to the mailbox's IMAP server and open its folder",
          params: idParams,
          response: { 200: connectionTestResult, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireMailAdmin(request);
        const [row] = await deps.db
          .select()
          .from(mailMailboxes)
          .where(eq(mailMailboxes.id, request.params.id));
        if (!row) throw new AppError('not_found', `No mailbox ${request.params.id}`);
        let settings: ReturnType<typeof imapSettingsOf>;
        try {
          settings = imapSettingsOf(row, deps.config);
        } catch (error) {
          if (!(error instanceof MailSecretError)) throw error;
          return { ok: false, messages: null, error: error.message };
        }
        if (!settings) {
          throw new AppError(
            'validation_failed',
            'imapHost: the mailbox has no IMAP server, user and password',
            [{ field: 'imapHost', message: 'IMAP settings incomplete' }],
          );
        }
        return testImapConnection(settings);
      },
    );
  };
}

function requireMailAdmin(request: Parameters<typeof requirePrincipal>[0]) {
  const principal = requirePrincipal(request);
  if (!canManageMail(principal)) {
    throw new AppError('forbidden', 'Only administrators manage the e-mail channel');
  }
  return principal;
}

function pageOf<Row extends { receivedAt: Date; id: string }>(rows: Row[], limit: number) {
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() })),
    nextCursor:
      rows.length === limit && last ? encodeCursor([last.receivedAt.toISOString(), last.id]) : null,
  };
}
