/**
 * Threading: finds the case that an inbound reply belongs to. A reply is matched first by its
 * In-Reply-To and References, against mail Khidmat sent and the sender's own earlier mail to a
 * case. Failing that, a case reference in the subject counts only when the sender is the requester
 * or a participant of that case, so a stranger quoting someone else's reference never reaches it.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { complaintPrefix } from '../../common/complaint';
import type { Database } from '../../db/client';
import { caseParticipants, cases, mailMessages, notifications } from '../../db/schema';

export interface ThreadTarget {
  caseId: string;
  reference: string;
  requesterId: string;
  via: 'headers' | 'subject';
}

const referencePattern = new RegExp(`\\b${complaintPrefix}-\\d{4}-\\d{6}\\b`, 'gi');

/** Case references written in a subject, upper-case, in order of appearance. */
export function subjectReferences(subject: string): string[] {
  return [...new Set((subject.match(referencePattern) ?? []).map((value) => value.toUpperCase()))];
}

async function caseById(db: Database, caseId: string) {
  const [row] = await db
    .select({ caseId: cases.id, reference: cases.reference, requesterId: cases.requesterId })
    .from(cases)
    .where(eq(cases.id, caseId));
  return row;
}

async function caseFromHeaders(
  db: Database,
  messageIds: string[],
  senderAddress: string,
): Promise<string | null> {
  if (messageIds.length === 0) return null;
  const bracketed = messageIds.map((id) => `<${id}>`);
  const [sent] = await db
    .select({ caseId: notifications.caseId })
    .from(notifications)
    .where(
      and(
        inArray(notifications.messageId, [...bracketed, ...messageIds]),
        isNotNull(notifications.caseId),
      ),
    )
    .limit(1);
  if (sent?.caseId) return sent.caseId;

  const [earlier] = await db
    .select({ caseId: mailMessages.caseId })
    .from(mailMessages)
    .where(
      and(
        inArray(mailMessages.messageId, messageIds),
        eq(mailMessages.fromAddress, senderAddress),
        isNotNull(mailMessages.caseId),
      ),
    )
    .limit(1);
  return earlier?.caseId ?? null;
}

async function isParticipant(db: Database, caseId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: caseParticipants.personId })
    .from(caseParticipants)
    .where(and(eq(caseParticipants.caseId, caseId), eq(caseParticipants.personId, personId)));
  return row !== undefined;
}

/** Returns the case that the message replies to, or null when it starts a new conversation. */
export async function findThread(
  db: Database,
  message: { inReplyTo: string[]; references: string[]; subject: string },
  sender: { address: string; personId: string | null },
): Promise<ThreadTarget | null> {
  const headerIds = [...new Set([...message.inReplyTo, ...message.references])];
  const byHeaders = await caseFromHeaders(db, headerIds, sender.address);
  if (byHeaders) {
    const row = await caseById(db, byHeaders);
    if (row) return { ...row, via: 'headers' };
  }

  if (!sender.personId) return null;
  for (const reference of subjectReferences(message.subject)) {
    const [row] = await db
      .select({ caseId: cases.id, reference: cases.reference, requesterId: cases.requesterId })
      .from(cases)
      .where(eq(cases.reference, reference));
    if (!row) continue;
    if (
      row.requesterId === sender.personId ||
      (await isParticipant(db, row.caseId, sender.personId))
    ) {
      return { ...row, via: 'subject' };
    }
  }
  return null;
}
