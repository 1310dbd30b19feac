/**
 * The notification activity: picks the recipients of a case event, renders the template in each
 * recipient's language, records the message in the `notifications` outbox and sends it by SMTP
 * when a mailer is configured (else the row stays 'recorded'). The outbox key makes a retried
 * activity send each message once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, arrayContains, eq, inArray } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../common/config';
import type { Language } from '../../common/enums';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { cases, notifications, people, ratingTokens, unitMembers } from '../../db/schema';
import { caseMailOptions } from '../mail/outbound';
import { formatMalaysianTime, publicBaseUrl } from './format';
import { en } from './templates/en';
import { ms } from './templates/ms';
import type { TemplateData, TemplateName, TemplateSet } from './templates/types';

const templates: Record<Language, TemplateSet> = { ms, en };

/**
 * Recipients of a notification: the requester, the assignee, or the watchers of the case's
 * deadlines (the assignee and the heads of the case's unit, or the service-desk agents when the
 * case has neither).
 */
export type Audience = 'requester' | 'assignee' | 'watchers';

export interface NotifyRequest {
  template: TemplateName;
  caseId: string;
  audience: Audience;
  /** Unique per event within the case, such as 'step:4' or 'sla:resolution:breach:<dueAt>'. */
  key: string;
  at: string;
  body?: string;
  reason?: string;
  target?: 'firstResponse' | 'resolution';
  dueAt?: string;
  closesAt?: string;
  /** Expiry of the single-use rating link that the 'resolved' template carries. */
  ratingExpiresAt?: string;
}

export interface NotifyResult {
  recipients: number;
  sent: number;
  recorded: number;
  /** Messages that an earlier attempt had already sent or recorded. */
  skipped: number;
}

export interface NotifierDeps {
  db: Database;
  config: Config;
  logger: Logger;
  mailer: Transporter | null;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  language: string;
}

const recipientColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  language: people.language,
};

async function findPeople(db: Database, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return db
    .select(recipientColumns)
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)));
}

