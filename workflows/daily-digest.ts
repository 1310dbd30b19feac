/**
 * The dailyDigest workflow, started each morning by the Temporal Schedule `daily-digest` (which
 * the API creates when it starts, see api/schedules.ts):
 *   1. plan: is today a working day of the default calendar, and who heads a unit;
 *   2. on a day without work, stop;
 *   3. send each unit head one digest of their units' cases near or past their targets.
 * Each send is idempotent per head and date, so a retried or repeated run sends nothing twice.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { DigestActivities, DigestSendResult } from '../activities/reports/digest';

const { planDailyDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Sending retries for about an hour, as the case notifications do; a head left out is logged. */
const { sendDailyDigest } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 10,
  },
});

export interface DailyDigestInput {
  /** The instant to report on, ISO 8601; the workflow's start time when absent. */
  at?: string;
}

export interface DailyDigestResult {
  date: string;
  workingDay: boolean;
  /** Count of digests per outcome, plus `failed` for heads whose digest could not be sent. */
  outcomes: Record<DigestSendResult['status'] | 'failed', number>;
}

/** Digests sent at once. */
const sendBatch = 10;

export async function dailyDigest(input: DailyDigestInput = {}): Promise<DailyDigestResult> {
  const at = input.at ?? new Date(Date.now()).toISOString();
  const outcomes: DailyDigestResult['outcomes'] = {
    sent: 0,
    recorded: 0,
    skipped: 0,
    empty: 0,
    failed: 0,
  };

  // 1. Plan.
  const plan = await planDailyDigest({ at });

  // 2. A weekend or holiday gets no digest.
  if (!plan.workingDay || plan.horizon === null) {
    log.info('no daily digest on a day without work', { date: plan.date });
    return { date: plan.date, workingDay: false, outcomes };
  }
  const horizon = plan.horizon;

  // 3. One digest per unit head.
  for (let index = 0; index < plan.recipientIds.length; index += sendBatch) {
    const batch = plan.recipientIds.slice(index, index + sendBatch);
    const results = await Promise.all(
      batch.map(async (personId) => {
        try {
          return (await sendDailyDigest({ personId, date: plan.date, at, horizon })).status;
        } catch (error) {
          log.error('daily digest not sent', { personId, date: plan.date, error: String(error) });
          return 'failed' as const;
        }
      }),
    );
    for (const status of results) outcomes[status] += 1;
  }
  log.info('daily digest done', { date: plan.date, ...outcomes });
  return { date: plan.date, workingDay: true, outcomes };
}
