/**
 * Notifications of the ceremonySupport workflow: renders the template in each recipient's
 * language and hands it to the notifications outbox, which records it and sends it by SMTP when a
 * mailer is configured. The outbox key makes a retried activity send each message once.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { ceremonyChecklist, ceremonyEvents, ceremonyTeam, people } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { formatMalaysianTime, publicBaseUrl } from '../notifications/format';
import { unitHeadIds } from '../loans/records';
import { ceremonyTemplates, type CeremonyTemplateName } from './messages';

/** Recipients of a message: the requester, the work team, both, or the team and the unit heads. */
export type CeremonyAudience = 'requester' | 'team' | 'requesterAndTeam' | 'unitHeadsAndTeam';

export interface CeremonyNotifyRequest {
  reference: string;
  template: CeremonyTemplateName;
  audience: CeremonyAudience;
  /** Unique per event within the request, such as 'step:3'. */
  key: string;
  at: string;
  reason?: string;
}

async function recipientIds(
  db: Database,
  event: { id: string; requesterId: string; supportUnitId: string },
  audience: CeremonyAudience,
): Promise<string[]> {
  const ids: string[] = [];
  if (audience === 'requester' || audience === 'requesterAndTeam') ids.push(event.requesterId);
  if (audience !== 'requester') {
    const team = await db
      .select({ personId: ceremonyTeam.personId })
      .from(ceremonyTeam)
      .where(eq(ceremonyTeam.eventId, event.id));
    ids.push(...team.map((member) => member.personId));
  }
  if (audience === 'unitHeadsAndTeam') ids.push(...(await unitHeadIds(db, event.supportUnitId)));
  return [...new Set(ids)];
}

async function pendingItems(db: Database, eventId: string): Promise<string> {
  const rows = await db
    .select({ key: ceremonyChecklist.key })
    .from(ceremonyChecklist)
    .where(and(eq(ceremonyChecklist.eventId, eventId), isNull(ceremonyChecklist.tickedAt)))
    .orderBy(asc(ceremonyChecklist.position));
  return rows.map((row) => `- ${row.key}`).join('\n') || '-';
}

/** Returns how many messages were sent or recorded by this call. */
export async function notifyCeremony(
  deps: OutboxDeps,
  request: CeremonyNotifyRequest,
): Promise<number> {
  const { db, config, logger } = deps;
  const [event] = await db
    .select()
    .from(ceremonyEvents)
    .where(eq(ceremonyEvents.reference, request.reference));
  if (!event) {
    logger.error(
      { reference: request.reference, key: request.key },
      'notification for a missing event support request',
    );
    return 0;
  }

  const ids = await recipientIds(db, event, request.audience);
  if (ids.length === 0) return 0;
  const recipients = await db
    .select({ id: people.id, email: people.email, name: people.name, language: people.language })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)));
  const pending = request.template === 'ceremonyNotReady' ? await pendingItems(db, event.id) : '';

  let handled = 0;
  for (const recipient of recipients) {
    const idempotencyKey = `ceremony:${request.reference}:${request.key}:${recipient.id}`;
    if (await alreadyDelivered(db, idempotencyKey)) continue;
    const language = recipient.language === 'en' ? 'en' : 'ms';
    const data = {
      recipientName: recipient.name,
      reference: request.reference,
      title: event.title,
      venue: event.venue,
      startsAt: formatMalaysianTime(event.startsAt.toISOString()),
      endsAt: formatMalaysianTime(event.endsAt.toISOString()),
      eventUrl: `${publicBaseUrl(config.PUBLIC_URL)}/ceremonies/${request.reference}`,
      reason: request.reason ?? '-',
      pendingItems: pending,
    };
    const message = ceremonyTemplates[language][request.template](data);
    await deliverMessage(deps, {
      idempotencyKey,
      recipientId: recipient.id,
      recipientEmail: recipient.email,
      template: request.template,
      language,
      subject: message.subject,
      text: message.text,
      data,
      at: request.at,
    });
    handled += 1;
  }
  return handled;
}