async function findRecipients(
  db: Database,
  audience: Audience,
  caseRow: { requesterId: string; assigneeId: string | null; unitId: string | null },
): Promise<Recipient[]> {
  switch (audience) {
    case 'requester':
      return findPeople(db, [caseRow.requesterId]);
    case 'assignee':
      return findPeople(db, caseRow.assigneeId ? [caseRow.assigneeId] : []);
    case 'watchers': {
      const heads = caseRow.unitId
        ? await db
            .select({ personId: unitMembers.personId })
            .from(unitMembers)
            .where(and(eq(unitMembers.unitId, caseRow.unitId), eq(unitMembers.role, 'head')))
        : [];
      const ids = [
        ...new Set([
          ...(caseRow.assigneeId ? [caseRow.assigneeId] : []),
          ...heads.map((head) => head.personId),
        ]),
      ];
      const watchers = await findPeople(db, ids);
      if (watchers.length > 0) return watchers;
      return db
        .select(recipientColumns)
        .from(people)
        .where(and(arrayContains(people.roles, ['agent']), eq(people.active, true)));
    }
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Creates a single-use rating link; only the SHA-256 of its token is stored. */
async function createRatingLink(
  db: Database,
  baseUrl: string,
  caseId: string,
  expiresAt: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(ratingTokens).values({
    tokenHash: sha256(token),
    caseId,
    expiresAt: new Date(expiresAt),
  });
  return `${baseUrl}/rate/${token}`;
}

export async function notify(deps: NotifierDeps, request: NotifyRequest): Promise<NotifyResult> {
  const { db, config, logger, mailer } = deps;
  const [caseRow] = await db
    .select({
      reference: cases.reference,
      title: cases.title,
      priority: cases.priority,
      requesterId: cases.requesterId,
      assigneeId: cases.assigneeId,
      unitId: cases.unitId,
    })
    .from(cases)
    .where(eq(cases.id, request.caseId));
  const result: NotifyResult = { recipients: 0, sent: 0, recorded: 0, skipped: 0 };
  if (!caseRow) {
    logger.error({ caseId: request.caseId, key: request.key }, 'notification for a missing case');
    return result;
  }

  const baseUrl = publicBaseUrl(config.PUBLIC_URL);
  const recipients = await findRecipients(db, request.audience, caseRow);
  result.recipients = recipients.length;
  for (const recipient of recipients) {
    const idempotencyKey = `${request.caseId}:${request.key}:${recipient.id}`;
    const [existing] = await db
      .select({ status: notifications.status })
      .from(notifications)
      .where(eq(notifications.idempotencyKey, idempotencyKey));
    if (existing && (existing.status === 'sent' || existing.status === 'recorded')) {
      result.skipped += 1;
      continue;
    }

    const language: Language = recipient.language === 'en' ? 'en' : 'ms';
    const ratingUrl =
      request.template === 'resolved' && request.ratingExpiresAt
        ? await createRatingLink(db, baseUrl, request.caseId, request.ratingExpiresAt)
        : undefined;
    const data: TemplateData = {
      recipientName: recipient.name,
      reference: caseRow.reference,
      title: caseRow.title,
      caseUrl: `${baseUrl}/cases/${caseRow.reference}`,
      priority: caseRow.priority,
      body: request.body,
      reason: request.reason,
      target: request.target,
      dueAt: request.dueAt ? formatMalaysianTime(request.dueAt) : undefined,
      closesAt: request.closesAt ? formatMalaysianTime(request.closesAt) : undefined,
      ratingUrl,
      ratingExpiresAt: request.ratingExpiresAt
        ? formatMalaysianTime(request.ratingExpiresAt)
        : undefined,
    };
    const message = templates[language][request.template](data);
    // The outbox keeps no usable rating token: only its hash is stored, in rating_tokens.
    const storedText = ratingUrl
      ? message.text.replaceAll(ratingUrl, `${baseUrl}/rate/[token]`)
      : message.text;
    const { ratingUrl: _link, ...storedData } = data;

    const [row] = await db
      .insert(notifications)
      .values({
        idempotencyKey,
        caseId: request.caseId,
        recipientId: recipient.id,
        recipientEmail: recipient.email,
        template: request.template,
        language,
        subject: message.subject,
        bodyText: storedText,
        data: storedData,
        status: 'pending',
        createdAt: new Date(request.at),
      })
      .onConflictDoUpdate({
        target: notifications.idempotencyKey,
        set: { subject: message.subject, bodyText: storedText, status: 'pending' },
      })
      .returning({ id: notifications.id, attempts: notifications.attempts });
    if (!row) throw new Error(`the notification ${idempotencyKey} was not stored`);

    if (!mailer) {
      await db
        .update(notifications)
        .set({ status: 'recorded' })
        .where(eq(notifications.id, row.id));
      result.recorded += 1;
      continue;
    }

    try {
      const info = (await mailer.sendMail({
        from: config.MAIL_FROM,
        to: recipient.email,
        subject: message.subject,
        text: message.text,
        ...caseMailOptions({
          notificationId: row.id,
          caseId: request.caseId,
          mailFrom: config.MAIL_FROM,
          text: message.text,
        }),
      })) as { messageId?: string };
      await db
        .update(notifications)
        .set({
          status: 'sent',
          sentAt: new Date(),
          attempts: row.attempts + 1,
          messageId: info.messageId ?? null,
          error: null,
        })
        .where(eq(notifications.id, row.id));
      result.sent += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await db
        .update(notifications)
        .set({ status: 'failed', attempts: row.attempts + 1, error: reason })
        .where(eq(notifications.id, row.id));
      logger.warn(
        { caseId: request.caseId, notificationId: row.id, template: request.template, err: error },
        'sending a notification by SMTP failed; the activity will retry',
      );
      throw error;
    }
  }
  return result;
}
