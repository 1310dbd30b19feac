/**
 * The surveyDispatch workflow, started every hour by the Temporal Schedule `survey-dispatch`
 * (created when the API starts, see activities/surveys/schedule.ts):
 *   1. plan: the resolved cases each active survey matches and samples, the unanswered
 *      invitations whose reminder is due, the cases rated 2 or below without a follow-up, and the
 *      follow-ups not yet e-mailed;
 *   2. send each invitation (once per survey and case);
 *   3. send each due reminder (once per invitation);
 *   4. open a follow-up for each low rating;
 *   5. e-mail the unit heads of each new follow-up.
 * Every step is idempotent, so a retried activity or an overlapping run sends nothing twice.
 */
import { log, proxyActivities } from '@temporalio/workflow';
import type { SurveyActivities, SurveySendStatus } from '../activities/surveys';

const { planSurveyDispatch, openRatingFollowUp } = proxyActivities<SurveyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Sending retries for about an hour, as the other e-mails do. What is still unsent is logged. */
const { sendSurveyInvitation, sendSurveyReminder, notifyFollowUp } =
  proxyActivities<SurveyActivities>({
    startToCloseTimeout: '1 minute',
    retry: {
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: 10,
    },
  });

export interface SurveyDispatchInput {
  /** The instant to dispatch at, ISO 8601, or the workflow's start time when absent. */
  at?: string;
}

export interface SurveyDispatchResult {
  invitations: Record<SurveySendStatus | 'failed', number>;
  reminders: Record<SurveySendStatus | 'failed', number>;
  followUpsOpened: number;
  followUpsNotified: number;
}

/** Activities run at once. */
const batchSize = 10;

async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += batchSize) {
    results.push(...(await Promise.all(items.slice(index, index + batchSize).map(run))));
  }
  return results;
}

function emptyCounts(): Record<SurveySendStatus | 'failed', number> {
  return { sent: 0, recorded: 0, skipped: 0, failed: 0 };
}

export async function surveyDispatch(
  input: SurveyDispatchInput = {},
): Promise<SurveyDispatchResult> {
  const at = input.at ?? new Date(Date.now()).toISOString();
  const result: SurveyDispatchResult = {
    invitations: emptyCounts(),
    reminders: emptyCounts(),
    followUpsOpened: 0,
    followUpsNotified: 0,
  };

  // 1. Plan.
  const plan = await planSurveyDispatch({ at });

  // 2. Invitations.
  const invited = await inBatches(plan.invitations, async (invitation) => {
    try {
      return await sendSurveyInvitation({ ...invitation, at });
    } catch (error) {
      log.error('survey invitation not sent', { ...invitation, error: String(error) });
      return 'failed' as const;
    }
  });
  for (const status of invited) result.invitations[status] += 1;

  // 3. Reminders.
  const reminded = await inBatches(plan.reminders, async (invitationId) => {
    try {
      return await sendSurveyReminder({ invitationId, at });
    } catch (error) {
      log.error('survey reminder not sent', { invitationId, error: String(error) });
      return 'failed' as const;
    }
  });
  for (const status of reminded) result.reminders[status] += 1;

  // 4. Follow-ups of low ratings given on the case itself.
  const opened = await inBatches(plan.lowRatingCaseIds, (caseId) =>
    openRatingFollowUp({ caseId, at }),
  );
  result.followUpsOpened = opened.filter((outcome) => outcome.created).length;

  // 5. E-mail the unit heads of every follow-up not yet notified, including those just opened.
  const unnotified =
    result.followUpsOpened > 0 ? (await planSurveyDispatch({ at })).followUpIds : plan.followUpIds;
  const notified = await inBatches(unnotified, async (followUpId) => {
    try {
      await notifyFollowUp({ followUpId, at });
      return true;
    } catch (error) {
      log.error('satisfaction follow-up not e-mailed', { followUpId, error: String(error) });
      return false;
    }
  });
  result.followUpsNotified = notified.filter(Boolean).length;

  log.info('survey dispatch done', { at, ...result });
  return result;
}
