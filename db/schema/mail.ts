import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { categories } from './catalogue';
import { units } from './identity';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
const at = (name: string) => timestamp(name, { withTimezone: true });

/** Service-desk mailboxes: where their mail comes from and what a new case from it gets. */
export const mailMailboxes = pgTable('mail_mailboxes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** The mailbox's address, stored lower-case. */
  address: text('address').notNull().unique(),
  /** IMAP server polled by the intake schedule; null for a mailbox fed only through the API. */
  imapHost: text('imap_host'),
  imapPort: integer('imap_port').notNull().default(993),
  imapSecure: boolean('imap_secure').notNull().default(true),
  imapUser: text('imap_user'),
  /** IMAP password encrypted with AES-256-GCM (activities/mail/secret.ts); never returned by the API. */
  imapPassword: text('imap_password'),
  imapFolder: text('imap_folder').notNull().default('INBOX'),
  /** Folder that fetched messages move to; null keeps them in place, flagged as seen. */
  processedFolder: text('processed_folder'),
  /** SHA-256 of the token that the inbound route expects in `x-khidmat-mailbox-token`. */
  inboundTokenHash: text('inbound_token_hash'),
  defaultUnitId: uuid('default_unit_id').references(() => units.id),
  defaultCategoryId: uuid('default_category_id').references(() => categories.id),
  /** Domains whose senders are accepted as customers, such as `utm.my`; subdomains included. */
  knownDomains: text('known_domains')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  unknownDomainPolicy: text('unknown_domain_policy').notNull().default('accept_unverified'),
  senderHourlyLimit: integer('sender_hourly_limit').notNull().default(20),
  pollSeconds: integer('poll_seconds').notNull().default(60),
  active: boolean('active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * Every inbound message, stored raw before it is processed, with what processing made of it. The
 * content hash and the pair (Message-ID, sender) make storing the same message twice a no-op.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    mailboxId: uuid('mailbox_id').references(() => mailMailboxes.id),
    /** 'imap', 'api' or 'cli'. */
    source: text('source').notNull(),
    raw: bytea('raw').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    contentSha256: text('content_sha256').notNull().unique(),
    /** Message-ID without angle brackets; null when the message has none. */
    messageId: text('message_id'),
    /** Sender address, lower-case, from the headers as stored; null when unreadable. */
    fromAddress: text('from_address'),
    subject: text('subject'),
    imapUid: integer('imap_uid'),
    receivedAt: at('received_at').notNull(),
    /** See mailStatuses in common/mail.ts. */
    status: text('status').notNull().default('stored'),
    /** See mailOutcomes in common/mail.ts. */
    outcome: text('outcome'),
    /** Why the message was quarantined or ignored: a code of mailReasons, then details. */
    reason: text('reason'),
    caseId: uuid('case_id').references(() => cases.id),
    /** Reference chosen for the new case before its workflow starts, so a retry reuses it. */
    caseReference: text('case_reference'),
    /** Attachment rows written for the case, so a retry does not write them again. */
    attachmentIds: jsonb('attachment_ids').$type<string[]>(),
    /** Parts kept only in the raw message: name, size in bytes and why. */
    skippedParts: jsonb('skipped_parts').$type<{ name: string; size: number; why: string }[]>(),
    attempts: integer('attempts').notNull().default(0),
    processedAt: at('processed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('mail_messages_message_id_sender_key').on(table.messageId, table.fromAddress),
    index('mail_messages_status_idx').on(table.status, table.receivedAt),
    index('mail_messages_sender_idx').on(table.fromAddress, table.receivedAt),
    index('mail_messages_case_idx').on(table.caseId),
  ],
);
