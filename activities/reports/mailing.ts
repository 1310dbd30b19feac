/**
 * Activities of the reportMailing workflow. On the first working day of a month of the default
 * calendar, each active subscription whose period has just ended gets one e-mail with the
 * periodic report attached, as XLSX or PDF in the subscription's language. The outbox key
 * `report:<subscription>:<from>:<to>` makes a retried activity, or a second run, send each report
 * once.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Channel, Language } from '../../common/enums';
import { describeDay } from '../../common/working-time';
import { dateOfDay, dayOfLocal, localOfInstant } from '../../common/working-time/zone';
import { reportSubscriptions } from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { findCampus } from '../identity/campuses';
import { loadPrincipal } from '../identity/principals';
import { publicBaseUrl } from '../notifications/format';
import { loadClockCalendar } from '../sla/case-clock';
import { renderReportMailing } from './mailing-messages';
import { periodsEndingBefore, type MailingPeriod, type ReportKind } from './mailing-periods';
import { buildPeriodicReport } from './periodic';
import { periodicReportPdf, periodicReportXlsx } from './periodic-export';
import { reportPeriod } from './periodic-period';
import { periodicScopeOf, scopeCoversUnit } from './periodic-scope';
import type { ReportFilters } from './periodic-types';

export interface ReportMailingDelivery {
  subscriptionId: string;
  kind: ReportKind;
  from: string;
  to: string;
}

export interface ReportMailingPlan {
  /** The local date of the run in the calendar's time zone. */
  date: string;
  /** True when the date is the month's first working day; only then is anything sent. */
  firstWorkingDay: boolean;
  deliveries: ReportMailingDelivery[];
}

export type ReportMailingStatus = 'sent' | 'recorded' | 'skipped';

export interface ReportMailingActivities {
  planReportMailing(request: { at: string }): Promise<ReportMailingPlan>;
  sendReportMailing(
    request: ReportMailingDelivery & { at: string },
  ): Promise<{ status: ReportMailingStatus }>;
}

const monthMs = 31 * 24 * 60 * 60 * 1000;

const fileTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** Returns whether `date` is worked and no earlier day of its month is. */
function isFirstWorkingDay(calendar: Parameters<typeof describeDay>[0], date: string): boolean {
  if (!describeDay(calendar, date).working) return false;
  const monthStart = `${date.slice(0, 8)}01`;
  for (let day = monthStart; day < date; day = nextDay(day)) {
    if (describeDay(calendar, day).working) return false;
  }
  return true;
}

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export async function planReportMailing(
  deps: Pick<OutboxDeps, 'db' | 'logger'>,
  request: { at: string },
): Promise<ReportMailingPlan> {
  const at = new Date(request.at);
  // Holidays from a month back, so the earlier days of this month are judged with theirs.
  const holidaysFrom = new Date(at.getTime() - monthMs);
  const calendar = await loadClockCalendar(deps.db, deps.logger, holidaysFrom);
  const date = dateOfDay(dayOfLocal(localOfInstant(calendar.timeZone, at.getTime())));
  if (!isFirstWorkingDay(calendar, date)) {
    return { date, firstWorkingDay: false, deliveries: [] };
  }
  const periods = new Map<ReportKind, MailingPeriod>(
    periodsEndingBefore(date).map((period) => [period.kind, period]),
  );
  const rows = await deps.db
    .select({ id: reportSubscriptions.id, kind: reportSubscriptions.kind })
    .from(reportSubscriptions)
    .where(
      and(
        isNull(reportSubscriptions.cancelledAt),
        inArray(reportSubscriptions.kind, [...periods.keys()]),
      ),
    )
    .orderBy(asc(reportSubscriptions.createdAt), asc(reportSubscriptions.id));
  const deliveries = rows.flatMap((row) => {
    const period = periods.get(row.kind as ReportKind);
    return period
      ? [{ subscriptionId: row.id, kind: period.kind, from: period.from, to: period.to }]
      : [];
  });
  return { date, firstWorkingDay: true, deliveries };
}

/**
 * Builds one subscriber's report for the period and e-mails it as an attachment. The report
 * covers what the subscriber may read when it is sent, so a supervisor who has left a unit no
 * longer receives its cases. Returns `skipped` when an earlier attempt sent it, or when the
 * subscription was cancelled or its person may no longer read the report.
 */
export async function sendReportMailing(
  deps: OutboxDeps,
  request: ReportMailingDelivery & { at: string },
): Promise<{ status: ReportMailingStatus }> {
  const { db, logger } = deps;
  const idempotencyKey = `report:${request.subscriptionId}:${request.from}:${request.to}`;
  if (await alreadyDelivered(db, idempotencyKey)) return { status: 'skipped' };

  const [subscription] = await db
    .select()
    .from(reportSubscriptions)
    .where(eq(reportSubscriptions.id, request.subscriptionId));
  if (!subscription || subscription.cancelledAt) return { status: 'skipped' };
  const principal = await loadPrincipal(db, subscription.personId);
  const scope = principal ? periodicScopeOf(principal) : null;
  const filters: ReportFilters = {
    ...subscription.filters,
    channel: subscription.filters.channel as Channel | undefined,
  };
  if (!principal || !scope || !scopeCoversUnit(scope, filters.unitId)) {
    logger.warn(
      { subscriptionId: subscription.id, personId: subscription.personId },
      'subscribed report not sent because its person may no longer read it',
    );
    return { status: 'skipped' };
  }

  const language: Language = subscription.language === 'en' ? 'en' : 'ms';
  const campus = filters.campus ? await findCampus(db, filters.campus) : null;
  const filterNames = campus ? { campus: language === 'en' ? campus.nameEn : campus.nameMs } : {};
  const report = await buildPeriodicReport(db, {
    period: reportPeriod(request.from, request.to),
    filters,
    scope,
    now: new Date(request.at),
  });
  const format = subscription.format === 'pdf' ? 'pdf' : 'xlsx';
  const content =
    format === 'pdf'
      ? await periodicReportPdf(report, language, undefined, filterNames)
      : await periodicReportXlsx(report, language, undefined, filterNames);
  const fileName = `laporan-berkala-${request.from}-${request.to}.${format}`;
  const message = renderReportMailing(language, {
    recipientName: principal.name,
    kind: request.kind,
    from: request.from,
    to: request.to,
    fileName,
    url: `${publicBaseUrl(deps.config.PUBLIC_URL)}/reports/subscriptions`,
  });
  const status = await deliverMessage(deps, {
    idempotencyKey,
    recipientId: principal.id,
    recipientEmail: principal.email,
    template: 'periodicReport',
    language,
    subject: message.subject,
    text: message.text,
    data: {
      subscriptionId: subscription.id,
      kind: request.kind,
      from: request.from,
      to: request.to,
    },
    attachments: [{ filename: fileName, contentType: fileTypes[format], content }],
    at: request.at,
  });
  return { status };
}

export function createReportMailingActivities(deps: OutboxDeps): ReportMailingActivities {
  return {
    planReportMailing: (request) => planReportMailing(deps, request),
    sendReportMailing: (request) => sendReportMailing(deps, request),
  };
}
