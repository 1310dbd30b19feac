/** Zod schemas of the service-level policies: request bodies and responses. */
import { z } from 'zod';
import { priorities } from '../../common/enums';
import { pausableStatuses, reopenModes, slaWorkflowTypes } from '../../common/sla';
import { codeInput, line } from './common';

const targetSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('workingMinutes'),
      minutes: z.int().min(1).max(525_600).describe('Working minutes, at most a year of minutes'),
    }),
    z.object({
      kind: z.literal('workingDays'),
      days: z
        .int()
        .min(1)
        .max(365)
        .describe(
          'Due at the close of this working day; the opening day counts only when the clock starts at its opening',
        ),
    }),
  ])
  .nullable()
  .describe('Null when the workflow type has no such target');

const escalationSchema = z.object({
  notifyUnitHead: z.boolean().describe('Send the breach to the heads of the unit too'),
  raisePriority: z.boolean().describe('Raise the priority one level at a breach'),
  reassignToUnitQueue: z.boolean().describe("Put the case back in the unit's queue at a breach"),
});

const priority = z
  .union(
    priorities.map((value) => z.literal(value)) as [z.ZodLiteral<1>, ...z.ZodLiteral<2 | 3 | 4>[]],
  )
  .nullable()
  .describe('1 (critical) to 4 (low); null applies to every priority');

export const policyBody = z.strictObject({
  code: codeInput,
  nameMs: line(200),
  nameEn: line(200),
  workflowType: z.enum(slaWorkflowTypes),
  categoryId: z.uuid().nullable().describe('Null applies to every category'),
  priority,
  firstResponse: targetSchema,
  resolution: targetSchema,
  pauseStatuses: z
    .array(z.enum(pausableStatuses))
    .max(pausableStatuses.length)
    .refine((list) => new Set(list).size === list.length, 'list each status once')
    .describe('Statuses during which the clock stops'),
  reopenMode: z
    .enum(reopenModes)
    .describe("'continue': a reopened case's clock goes on; 'restart': it starts again"),
  warningShares: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .max(5)
    .refine((list) => new Set(list).size === list.length, 'list each share once')
    .describe('Shares of each target at which a warning is sent, such as [0.5, 0.75]'),
  escalation: escalationSchema,
  active: z.boolean(),
});

export const policySchema = policyBody.extend({ id: z.uuid() });
