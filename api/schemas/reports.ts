/** Zod schemas of the charter report: the period and filter query, and the responses. */
import { z } from 'zod';
import { charterOutcomes, charterTargets } from '../../activities/reports/charter';
import { languages } from '../../common/enums';

const localDate = z.iso.date().describe('A local date in Malaysian time, YYYY-MM-DD');
/** A uuid, or `none` for the cases without one. */
const idOrNone = z.union([z.uuid(), z.literal('none')]);

const periodFields = {
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('A calendar year'),
  month: z.coerce.number().int().min(1).max(12).optional().describe('A month of `year`, 1 to 12'),
  half: z.coerce
    .number()
    .int()
    .min(1)
    .max(2)
    .optional()
    .describe('A half of `year`: 1 is January to June, 2 July to December'),
  from: localDate.optional().describe('First day of a range; needs `to`'),
  to: localDate.optional().describe('Last day of a range, inclusive; needs `from`'),
};

const filterFields = {
  priority: z.coerce.number().int().min(1).max(4).optional(),
  unitId: idOrNone.optional(),
  categoryId: idOrNone.optional(),
};

export const charterQuery = z.object({
  ...periodFields,
  ...filterFields,
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  lang: z.enum(languages).optional().describe("Language of a CSV or XLSX; the reader's by default"),
});

export const charterCasesQuery = z.object({
  ...periodFields,
  ...filterFields,
  target: z.enum(charterTargets),
  outcome: z.enum(charterOutcomes),
});

const named = z.object({ id: z.uuid(), nameMs: z.string(), nameEn: z.string() }).nullable();
const counts = z.object({
  met: z.int(),
  breached: z.int(),
  pending: z.int().describe('Not met, and the due time has not passed'),
  noTarget: z.int().describe('Cases without a due time'),
  share: z.number().nullable().describe('met / (met + breached); null when both are 0'),
});

export const charterReportSchema = z.object({
  period: z.object({ from: localDate, to: localDate, timeZone: z.string() }),
  rows: z.array(
    z.object({
      priority: z.int(),
      unit: named,
      category: named,
      cases: z.int(),
      firstResponse: counts,
      resolution: counts,
    }),
  ),
  totals: z.object({ cases: z.int(), firstResponse: counts, resolution: counts }),
});

export const charterCasesSchema = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      title: z.string(),
      priority: z.int(),
      openedAt: z.iso.datetime(),
      dueAt: z.iso.datetime().nullable(),
      metAt: z.iso.datetime().nullable(),
      outcome: z.enum(charterOutcomes),
    }),
  ),
});
