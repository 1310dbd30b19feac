/**
 * Records one e-mail in the notifications outbox and sends it by SMTP when a mailer is
 * configured. The idempotency key makes a retried activity send the message once.
 */
import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { notifications } from '../../db/schema';

export interface OutboxDeps {
  db: Database;
  config: Config;
  logger: Logger;
  mailer: Transporter | null;
}

/** A file sent with a message; only its name, type and size are stored in the outbox. */
export interface OutboxAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface OutboxMessage {
  idempotencyKey: string;
  /** The person the message goes to, or null for an address outside Khidmat such as a vendor's. */
  recipientId: string | null;
  recipientEmail: string;
  template: string;
  language: string;
  subject: string;
  /** The text sent by e-mail. */
  text: string;
  /** The text stored in the outbox, with any secret link replaced; defaults to `text`. */
  storedText?: string;
  data: Record<string, unknown>;
  /** Files attached to the e-mail. The caller builds them again on a retry. */
  attachments?: OutboxAttachment[];
  at: string;
}

/** Returns whether an earlier attempt already sent or recorded the message under this key. */
export async function alreadyDelivered(db: Database, idempotencyKey: string): Promise<boolean> {
  const [existing] = await db
    .select({ status: notifications.status })
    .from(notifications)
    .where(eq(notifications.idempotencyKey, idempotencyKey));
  return existing?.status === 'sent' || existing?.status === 'recorded';
}

/** Returns the message's data with the name, type and size of each attachment added. */
function attachmentsNoted(message: OutboxMessage): Record<string, unknown> {
  if (!message.attachments) return message.data;
  const attachments = message.attachments.map((file) => ({
    filename: file.filename,
    contentType: file.contentType,
    sizeBytes: file.content.length,
  }));
  return { ...message.data, attachments };
}

/** Stores and sends one message; throws when SMTP fails, so the activity retries. */
export async function deliverMessage(
  deps: OutboxDeps,
  message: OutboxMessage,
): Promise<'sent' | 'recorded'> {
  const { db, config, logger, mailer } = deps;
  const storedText = message.storedText ?? message.text;
  const [row] = await db
    .insert(notifications)
    .values({
      idempotencyKey: message.idempotencyKey,
      recipientId: message.recipientId,
      recipientEmail: message.recipientEmail,
      template: message.template,
      language: message.language,
      subject: message.subject,
      bodyText: storedText,
      data: attachmentsNoted(message),
      status: 'pending',
      createdAt: new Date(message.at),
    })
    .onConflictDoUpdate({
      target: notifications.idempotencyKey,
      set: { subject: message.subject, bodyText: storedText, status: 'pending' },
    })
    .returning({ id: notifications.id, attempts: notifications.attempts });
  if (!row) throw new Error(`the notification ${message.idempotencyKey} was not stored`);

  if (!mailer) {
    await db.update(notifications).set({ status: 'recorded' }).where(eq(notifications.id, row.id));
    return 'recorded';
  }
  try {
    const info = (await mailer.sendMail({
      from: config.MAIL_FROM,
      to: message.recipientEmail,
      subject: message.subject,
      text: message.text,
      ...(message.attachments ? { attachments: message.attachments } : {}),
    })) as { messageId?: string };
    await db
      .update(notifications)
      .set({
        status: 'sent',
        sentAt: new Date(),
        attempts: row.attempts + 1,
        messageId: info.messageId ?? null,
      })
      .where(eq(notifications.id, row.id));
    return 'sent';
  } catch (error) {
    await db
      .update(notifications)
      .set({
        status: 'failed',
        attempts: row.attempts + 1,
        error: error instanceof Error ? error.message : String(error),
      })
      .where(eq(notifications.id, row.id));
    logger.warn(
      { notificationId: row.id, template: message.template, err: error },
      'sending an e-mail by SMTP failed; the activity will retry',
    );
    throw error;
  }
}
