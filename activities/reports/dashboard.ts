/**
 * The management dashboard's figures: open cases by status and by unit, the cases at risk of
 * breaching a target, today's intake, and satisfaction per month over the last 12 months. Days
 * and months are Malaysian (Asia/Kuala_Lumpur), as in the periodic report.
 */
import { and, asc, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { openStatuses, pausedStatuses, type CaseStatus, type Channel } from '../../common/enums';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import {
  cases,
  csiAnswers,
  csiResponses,
  surveyAnswers,
  surveyInvitations,
  units,
} from '../../db/schema';
import { loadClockCalendar } from '../sla/case-clock';
import { queueDueState, type DueLevel } from '../sla/queue-times';
import { malaysianMidnight, reportTimeZone } from './periodic-period';
import type { ReportScope } from './periodic-types';

/** At most this many at-risk cases are listed; the counts cover them all. */
export const maxAtRiskListed = 50;
/** Months of satisfaction, the current month last. */
export const satisfactionMonths = 12;

export interface DashboardRequest {
  scope: ReportScope;
  now: Date;
  /** Share of a target after which a case is at risk, as SLA_WARNING_SHARE sets it. */
  warningShare: number;
}

export interface UnitWork {
  /** Null for the cases not yet given to a unit. */
  unitId: string | null;
  nameMs: string | null;
  nameEn: string | null;
  total: number;
  byStatus: Record<CaseStatus, number>;
}

export interface AtRiskCase {
  reference: string;
  title: string;
  priority: number;
  status: CaseStatus;
  unitId: string | null;
  target: 'firstResponse' | 'resolution';
  level: 'warning' | 'breached';
  dueAt: string;
  warnAt: string | null;
}

export interface MonthlyMean {
  /** Scores or ratings given in the month. */
  count: number;
  /** Their mean on the 1–5 scale, two decimals; null when there were none. */
  mean: number | null;
}

export interface SatisfactionMonth {
  /** YYYY-MM, Malaysian calendar. */
  month: string;
  /** Ratings given on resolved cases. */
  ratings: MonthlyMean;
  /** Scale answers of the satisfaction surveys sent after cases. */
  surveys: MonthlyMean;
  /** Scores of the CSI campaigns, for the whole division. */
  csi: MonthlyMean;
}

export interface Dashboard {
  generatedAt: string;
  openByStatus: { status: CaseStatus; cases: number }[];
  openByUnit: UnitWork[];
  atRisk: { warning: number; breached: number; cases: AtRiskCase[] };
  todayIntake: {
    /** Today's date, YYYY-MM-DD. */
    date: string;
    received: number;
    byChannel: { channel: Channel; cases: number }[];
    byType: { type: string; cases: number }[];
  };
  satisfaction: SatisfactionMonth[];
}

const dayMs = 24 * 60 * 60 * 1000;
const malaysianDay = new Intl.DateTimeFormat('en-CA', { timeZone: reportTimeZone });
const zone = sql.raw(`'${reportTimeZone}'`);

function scopeCondition(scope: ReportScope): SQL | undefined {
  if (scope.unitIds === null) return undefined;
  return scope.unitIds.length > 0 ? inArray(cases.unitId, scope.unitIds) : sql`false`;
}

const openCondition = inArray(cases.status, [...openStatuses]);

function emptyByStatus(): Record<CaseStatus, number> {
  return {
    new: 0,
    assigned: 0,
    in_progress: 0,
    waiting_customer: 0,
    waiting_supplier: 0,
    resolved: 0,
    closed: 0,
  };
}

async function openWork(db: Database, scope: ReportScope) {
  const rows = await db
    .select({
      unitId: cases.unitId,
      status: cases.status,
      cases: sql<number>`count(*)::int`,
    })
    .from(cases)
    .where(and(openCondition, scopeCondition(scope)))
    .groupBy(cases.unitId, cases.status);
  const unitIds = [...new Set(rows.flatMap((row) => (row.unitId ? [row.unitId] : [])))];
  const names =
    unitIds.length === 0
      ? []
      : await db
          .select({ id: units.id, nameMs: units.nameMs, nameEn: units.nameEn })
          .from(units)
          .where(inArray(units.id, unitIds));
  const nameOf = new Map(names.map((row) => [row.id, row]));

  const byStatus = emptyByStatus();
  const byUnit = new Map<string | null, UnitWork>();
  for (const row of rows) {
    const status = row.status as CaseStatus;
    byStatus[status] += row.cases;
    const unit = byUnit.get(row.unitId) ?? {
      unitId: row.unitId,
      nameMs: row.unitId ? (nameOf.get(row.unitId)?.nameMs ?? null) : null,
      nameEn: row.unitId ? (nameOf.get(row.unitId)?.nameEn ?? null) : null,
      total: 0,
      byStatus: emptyByStatus(),
    };
    unit.byStatus[status] += row.cases;
    unit.total += row.cases;
    byUnit.set(row.unitId, unit);
  }
  return {
    openByStatus: openStatuses.map((status) => ({ status, cases: byStatus[status] })),
    openByUnit: [...byUnit.values()].sort(
      (a, b) => b.total - a.total || (a.nameMs ?? '').localeCompare(b.nameMs ?? ''),
    ),
  };
}

/**
 * Finds the open cases whose first response or resolution target is past its warning time (the
 * warning share of the target, in working time) or breached, with queueDueState, the rule of the
 * agent queues. A case that waits for the customer or a supplier counts only once breached.
 * NOTE: every open case with a due time is read and measured in working time. That is cheap for
 * thousands of open cases. A division with far more would need the warning time stored on cases.
 */
async function casesAtRisk(db: Database, logger: Pick<Logger, 'warn'>, request: DashboardRequest) {
  const rows = await db
    .select({
      reference: cases.reference,
      title: cases.title,
      priority: cases.priority,
      status: cases.status,
      unitId: cases.unitId,
      openedAt: cases.openedAt,
      firstRespondedAt: cases.firstRespondedAt,
      firstResponseDueAt: cases.firstResponseDueAt,
      firstResponseBreached: cases.firstResponseBreached,
      resolutionDueAt: cases.resolutionDueAt,
      resolutionBreached: cases.resolutionBreached,
    })
    .from(cases)
    .where(
      and(
        openCondition,
        scopeCondition(request.scope),
        sql`(${cases.resolutionDueAt} is not null or ${cases.firstResponseDueAt} is not null)`,
      ),
    )
    .orderBy(asc(cases.openedAt));
  const first = rows[0];
  if (!first) return { warning: 0, breached: 0, cases: [] };

  const calendar = await loadClockCalendar(db, logger, first.openedAt);
  const found: AtRiskCase[] = [];
  for (const row of rows) {
    const status = row.status as CaseStatus;
    const paused = pausedStatuses.includes(status);
    const targets = [
      {
        target: 'firstResponse' as const,
        dueAt: row.firstResponseDueAt,
        breached: row.firstResponseBreached,
        done: row.firstRespondedAt !== null,
      },
      {
        target: 'resolution' as const,
        dueAt: row.resolutionDueAt,
        breached: row.resolutionBreached,
        done: false,
      },
    ];
    // A case counts once, by its most urgent target: breached before warning.
    let worst: AtRiskCase | null = null;
    for (const target of targets) {
      const state = queueDueState(
        calendar,
        {
          openedAt: row.openedAt,
          dueAt: target.dueAt,
          breached: target.breached,
          paused,
          done: target.done,
        },
        request.now,
        request.warningShare,
      );
      const level: DueLevel | null = state.level;
      if ((level !== 'warning' && level !== 'breached') || !target.dueAt) continue;
      if (worst && (worst.level === 'breached' || level === 'warning')) continue;
      worst = {
        reference: row.reference,
        title: row.title,
        priority: row.priority,
        status,
        unitId: row.unitId,
        target: target.target,
        level,
        dueAt: target.dueAt.toISOString(),
        warnAt: state.warnAt,
      };
    }
    if (worst) found.push(worst);
  }
  const urgency = (entry: AtRiskCase) => (entry.level === 'breached' ? 0 : 1);
  found.sort(
    (a, b) =>
      urgency(a) - urgency(b) ||
      a.dueAt.localeCompare(b.dueAt) ||
      a.reference.localeCompare(b.reference),
  );
  return {
    warning: found.filter((entry) => entry.level === 'warning').length,
    breached: found.filter((entry) => entry.level === 'breached').length,
    cases: found.slice(0, maxAtRiskListed),
  };
}

async function todayIntake(db: Database, scope: ReportScope, now: Date) {
  const date = malaysianDay.format(now);
  const start = malaysianMidnight(date);
  const end = new Date(start.getTime() + dayMs);
  const today = and(gte(cases.openedAt, start), lt(cases.openedAt, end), scopeCondition(scope));
  const byChannel = await db
    .select({ channel: cases.channel, cases: sql<number>`count(*)::int` })
    .from(cases)
    .where(today)
    .groupBy(cases.channel)
    .orderBy(asc(cases.channel));
  const byType = await db
    .select({ type: cases.type, cases: sql<number>`count(*)::int` })
    .from(cases)
    .where(today)
    .groupBy(cases.type)
    .orderBy(asc(cases.type));
  return {
    date,
    received: byChannel.reduce((sum, row) => sum + row.cases, 0),
    byChannel: byChannel.map((row) => ({ channel: row.channel as Channel, cases: row.cases })),
    byType,
  };
}

/** Returns the last `count` Malaysian months up to the one of `now`, oldest first, as YYYY-MM. */
export function lastMonths(now: Date, count: number): string[] {
  const [year, month] = malaysianDay.format(now).split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

const toMean = (value: string | null): number | null =>
  value === null ? null : Math.round(Number(value) * 100) / 100;

async function satisfactionByMonth(db: Database, scope: ReportScope, now: Date) {
  const months = lastMonths(now, satisfactionMonths);
  const since = malaysianMidnight(`${months[0]}-01`);
  const monthOf = (instant: SQL | typeof cases.ratedAt) =>
    sql<string>`to_char(${instant} at time zone ${zone}, 'YYYY-MM')`;

  const ratings = await db
    .select({
      month: monthOf(cases.ratedAt),
      count: sql<number>`count(*)::int`,
      mean: sql<string | null>`avg(${cases.rating})`,
    })
    .from(cases)
    .where(and(isNotNull(cases.rating), gte(cases.ratedAt, since), scopeCondition(scope)))
    .groupBy(sql`1`);
  const surveys = await db
    .select({
      month: monthOf(sql`${surveyInvitations.answeredAt}`),
      count: sql<number>`count(*)::int`,
      mean: sql<string | null>`avg(${surveyAnswers.score})`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyInvitations, sql`${surveyInvitations.id} = ${surveyAnswers.invitationId}`)
    .innerJoin(cases, sql`${cases.id} = ${surveyInvitations.caseId}`)
    .where(
      and(
        isNotNull(surveyAnswers.score),
        gte(surveyInvitations.answeredAt, since),
        scopeCondition(scope),
      ),
    )
    .groupBy(sql`1`);
  const csi = await db
    .select({
      month: sql<string>`to_char(${csiResponses.submittedOn}, 'YYYY-MM')`,
      count: sql<number>`count(*)::int`,
      mean: sql<string | null>`avg(${csiAnswers.score})`,
    })
    .from(csiAnswers)
    .innerJoin(csiResponses, sql`${csiResponses.id} = ${csiAnswers.responseId}`)
    .where(gte(csiResponses.submittedOn, months[0] + '-01'))
    .groupBy(sql`1`);

  const index = (rows: { month: string; count: number; mean: string | null }[]) =>
    new Map(rows.map((row) => [row.month, { count: row.count, mean: toMean(row.mean) }]));
  const byRating = index(ratings);
  const bySurvey = index(surveys);
  const byCsi = index(csi);
  const none: MonthlyMean = { count: 0, mean: null };
  return months.map((month) => ({
    month,
    ratings: byRating.get(month) ?? none,
    surveys: bySurvey.get(month) ?? none,
    csi: byCsi.get(month) ?? none,
  }));
}

/** Builds the dashboard over the caller's units. */
export async function buildDashboard(
  db: Database,
  logger: Pick<Logger, 'warn'>,
  request: DashboardRequest,
): Promise<Dashboard> {
  const work = await openWork(db, request.scope);
  return {
    generatedAt: request.now.toISOString(),
    ...work,
    atRisk: await casesAtRisk(db, logger, request),
    todayIntake: await todayIntake(db, request.scope, request.now),
    satisfaction: await satisfactionByMonth(db, request.scope, request.now),
  };
}
