import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './identity';
import { notifications } from './notifications';

/**
 * When a person read a notification in the web app. A notification has one recipient, so the
 * notification id alone is the key; the person id is kept to count a person's unread rows fast.
 */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .primaryKey()
      .references(() => notifications.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('notification_reads_person_idx').on(table.personId)],
);
