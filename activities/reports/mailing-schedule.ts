/**
 * The Temporal Schedule `report-mailing`, which starts the reportMailing workflow at 08:00
 * Malaysian time on each of the first ten days of a month. The workflow sends only on the month's
 * first working day, because working days depend on the calendar that administrators edit.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from '../../common/logger';
import { malaysiaTimeZone } from '../../common/working-time';
import type { ReportMailingInput } from '../../workflows/report-mailing';
import { upsertSchedule, type ScheduleDefinition } from '../schedules';

export const reportMailingScheduleId = 'report-mailing';

/**
 * Days of the month on which the workflow runs.
 * NOTE: a month whose first ten days are all holidays or weekends gets no reports; no calendar
 * seen so far has such a month.
 */
const candidateDays = { start: 1, end: 10 };

function reportMailingSchedule(taskQueue: string): ScheduleDefinition {
  const input: ReportMailingInput = {};
  return {
    spec: {
      calendars: [{ dayOfMonth: candidateDays, hour: 8, minute: 0 }],
      timezone: malaysiaTimeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: 'reportMailing',
      workflowId: reportMailingScheduleId,
      taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  };
}

/** Creates the report mailing schedule, or updates it when it exists, and returns which it did. */
export function ensureReportMailingSchedule(
  client: Client,
  taskQueue: string,
  logger: Pick<Logger, 'info'>,
): Promise<'created' | 'updated'> {
  return upsertSchedule(client, reportMailingScheduleId, reportMailingSchedule(taskQueue), logger);
}
