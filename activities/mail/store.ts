/**
 * The raw store: every inbound message is written here, bytes unchanged, before anything else
 * happens to it. Storing the same message again (same bytes, or same Message-ID from the same
 * sender) returns the row already stored.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { MailSource } from '../../common/mail';
import type { Database } from '../../db/client';
import { mailMessages } from '../../db/schema';
import { normaliseMessageId } from './parse';

export interface RawMessage {
  raw: Buffer;
  source: MailSource;
  mailboxId: string | null;
  receivedAt: Date;
  imapUid?: number;
}

export interface StoredMessage {
  id: string;
  /** True when the message had been stored before. */
  duplicate: boolean;
}

/** Reads one unfolded header of the top-level header block, as latin1 text. */
function rawHeader(raw: Buffer, name: string): string | null {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const pattern = new RegExp(`^${name}:[ \\t]*([^\\r\\n]*(?:\\r?\\n[ \\t][^\\r\\n]*)*)`, 'im');
  const value = pattern.exec(block)?.[1];
  return value === undefined ? null : value.replace(/\s+/g, ' ').trim();
}

/** Reads the sender's address from the raw From header; returns null when there is none. */
export function rawSender(raw: Buffer): string | null {
  const from = rawHeader(raw, 'from');
  if (!from) return null;
  const match =
    /<\s*([^\s<>@]+@[^\s<>@]+)\s*>/.exec(from) ?? /([^\s<>"@,;:]+@[^\s<>"@,;:]+)/.exec(from);
  return match?.[1]?.toLowerCase() ?? null;
}

/** Removes NUL characters, which a text column cannot hold; the raw bytes keep them. */
function storable(value: string | null | undefined): string | null {
  return value ? value.replaceAll('\u0000', '') : null;
}

/** Stores the raw bytes and the few headers needed to find the message again. */
export async function storeRawMessage(db: Database, message: RawMessage): Promise<StoredMessage> {
  const contentSha256 = createHash('sha256').update(message.raw).digest('hex');
  const idHeader = storable(rawHeader(message.raw, 'message-id'));
  const messageId = idHeader ? normaliseMessageId(idHeader) : null;
  const fromAddress = storable(rawSender(message.raw));
  const subject = storable(rawHeader(message.raw, 'subject'))?.slice(0, 500) ?? null;

  const [inserted] = await db
    .insert(mailMessages)
    .values({
      mailboxId: message.mailboxId,
      source: message.source,
      raw: message.raw,
      sizeBytes: message.raw.length,
      contentSha256,
      messageId,
      fromAddress,
      subject,
      imapUid: message.imapUid ?? null,
      receivedAt: message.receivedAt,
    })
    .onConflictDoNothing()
    .returning({ id: mailMessages.id });
  if (inserted) return { id: inserted.id, duplicate: false };

  const [byContent] = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(eq(mailMessages.contentSha256, contentSha256));
  if (byContent) return { id: byContent.id, duplicate: true };
  const [byMessageId] = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(
      and(
        messageId === null ? isNull(mailMessages.messageId) : eq(mailMessages.messageId, messageId),
        fromAddress === null
          ? isNull(mailMessages.fromAddress)
          : eq(mailMessages.fromAddress, fromAddress),
      ),
    );
  if (byMessageId) return { id: byMessageId.id, duplicate: true };
  throw new Error(`storing mail ${contentSha256} conflicted with a row that cannot be found`);
}
