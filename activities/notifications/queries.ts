/**
 * Reads of the notification outbox for administrators and auditors: newest first, a page at a
 * time, by status, template or case. The rating link in a stored body already has its token
 * replaced, so the stored subject and text may be shown as they are.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cases, notifications, people } from '../../db/schema';

export interface NotificationFilters {
  status?: string;
  template?: string;
  caseReference?: string;
}

/** A keyset position: the created time and id of the last row of the previous page. */
export interface NotificationPosition {
  createdAt: Date;
  id: string;
}

export interface NotificationRow {
  id: string;
  caseReference: string | null;
  recipientId: string | null;
  recipientName: string | null;
  recipientEmail: string;
  template: string;
  language: string;
  subject: string;
  bodyText: string;
  status: string;
  attempts: number;
  error: string | null;
  messageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** Lists outbox rows newest first; returns one page and the position after it, if any. */
export async function listNotifications(
  db: Database,
  options: {
    filters: NotificationFilters;
    limit: number;
    after: NotificationPosition | null;
  },
): Promise<{ items: NotificationRow[]; next: NotificationPosition | null }> {
  const { filters, after } = options;
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(notifications.status, filters.status));
  if (filters.template) conditions.push(eq(notifications.template, filters.template));
  if (filters.caseReference) conditions.push(eq(cases.reference, filters.caseReference));
  if (after) {
    conditions.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  }

  const rows = await db
    .select({
      id: notifications.id,
      caseReference: cases.reference,
      recipientId: notifications.recipientId,
      recipientName: people.name,
      recipientEmail: notifications.recipientEmail,
      template: notifications.template,
      language: notifications.language,
      subject: notifications.subject,
      bodyText: notifications.bodyText,
      status: notifications.status,
      attempts: notifications.attempts,
      error: notifications.error,
      messageId: notifications.messageId,
      createdAt: notifications.createdAt,
      sentAt: notifications.sentAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(people, eq(people.id, notifications.recipientId))
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);

  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > options.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}
