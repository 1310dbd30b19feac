/**
 * Bounces: the notification whose mail bounced is marked failed, its recipient's address is
 * marked as failing, and the bounce is attached to that notification's case. Only addresses that
 * Khidmat has sent mail to are marked, so a forged bounce cannot flag an arbitrary person.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { notifications, people } from '../../db/schema';

export interface BounceReport {
  failedRecipients: string[];
  originalMessageIds: string[];
}

export interface BounceResult {
  caseId: string | null;
  failingAddresses: string[];
}

export async function recordBounce(
  db: Database,
  report: BounceReport,
  threadIds: string[],
): Promise<BounceResult> {
  const ids = [...new Set([...report.originalMessageIds, ...threadIds])];
  const bouncedMail =
    ids.length === 0
      ? []
      : await db
          .select({
            id: notifications.id,
            caseId: notifications.caseId,
            recipientEmail: notifications.recipientEmail,
          })
          .from(notifications)
          .where(inArray(notifications.messageId, [...ids, ...ids.map((id) => `<${id}>`)]));

  const candidates = [
    ...new Set([
      ...report.failedRecipients,
      ...bouncedMail.map((row) => row.recipientEmail.toLowerCase()),
    ]),
  ];
  const mailedBefore =
    candidates.length === 0
      ? []
      : await db
          .selectDistinct({ email: notifications.recipientEmail })
          .from(notifications)
          .where(inArray(notifications.recipientEmail, candidates));
  const failingAddresses = mailedBefore.map((row) => row.email);

  if (failingAddresses.length > 0) {
    await db
      .update(people)
      .set({ emailFailing: true, updatedAt: new Date() })
      .where(inArray(people.email, failingAddresses));
  }
  if (bouncedMail.length > 0) {
    await db
      .update(notifications)
      .set({ status: 'failed', error: 'bounced: the recipient mail server returned the message' })
      .where(
        and(
          inArray(
            notifications.id,
            bouncedMail.map((row) => row.id),
          ),
          isNotNull(notifications.messageId),
        ),
      );
  }
  const caseId = bouncedMail.find((row) => row.caseId !== null)?.caseId ?? null;
  return { caseId, failingAddresses };
}

/** True when Khidmat's mail to this address has bounced before. */
export async function addressIsFailing(db: Database, address: string): Promise<boolean> {
  const [row] = await db
    .select({ failing: people.emailFailing })
    .from(people)
    .where(eq(people.email, address));
  return row?.failing ?? false;
}
