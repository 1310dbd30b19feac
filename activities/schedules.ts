/**
 * Creates or updates a Temporal Schedule from a definition in code. The daily digest, survey
 * dispatch, report mailing and CSI schedules go through it, so a changed spec or action reaches
 * the server on the next start (or the next save of a setting). The schedule is never deleted, so
 * its history of runs stays.
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Logger } from '../common/logger';

/** The spec, action and policies of a schedule; its id and paused state are given apart. */
export type ScheduleDefinition = Pick<ScheduleOptions, 'spec' | 'action' | 'policies'>;

export interface UpsertScheduleOptions {
  /** The paused state to set; when absent, a new schedule runs and an existing one keeps its state. */
  paused?: boolean;
}

/** Creates the schedule, or updates it when it exists, and returns which it did. */
export async function upsertSchedule(
  client: Client,
  scheduleId: string,
  definition: ScheduleDefinition,
  logger: Pick<Logger, 'info'>,
  options: UpsertScheduleOptions = {},
): Promise<'created' | 'updated'> {
  const { paused } = options;
  try {
    await client.schedule.create({
      scheduleId,
      ...definition,
      ...(paused === undefined ? {} : { state: { paused } }),
    });
    logger.info({ scheduleId }, 'Temporal schedule created');
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => ({
    ...previous,
    ...definition,
    state: paused === undefined ? previous.state : { ...previous.state, paused },
  }));
  logger.info({ scheduleId }, 'Temporal schedule updated');
  return 'updated';
}
