/**
 * The reportMailing workflow, started at 08:00 on the first days of each month by the Temporal
 * Schedule `report-mailing` (created when the API starts, see
 * activities/reports/mailing-schedule.ts):
 *   1. plan: is today the month's first working day of the default calendar, and which
 *      subscriptions are due (monthly every month, quarterly after a quarter, annual in January);
 *   2. on any other day, stop;
 *   3. e-mail each subscriber their report of the period just ended, as an attachment.
 * Each send is idempotent per subscription and period, so a retried or repeated run sends
 * nothing twice.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { ReportMailingActivities, ReportMailingStatus } from '../activities/reports/mailing';

const { planReportMailing } = proxyActivities<ReportMailingActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Building a year's report and sending it may take a while; sending retries for about an hour. */
const { sendReportMailing } = proxyActivities<ReportMailingActivities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

export interface ReportMailingInput {
  /** The instant to run at, ISO 8601; the workflow's start time when absent. */
  at?: string;
}

export interface ReportMailingResult {
  date: string;
  firstWorkingDay: boolean;
  /** Reports per outcome, plus `failed` for those that could not be sent after the retries. */
  outcomes: Record<ReportMailingStatus | 'failed', number>;
}

/** Reports built and sent at once; each builds a whole report, so few run together. */
const sendBatch = 4;

export async function reportMailing(input: ReportMailingInput = {}): Promise<ReportMailingResult> {
  const at = input.at ?? new Date(Date.now()).toISOString();
  const outcomes: ReportMailingResult['outcomes'] = { sent: 0, recorded: 0, skipped: 0, failed: 0 };

  // 1. Plan.
  const plan = await planReportMailing({ at });

  // 2. Only the month's first working day sends reports.
  if (!plan.firstWorkingDay) {
    log.info('no report mailing: not the first working day of the month', { date: plan.date });
    return { date: plan.date, firstWorkingDay: false, outcomes };
  }

  // 3. One e-mail per subscription, with the report of the period just ended.
  for (let index = 0; index < plan.deliveries.length; index += sendBatch) {
    const batch = plan.deliveries.slice(index, index + sendBatch);
    const results = await Promise.all(
      batch.map(async (delivery) => {
        try {
          return (await sendReportMailing({ ...delivery, at })).status;
        } catch (error) {
          log.error('subscribed report not sent', { ...delivery, error: String(error) });
          return 'failed' as const;
        }
      }),
    );
    for (const status of results) outcomes[status] += 1;
  }
  log.info('report mailing done', { date: plan.date, ...outcomes });
  return { date: plan.date, firstWorkingDay: true, outcomes };
}
