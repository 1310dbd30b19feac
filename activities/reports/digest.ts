/**
 * Activities of the dailyDigest workflow. On a working day of the default calendar, each unit
 * head gets one e-mail. A unit head is a person with the supervisor role who heads a unit. The
 * e-mail lists the cases of their units whose first response or resolution target is not met
 * and is due by the horizon (today's closing time) or has passed. The outbox key
 * `digest:<date>:<person>` makes a retried activity, or a second run on the same day, send each
 * digest once.
 */
import { and, arrayContains, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Config } from '../../common/config';
import type { CaseStatus, Language } from '../../common/enums';
import type { Logger } from '../../common/logger';
import { describeDay, endOfNthWorkingDay, type WorkingCalendar } from '../../common/working-time';
import { dateOfDay, dayOfLocal, localOfInstant } from '../../common/working-time/zone';
import type { Database } from '../../db/client';
import { cases, people, unitMembers } from '../../db/schema';
import { alreadyDelivered, deliverMessage } from '../approvals/outbox';
import { publicBaseUrl } from '../notifications/format';
import { loadClockCalendar } from '../sla/case-clock';
import { renderDigest, type DigestItem } from './digest-messages';

export interface DigestPlanRequest {
  /** The instant the digest runs, ISO 8601. */
  at: string;
}

export interface DigestPlan {
  /** The local date of `at` in the calendar's time zone. */
  date: string;
  workingDay: boolean;
  /**
   * Targets due by this instant are near: today's closing time when the digest runs before the
   * opening (as the schedule does), else the next working day's. Null when the day is not worked.
   */
  horizon: string | null;
  /** Unit heads to write to, one digest each. */
  recipientIds: string[];
}

export interface DigestSendRequest {
  personId: string;
  date: string;
  at: string;
  horizon: string;
}

export interface DigestSendResult {
  /** `empty`: nothing near or past due, so no e-mail; `skipped`: an earlier attempt sent it. */
  status: 'sent' | 'recorded' | 'skipped' | 'empty';
  cases: number;
}

export interface DigestActivities {
  planDailyDigest(request: DigestPlanRequest): Promise<DigestPlan>;
  sendDailyDigest(request: DigestSendRequest): Promise<DigestSendResult>;
}

export interface DigestDeps {
  db: Database;
  config: Config;
  logger: Logger;
  mailer: Transporter | null;
}

/** Statuses in which a target's clock runs; a waiting case's due time moves when it resumes. */
const runningStatuses: CaseStatus[] = ['new', 'assigned', 'in_progress'];

function localDate(calendar: WorkingCalendar, at: Date): string {
  return dateOfDay(dayOfLocal(localOfInstant(calendar.timeZone, at.getTime())));
}

export async function planDailyDigest(
  deps: Pick<DigestDeps, 'db' | 'logger'>,
  request: DigestPlanRequest,
): Promise<DigestPlan> {
  const { db, logger } = deps;
  const at = new Date(request.at);
  const calendar = await loadClockCalendar(db, logger, at);
  const date = localDate(calendar, at);
  if (!describeDay(calendar, date).working) {
    return { date, workingDay: false, horizon: null, recipientIds: [] };
  }

  const heads = await db
    .selectDistinct({ personId: unitMembers.personId })
    .from(unitMembers)
    .innerJoin(people, eq(people.id, unitMembers.personId))
    .where(
      and(
        eq(unitMembers.role, 'head'),
        eq(people.active, true),
        arrayContains(people.roles, ['supervisor']),
      ),
    )
    .orderBy(asc(unitMembers.personId));
  return {
    date,
    workingDay: true,
    horizon: endOfNthWorkingDay(calendar, at, 1).toISOString(),
    recipientIds: heads.map((head) => head.personId),
  };
}

/** Lists the open cases of the units whose targets are not met and due by `horizon`. */
export async function listDigestItems(
  db: Database,
  unitIds: string[],
  horizon: Date,
  now: Date,
): Promise<DigestItem[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({
      reference: cases.reference,
      title: cases.title,
      priority: cases.priority,
      firstResponseDueAt: cases.firstResponseDueAt,
      firstRespondedAt: cases.firstRespondedAt,
      resolutionDueAt: cases.resolutionDueAt,
    })
    .from(cases)
    .where(
      and(
        inArray(cases.unitId, unitIds),
        inArray(cases.status, runningStatuses),
        or(
          and(isNull(cases.firstRespondedAt), lte(cases.firstResponseDueAt, horizon)),
          and(isNull(cases.resolvedAt), lte(cases.resolutionDueAt, horizon)),
        ),
      ),
    );
  const items: DigestItem[] = [];
  for (const row of rows) {
    const base = { reference: row.reference, title: row.title, priority: row.priority };
    const targets = [
      { target: 'firstResponse', dueAt: row.firstRespondedAt ? null : row.firstResponseDueAt },
      { target: 'resolution', dueAt: row.resolutionDueAt },
    ] as const;
    for (const { target, dueAt } of targets) {
      if (!dueAt || dueAt > horizon) continue;
      items.push({ ...base, target, dueAt: dueAt.toISOString(), overdue: dueAt <= now });
    }
  }
  return items.sort(
    (a, b) => a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference),
  );
}

export async function sendDailyDigest(
  deps: DigestDeps,
  request: DigestSendRequest,
): Promise<DigestSendResult> {
  const { db, config, logger } = deps;
  const idempotencyKey = `digest:${request.date}:${request.personId}`;
  if (await alreadyDelivered(db, idempotencyKey)) return { status: 'skipped', cases: 0 };

  const [person] = await db
    .select({ email: people.email, name: people.name, language: people.language })
    .from(people)
    .where(eq(people.id, request.personId));
  if (!person) {
    logger.warn({ personId: request.personId }, 'daily digest for a missing person; skipped');
    return { status: 'empty', cases: 0 };
  }
  const units = await db
    .select({ unitId: unitMembers.unitId })
    .from(unitMembers)
    .where(and(eq(unitMembers.personId, request.personId), eq(unitMembers.role, 'head')));
  const items = await listDigestItems(
    db,
    units.map((unit) => unit.unitId),
    new Date(request.horizon),
    new Date(request.at),
  );
  if (items.length === 0) return { status: 'empty', cases: 0 };

  const language: Language = person.language === 'en' ? 'en' : 'ms';
  const message = renderDigest(language, {
    recipientName: person.name,
    date: request.date,
    items,
    baseUrl: publicBaseUrl(config.PUBLIC_URL),
  });
  const status = await deliverMessage(deps, {
    idempotencyKey,
    recipientId: request.personId,
    recipientEmail: person.email,
    template: 'dailyDigest',
    language,
    subject: message.subject,
    text: message.text,
    data: { date: request.date, references: items.map((item) => item.reference) },
    at: request.at,
  });
  return { status, cases: items.length };
}

export function createDigestActivities(deps: DigestDeps): DigestActivities {
  return {
    planDailyDigest: (request) => planDailyDigest(deps, request),
    sendDailyDigest: (request) => sendDailyDigest(deps, request),
  };
}
