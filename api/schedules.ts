/**
 * Temporal Schedules that the API creates when it starts (api/main.ts). Creating one is
 * idempotent: when the schedule already exists, its spec and action are updated to this code's,
 * so a change here reaches the server on the next start.
 */
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { upsertSchedule } from '../activities/schedules';
import type { Logger } from '../common/logger';
import { malaysiaTimeZone } from '../common/working-time';
import type { DailyDigestInput } from '../workflows/daily-digest';

export const dailyDigestScheduleId = 'daily-digest';

/**
 * Builds the schedule: every day at 07:30 in Malaysia, before offices open at 08:00. The workflow
 * itself skips weekends and holidays, because they depend on the calendar that administrators edit.
 */
function dailyDigestSchedule(taskQueue: string) {
  const input: DailyDigestInput = {};
  return {
    spec: { calendars: [{ hour: 7, minute: 30 }], timezone: malaysiaTimeZone },
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'dailyDigest',
      workflowId: 'daily-digest',
      taskQueue,
      args: [input],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  };
}

/** Creates the daily digest schedule, or updates it when it exists; returns which it did. */
export async function ensureDailyDigestSchedule(
  client: Client,
  taskQueue: string,
  logger: Logger,
): Promise<'created' | 'updated'> {
  return upsertSchedule(client, dailyDigestScheduleId, dailyDigestSchedule(taskQueue), logger);
}
