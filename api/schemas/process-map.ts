/** Zod schemas of the live process map: how many cases wait at each box of a lane. */
import { z } from 'zod';
import { caseStatuses } from '../../common/enums';

export const processMapQuery = z.object({
  lane: z.enum(['complaint']).default('complaint'),
});

/** Query parameters of GET /cases (and of the web app's /cases page) that list a box's cases. */
export const caseListFilterSchema = z.object({
  status: z.array(z.enum(caseStatuses)).min(1),
  unassigned: z.boolean().optional(),
  sort: z.enum(['opened', 'due', 'updated']).optional(),
});

export const complaintBoxIds = [
  'receive',
  'assign',
  'work',
  'finding',
  'waitingCustomer',
  'waitingSupplier',
  'inform',
] as const;

export const processMapBoxSchema = z.object({
  id: z.enum(complaintBoxIds),
  kind: z.enum(['step', 'decision', 'waiting']),
  count: z.number().int().min(0),
  /** Null for a box with no case list behind it (the "new finding?" decision). */
  filter: caseListFilterSchema.nullable(),
});

export const processMapSchema = z.object({
  lane: z.literal('complaint'),
  generatedAt: z.iso.datetime(),
  boxes: z.array(processMapBoxSchema),
  closedRecently: z.object({
    days: z.number().int(),
    count: z.number().int().min(0),
    filter: caseListFilterSchema,
  }),
  breached: z.object({
    count: z.number().int().min(0),
    filter: caseListFilterSchema,
  }),
});

export type ProcessMap = z.infer<typeof processMapSchema>;
export type ProcessMapBox = z.infer<typeof processMapBoxSchema>;
export type CaseListFilter = z.infer<typeof caseListFilterSchema>;
