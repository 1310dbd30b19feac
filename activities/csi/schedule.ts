/**
 * The Temporal Schedule `csi-campaign`, which starts a csiCampaign workflow in the chosen months
 * (for example March and September). The schedule itself stores the settings. Its calendar
 * contains the months, day and hour, and its action's input contains the campaign template.
 * Pausing it turns the periodic campaigns off.
 */
import {
  MONTHS,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type Range,
  type ScheduleDescription,
} from '@temporalio/client';
import {
  csiCampaignWorkflowType,
  csiScheduleId,
  type CsiCampaignInput,
  type CsiScheduleTemplate,
} from '../../common/csi';
import type { Logger } from '../../common/logger';
import { malaysiaTimeZone } from '../../common/working-time';
import { upsertSchedule, type ScheduleDefinition } from '../schedules';

export interface CsiScheduleSettings {
  /** False pauses the schedule; no campaign starts until it is enabled again. */
  enabled: boolean;
  /** Months (1–12) in which a campaign opens. */
  months: number[];
  /** Day of the month (1–28) on which it opens. */
  dayOfMonth: number;
  /** Hour (0–23, Malaysian time) at which it opens. */
  hour: number;
  template: CsiScheduleTemplate;
}

export interface CsiScheduleView extends CsiScheduleSettings {
  /** The next instants a campaign will open, ISO 8601; empty while paused. */
  nextRuns: string[];
}

function csiScheduleDefinition(
  settings: CsiScheduleSettings,
  taskQueue: string,
): ScheduleDefinition {
  const input: CsiCampaignInput = { source: 'schedule', template: settings.template };
  return {
    spec: {
      calendars: [
        {
          month: settings.months.map((month) => MONTHS[month - 1] ?? 'JANUARY'),
          dayOfMonth: settings.dayOfMonth,
          hour: settings.hour,
          minute: 0,
        },
      ],
      timezone: malaysiaTimeZone,
    },
    action: {
      type: 'startWorkflow',
      workflowType: csiCampaignWorkflowType,
      workflowId: csiScheduleId,
      taskQueue,
      args: [input],
    },
    // A long campaign does not hold back the next one.
    policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: '1 day' },
  };
}

/** Creates or updates the CSI schedule and pauses it when the settings disable it. */
export function saveCsiSchedule(
  client: Client,
  taskQueue: string,
  settings: CsiScheduleSettings,
  logger: Pick<Logger, 'info'>,
): Promise<'created' | 'updated'> {
  return upsertSchedule(client, csiScheduleId, csiScheduleDefinition(settings, taskQueue), logger, {
    paused: !settings.enabled,
  });
}

function expand<Unit>(ranges: readonly Range<Unit>[], toNumber: (unit: Unit) => number): number[] {
  const values: number[] = [];
  for (const range of ranges) {
    const start = toNumber(range.start);
    const end = toNumber(range.end);
    for (let value = start; value <= end; value += Math.max(1, range.step)) values.push(value);
  }
  return values;
}

function isTemplate(value: unknown): value is CsiCampaignInput & { source: 'schedule' } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'source' in value &&
    value.source === 'schedule' &&
    'template' in value
  );
}

/** Reads the settings back from the schedule, or returns null when there is none. */
export async function readCsiSchedule(client: Client): Promise<CsiScheduleView | null> {
  let description: ScheduleDescription;
  try {
    description = await client.schedule.getHandle(csiScheduleId).describe();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return null;
    throw error;
  }
  const calendar = description.spec.calendars?.[0];
  const input: unknown = description.action.args?.[0];
  if (!calendar || !isTemplate(input)) {
    throw new Error(`the schedule ${csiScheduleId} was not created by Khidmat's CSI settings`);
  }
  return {
    enabled: !description.state.paused,
    months: expand(calendar.month, (month) => MONTHS.indexOf(month) + 1),
    dayOfMonth: expand(calendar.dayOfMonth, (day) => day)[0] ?? 1,
    hour: expand(calendar.hour, (hour) => hour)[0] ?? 0,
    template: input.template,
    nextRuns: description.state.paused
      ? []
      : description.info.nextActionTimes.map((instant) => instant.toISOString()),
  };
}
