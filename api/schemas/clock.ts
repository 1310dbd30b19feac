/** Zod schema of a case's clock explanation (GET /cases/{reference}/clock). */
import { z } from 'zod';
import { clockStates, clockTargets, skipReasons } from '../../activities/sla/explain';
import { waitReasons } from '../../common/enums';
import { holidayKinds } from '../../common/working-time';

const instant = z.iso.datetime();
const times = { start: instant, end: instant, minutes: z.number().describe('Wall-clock minutes') };
const namedDay = z.object({ nameMs: z.string(), nameEn: z.string() });

const clockSpan = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('running'), ...times }),
  z.object({ kind: z.literal('paused'), ...times, waitingFor: z.enum(waitReasons) }),
  z.object({
    kind: z.literal('skipped'),
    ...times,
    reason: z.enum(skipReasons),
    holidays: z.array(namedDay.extend({ kind: z.enum(holidayKinds) })),
    specialPeriod: namedDay.nullable().describe('Such as Ramadan, whose hours apply'),
  }),
]);

export const caseClockSchema = z.object({
  reference: z.string(),
  now: instant,
  targets: z.array(
    z.object({
      target: z.enum(clockTargets),
      state: z.enum(clockStates),
      dueAt: instant.nullable(),
      metAt: instant.nullable(),
      breachedAt: instant.nullable(),
      elapsedMinutes: z.int().describe('Working minutes the clock has run'),
      pausedMinutes: z.int().describe('Wall-clock minutes spent waiting'),
      remainingMinutes: z
        .int()
        .nullable()
        .describe('Working minutes left until the due time; null once met or breached'),
      spans: z.array(clockSpan),
    }),
  ),
});
