/**
 * Reads of the notification outbox. Administrators and auditors list every row newest first, a
 * page at a time, by status, template or case. Each person lists the rows addressed to them with
 * their read markers. The rating link in a stored body already has its token replaced, so the
 * stored subject and text may be shown as they are.
 */
import { and, count, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cases, notificationReads, notifications, people } from '../../db/schema';

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

/** Returns the condition for rows after a keyset position in newest-first order. */
function olderThan(after: NotificationPosition): SQL {
  return sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
}

/** Cuts rows fetched with one extra row into a page and the position after it, if any. */
function pageOf<Row extends NotificationPosition>(
  rows: Row[],
  limit: number,
): { items: Row[]; next: NotificationPosition | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
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
  if (after) conditions.push(olderThan(after));

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

  return pageOf(rows, options.limit);
}

/** One notification as the web app shows it to its recipient. */
export interface PersonalNotificationRow {
  id: string;
  caseReference: string | null;
  template: string;
  subject: string;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * Lists the notifications addressed to one person, newest first, optionally only the unread ones.
 * NOTE: the outbox has no index on recipient_id yet, so this scans the person's rows by filter.
 */
export async function listPersonNotifications(
  db: Database,
  options: {
    personId: string;
    unreadOnly: boolean;
    limit: number;
    after: NotificationPosition | null;
  },
): Promise<{ items: PersonalNotificationRow[]; next: NotificationPosition | null }> {
  const { after } = options;
  const conditions: SQL[] = [eq(notifications.recipientId, options.personId)];
  if (options.unreadOnly) conditions.push(isNull(notificationReads.readAt));
  if (after) conditions.push(olderThan(after));

  const rows = await db
    .select({
      id: notifications.id,
      caseReference: cases.reference,
      template: notifications.template,
      subject: notifications.subject,
      createdAt: notifications.createdAt,
      readAt: notificationReads.readAt,
    })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(notificationReads, eq(notificationReads.notificationId, notifications.id))
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);

  return pageOf(rows, options.limit);
}

/** Counts the notifications addressed to a person that they have not marked read. */
export async function countUnreadNotifications(db: Database, personId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .leftJoin(notificationReads, eq(notificationReads.notificationId, notifications.id))
    .where(and(eq(notifications.recipientId, personId), isNull(notificationReads.readAt)));
  return row?.unread ?? 0;
}

/**
 * Marks one of a person's notifications read; marking it again keeps the first time. Returns
 * false when no notification with that id is addressed to the person.
 */
export async function markNotificationRead(
  db: Database,
  personId: string,
  notificationId: string,
  at: Date,
): Promise<boolean> {
  const [own] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, notificationId), eq(notifications.recipientId, personId)));
  if (!own) return false;
  await db
    .insert(notificationReads)
    .values({ notificationId, personId, readAt: at })
    .onConflictDoNothing();
  return true;
}

/** Marks every unread notification of a person read in one statement; returns how many. */
export async function markAllNotificationsRead(
  db: Database,
  personId: string,
  at: Date,
): Promise<number> {
  const rows = await db
    .insert(notificationReads)
    .select(
      db
        .select({
          notificationId: notifications.id,
          personId: notifications.recipientId,
          readAt: sql<Date>`${at.toISOString()}::timestamptz`.as('read_at'),
        })
        .from(notifications)
        .where(eq(notifications.recipientId, personId)),
    )
    .onConflictDoNothing()
    .returning({ notificationId: notificationReads.notificationId });
  return rows.length;
}
