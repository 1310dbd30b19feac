/**
 * IMAP intake with imapflow: fetches the messages Khidmat has not stored yet and stores each raw.
 * Only after a message is stored is it marked on the server (the keyword `$KhidmatStored` and
 * \Seen), and moved when the mailbox names a folder for processed mail. A crash between storing
 * and marking leaves the message unmarked, so the next poll stores it again, which is a no-op.
 */
import { and, asc, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { Logger } from '../../common/logger';
import { mailDefaults } from '../../common/mail';
import type { Database } from '../../db/client';
import { mailMailboxes, mailMessages } from '../../db/schema';
import { decryptMailSecret, MailSecretError, type MailSecretConfig } from './secret';
import { storeRawMessage } from './store';

/** The IMAP keyword that marks a message as stored by Khidmat. */
export const storedKeyword = '$KhidmatStored';

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

export function openImapClient(settings: ImapSettings): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.secure ? {} : { doSTARTTLS: false }),
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

export interface ConnectionTestResult {
  ok: boolean;
  /** Messages in the folder, when the connection succeeded. */
  messages: number | null;
  error: string | null;
}

/** Logs in and opens the folder read-only, to check a mailbox's settings. */
export async function testImapConnection(settings: ImapSettings): Promise<ConnectionTestResult> {
  const client = openImapClient(settings);
  client.on('error', () => undefined);
  try {
    await client.connect();
    const status = await client.status(settings.folder, { messages: true });
    return { ok: true, messages: status === false ? null : (status.messages ?? null), error: null };
  } catch (error) {
    const detail = (error as { responseText?: string }).responseText;
    return { ok: false, messages: null, error: detail ?? (error as Error).message };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/**
 * Returns a mailbox's IMAP settings with its password decrypted, or null when the mailbox has no
 * IMAP server, user or password. Raises MailSecretError when the password cannot be decrypted.
 */
export function imapSettingsOf(
  mailbox: typeof mailMailboxes.$inferSelect,
  secrets: MailSecretConfig,
): ImapSettings | null {
  if (!mailbox.imapHost || !mailbox.imapUser || mailbox.imapPassword === null) return null;
  return {
    host: mailbox.imapHost,
    port: mailbox.imapPort,
    secure: mailbox.imapSecure,
    user: mailbox.imapUser,
    password: decryptMailSecret(secrets, mailbox.imapPassword),
    folder: mailbox.imapFolder,
  };
}

export async function mailboxImapSettings(
  db: Database,
  mailboxId: string,
  secrets: MailSecretConfig,
) {
  const [mailbox] = await db.select().from(mailMailboxes).where(eq(mailMailboxes.id, mailboxId));
  if (!mailbox) throw new Error(`mailbox ${mailboxId} not found`);
  return { mailbox, imap: imapSettingsOf(mailbox, secrets) };
}

/** Messages of the mailbox stored earlier but not processed yet, oldest first. */
async function pendingIds(db: Database, mailboxId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: mailMessages.id })
    .from(mailMessages)
    .where(and(eq(mailMessages.mailboxId, mailboxId), eq(mailMessages.status, 'stored')))
    .orderBy(asc(mailMessages.receivedAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Stores up to one batch of new messages from the mailbox's IMAP folder and returns the ids of
 * every stored message of the mailbox still waiting to be processed.
 */
export async function fetchMailbox(
  db: Database,
  secrets: MailSecretConfig,
  logger: Logger,
  mailboxId: string,
  heartbeat: () => void = () => undefined,
): Promise<string[]> {
  const batch = mailDefaults.fetchBatchSize;
  let settings: Awaited<ReturnType<typeof mailboxImapSettings>>;
  try {
    settings = await mailboxImapSettings(db, mailboxId, secrets);
  } catch (error) {
    if (!(error instanceof MailSecretError)) throw error;
    // Retrying cannot fix a password encrypted under another key, and messages that the inbound
    // route stored for this mailbox still need processing, so the poll skips only IMAP.
    logger.error({ mailboxId, err: error }, 'IMAP poll skipped: the password cannot be decrypted');
    return pendingIds(db, mailboxId, batch);
  }
  const { mailbox, imap } = settings;
  if (!mailbox.active || !imap) return pendingIds(db, mailboxId, batch);

  const client = openImapClient(imap);
  client.on('error', (error: Error) =>
    logger.warn({ mailboxId, err: error }, 'IMAP connection error'),
  );
  await client.connect();
  let stored = 0;
  try {
    const lock = await client.getMailboxLock(imap.folder);
    try {
      const current = client.mailbox;
      const keywordsAllowed = current !== false && current.permanentFlags?.has('\\*') === true;
      const query = keywordsAllowed ? { unKeyword: storedKeyword } : { seen: false };
      const found = await client.search(query, { uid: true });
      const uids = (found || []).slice(0, batch);
      for (const uid of uids) {
        const message = await client.fetchOne(
          String(uid),
          { source: true, internalDate: true },
          { uid: true },
        );
        if (!message || !message.source) continue;
        const internalDate = message.internalDate ? new Date(message.internalDate) : new Date();
        await storeRawMessage(db, {
          raw: message.source,
          source: 'imap',
          mailboxId,
          receivedAt: Number.isNaN(internalDate.getTime()) ? new Date() : internalDate,
          imapUid: uid,
        });
        const flags = keywordsAllowed ? ['\\Seen', storedKeyword] : ['\\Seen'];
        await client.messageFlagsAdd(String(uid), flags, { uid: true });
        if (mailbox.processedFolder) {
          await client.messageMove(String(uid), mailbox.processedFolder, { uid: true });
        }
        stored += 1;
        heartbeat();
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  logger.info({ mailboxId, stored }, 'IMAP poll stored new messages');
  return pendingIds(db, mailboxId, batch + stored);
}
