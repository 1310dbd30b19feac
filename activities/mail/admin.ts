/**
 * Administration of the e-mail channel: mailbox settings with their inbound token and polling
 * schedule, and the lists of stored messages and of the quarantine.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import {
  mailIntakeWorkflowType,
  mailScheduleId,
  type MailIntakeInput,
  type MailStatus,
} from '../../common/mail';
import type { Database } from '../../db/client';
import { cases, mailMailboxes, mailMessages } from '../../db/schema';
import { encryptMailSecret, type MailSecretConfig } from './secret';

export type MailboxRow = typeof mailMailboxes.$inferSelect;
export type NewMailbox = Omit<typeof mailMailboxes.$inferInsert, 'id' | 'inboundTokenHash'>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Replaces a plaintext IMAP password in the values by its encrypted form. */
function withEncryptedPassword<Values extends { imapPassword?: string | null }>(
  values: Values,
  secrets: MailSecretConfig,
): Values {
  if (typeof values.imapPassword !== 'string') return values;
  return { ...values, imapPassword: encryptMailSecret(secrets, values.imapPassword) };
}

/**
 * Creates a mailbox with a new inbound token, returned once; only its SHA-256 is stored. The IMAP
 * password is stored encrypted.
 */
export async function createMailbox(db: Database, values: NewMailbox, secrets: MailSecretConfig) {
  const token = `khm_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(mailMailboxes)
    .values({
      ...withEncryptedPassword(values, secrets),
      address: values.address.toLowerCase(),
      inboundTokenHash: hashToken(token),
    })
    .returning();
  if (!row) throw new Error('insert into mail_mailboxes returned nothing');
  return { mailbox: row, token };
}

/** Changes a mailbox's settings, encrypting a new IMAP password. */
export async function updateMailbox(
  db: Database,
  id: string,
  values: Partial<NewMailbox>,
  secrets: MailSecretConfig,
) {
  const [row] = await db
    .update(mailMailboxes)
    .set({ ...withEncryptedPassword(values, secrets), updatedAt: new Date() })
    .where(eq(mailMailboxes.id, id))
    .returning();
  return row ?? null;
}

/** Finds the active mailbox whose inbound token this is. */
export async function mailboxByToken(db: Database, token: string) {
  const [row] = await db
    .select()
    .from(mailMailboxes)
    .where(
      and(eq(mailMailboxes.inboundTokenHash, hashToken(token)), eq(mailMailboxes.active, true)),
    );
  return row ?? null;
}

/**
 * Creates or updates the Temporal Schedule that runs the mailbox's intake, or deletes it when the
 * mailbox is inactive. A mailbox without an IMAP server keeps its schedule, because the intake
 * also processes messages that the inbound route stored but could not process. Overlapping runs
 * are skipped, so a slow poll is never doubled.
 */
export async function syncMailSchedule(client: Client, mailbox: MailboxRow, taskQueue: string) {
  const scheduleId = mailScheduleId(mailbox.id);
  const wanted = mailbox.active;
  const handle = client.schedule.getHandle(scheduleId);
  if (!wanted) {
    await handle.delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    return;
  }
  const input: MailIntakeInput = { mailboxId: mailbox.id };
  const options = {
    spec: { intervals: [{ every: `${mailbox.pollSeconds}s` }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: mailIntakeWorkflowType,
      workflowId: scheduleId,
      args: [input],
      taskQueue,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  };
  try {
    await handle.update((previous) => ({ ...previous, ...options }));
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await client.schedule.create({ scheduleId, ...options });
  }
}

export interface MessageListQuery {
  status?: MailStatus | undefined;
  mailboxId?: string | undefined;
  limit: number;
  /** Keyset cursor: the receivedAt and id of the last row of the previous page. */
  after?: { receivedAt: Date; id: string } | null;
}

/** Stored messages, newest first, without their raw bytes. */
export async function listMailMessages(db: Database, query: MessageListQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(mailMessages.status, query.status));
  if (query.mailboxId) conditions.push(eq(mailMessages.mailboxId, query.mailboxId));
  if (query.after) {
    const after = query.after;
    conditions.push(
      or(
        lt(mailMessages.receivedAt, after.receivedAt),
        and(eq(mailMessages.receivedAt, after.receivedAt), lt(mailMessages.id, after.id)),
      )!,
    );
  }
  return db
    .select({
      id: mailMessages.id,
      mailboxId: mailMessages.mailboxId,
      source: mailMessages.source,
      messageId: mailMessages.messageId,
      fromAddress: mailMessages.fromAddress,
      subject: mailMessages.subject,
      sizeBytes: mailMessages.sizeBytes,
      receivedAt: mailMessages.receivedAt,
      status: mailMessages.status,
      outcome: mailMessages.outcome,
      reason: mailMessages.reason,
      // The joined case's reference, or the one fixed for a new case before its workflow started.
      caseReference: sql<
        string | null
      >`coalesce(${cases.reference}, ${mailMessages.caseReference})`,
      skippedParts: mailMessages.skippedParts,
      attempts: mailMessages.attempts,
      processedAt: mailMessages.processedAt,
    })
    .from(mailMessages)
    .leftJoin(cases, eq(cases.id, mailMessages.caseId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(mailMessages.receivedAt), desc(mailMessages.id))
    .limit(query.limit);
}

/**
 * Brings every mailbox's polling schedule in line with its settings. The API runs it when it
 * starts, so a schedule that could not be written when its mailbox was saved (Temporal down)
 * exists after the next start.
 */
export async function syncAllMailSchedules(
  db: Database,
  client: Client,
  taskQueue: string,
): Promise<number> {
  const rows = await db.select().from(mailMailboxes);
  for (const row of rows) await syncMailSchedule(client, row, taskQueue);
  return rows.length;
}
