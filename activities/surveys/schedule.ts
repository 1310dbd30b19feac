/**
 * The Temporal Schedule `survey-dispatch`, which starts the surveyDispatch workflow every hour.
 * Creating it is idempotent: when it exists, its spec and action are updated to this code's.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from '../../common/logger';
import type { SurveyDispatchInput } from '../../workflows/survey-dispatch';
import { upsertSchedule } from '../schedules';

export const surveyDispatchScheduleId = 'survey-dispatch';

function surveyDispatchSchedule(taskQueue: string) {
  const input: SurveyDispatchInput = {};
  return {
    spec: { intervals: [{ every: '1 hour', offset: '5 minutes' }] },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'surveyDispatch',
      workflowId: surveyDispatchScheduleId,
      taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  };
}

/** Creates the survey dispatch schedule, or updates it when it exists, and returns which it did. */
export async function ensureSurveyDispatchSchedule(
  client: Client,
  taskQueue: string,
  logger: Logger,
): Promise<'created' | 'updated'> {
  return upsertSchedule(
    client,
    surveyDispatchScheduleId,
    surveyDispatchSchedule(taskQueue),
    logger,
  );
}
