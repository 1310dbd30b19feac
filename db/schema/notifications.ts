import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { people } from './identity';

/**
 * The notification outbox: every message Khidmat sends is recorded here first, then sent by SMTP
 * when a mail server is configured. The idempotency key makes a retried activity send once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    caseId: uuid('case_id').references(() => cases.id),
    recipientId: uuid('recipient_id').references(() => people.id),
    recipientEmail: text('recipient_email').notNull(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    data: jsonb('data'),
    /** 'pending', 'sent', 'recorded' (no SMTP configured) or 'failed'. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('notifications_case_idx').on(table.caseId),
    index('notifications_status_idx').on(table.status, table.createdAt),
  ],
);
