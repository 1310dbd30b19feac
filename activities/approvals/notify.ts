/**
 * E-mails to approvers: each message carries a single-use decision link whose token is stored
 * only as its SHA-256. The message is recorded in the notifications outbox first, under a key that
 * makes a retried activity send it once, and then sent by SMTP when a mailer is configured.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Language } from '../../common/enums';
import { approvalLinks, approvalTasks, people } from '../../db/schema';
import { formatMalaysianTime, publicBaseUrl } from '../notifications/format';
import { renderApprovalMessage, type ApprovalMessageKind } from './messages';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from './outbox';

/** How long a decision link stays valid: 14 days. */
export const approvalLinkLifetimeMs = 14 * 24 * 60 * 60 * 1000;

export type ApprovalNotifierDeps = OutboxDeps;

export interface NotifyApproversRequest {
  workflowId: string;
  taskIds: string[];
  kind: ApprovalMessageKind;
  /** Distinguishes repeated reminders, so each is its own outbox message. */
  round: number;
  at: string;
  language?: Language;
}

export function hashApprovalToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sends a decision e-mail to each task's approver, and to their delegate when one is set. */
export async function notifyApprovers(
  deps: ApprovalNotifierDeps,
  request: NotifyApproversRequest,
): Promise<{ sent: number; recorded: number; skipped: number }> {
  const { db, config } = deps;
  const result = { sent: 0, recorded: 0, skipped: 0 };
  if (request.taskIds.length === 0) return result;

  const tasks = await db
    .select()
    .from(approvalTasks)
    .where(inArray(approvalTasks.id, request.taskIds));
  const personIds = new Set<string>();
  for (const task of tasks) {
    personIds.add(task.approverId);
    personIds.add(task.slotApproverId);
    if (task.delegateId) personIds.add(task.delegateId);
  }
  const persons = await db
    .select({ id: people.id, name: people.name, email: people.email, language: people.language })
    .from(people)
    .where(inArray(people.id, [...personIds]));
  const byId = new Map(persons.map((person) => [person.id, person]));
  const baseUrl = publicBaseUrl(config.PUBLIC_URL);

  for (const task of tasks) {
    if (task.status !== 'pending') continue;
    const recipients = [task.approverId, ...(task.delegateId ? [task.delegateId] : [])];
    for (const recipientId of recipients) {
      const recipient = byId.get(recipientId);
      if (!recipient) continue;
      const idempotencyKey = `${request.workflowId}:${task.id}:${request.kind}:${request.round}:${recipientId}`;
      if (await alreadyDelivered(db, idempotencyKey)) {
        result.skipped += 1;
        continue;
      }

      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.parse(request.at) + approvalLinkLifetimeMs);
      await db.insert(approvalLinks).values({
        tokenHash: hashApprovalToken(token),
        taskId: task.id,
        personId: recipientId,
        expiresAt,
      });

      const standsInFor = recipientId === task.slotApproverId ? null : task.slotApproverId;
      const language: Language =
        recipient.language === 'en' || recipient.language === 'ms'
          ? recipient.language
          : (request.language ?? 'ms');
      const decisionUrl = `${baseUrl}/approvals/link/${token}`;
      const message = renderApprovalMessage(language, request.kind, {
        recipientName: recipient.name,
        reference: task.reference,
        title: task.title,
        level: task.level,
        recordUrl: `${baseUrl}${task.link}`,
        inboxUrl: `${baseUrl}/approvals`,
        decisionUrl,
        linkExpiresAt: formatMalaysianTime(expiresAt.toISOString()),
        forName: standsInFor ? (byId.get(standsInFor)?.name ?? null) : null,
      });

      const outcome = await deliverMessage(deps, {
        idempotencyKey,
        recipientId,
        recipientEmail: recipient.email,
        template: `approval_${request.kind}`,
        language,
        subject: message.subject,
        text: message.text,
        // The outbox keeps no usable token: only its hash is stored, in approval_links.
        storedText: message.text.replaceAll(decisionUrl, `${baseUrl}/approvals/link/[token]`),
        data: { taskId: task.id, reference: task.reference, level: task.level },
        at: request.at,
      });
      result[outcome] += 1;
      if (request.kind === 'reminder') {
        await db
          .update(approvalTasks)
          .set({ remindersSent: sql`${approvalTasks.remindersSent} + 1` })
          .where(eq(approvalTasks.id, task.id));
      }
    }
  }
  return result;
}
