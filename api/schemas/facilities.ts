/** Zod schemas of the facility-request API, and the check of answers against an item's fields. */
import { z } from 'zod';
import {
  facilityItemKinds,
  facilityRequestStatuses,
  type FacilityField,
} from '../../common/facility-request';
import type { FieldIssue } from '../../common/errors';

const field = z.object({
  key: z.string(),
  labelMs: z.string(),
  labelEn: z.string(),
  type: z.enum(['text', 'number', 'boolean']),
  required: z.boolean(),
  maxLength: z.number().int().optional(),
});

export const facilityItem = z.object({
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  kind: z.enum(facilityItemKinds),
  fields: z.array(field),
  provisionSteps: z.array(z.string()),
});

export const facilityItemList = z.object({ items: z.array(facilityItem) });

export const applicationBody = z.strictObject({
  itemCode: z.string().trim().min(1).max(100),
  answers: z.record(
    z.string().max(100),
    z.union([z.string().max(5000), z.number().finite(), z.boolean()]),
  ),
});

export const referenceParams = z.object({ reference: z.string().regex(/^PKM-\d{4}-\d{6}$/) });
export const stepParams = referenceParams.extend({ index: z.coerce.number().int().min(0).max(50) });

export const applicationSummary = z.object({
  reference: z.string(),
  itemCode: z.string(),
  itemNameMs: z.string(),
  itemNameEn: z.string(),
  kind: z.enum(facilityItemKinds),
  status: z.enum(facilityRequestStatuses),
  requesterName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export const applicationList = z.object({ items: z.array(applicationSummary) });

export const application = applicationSummary.extend({
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  fields: z.array(field),
  rejectionReason: z.string().nullable(),
  steps: z.array(
    z.object({ name: z.string(), doneById: z.string().nullable(), doneAt: z.string().nullable() }),
  ),
  acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
  /** When the provision steps are due (from the SLA policy); null before approval or without one. */
  provisionDueAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whether the deadline passed before every provision step was done. */
  provisionOverdue: z.boolean(),
  timeline: z.array(
    z.object({
      kind: z.string(),
      actorName: z.string().nullable(),
      detail: z.string().nullable(),
      at: z.iso.datetime({ offset: true }),
    }),
  ),
  approvals: z.array(
    z.object({
      level: z.number().int(),
      approverName: z.string(),
      status: z.string(),
      comment: z.string().nullable(),
      decidedAt: z.iso.datetime({ offset: true }).nullable(),
    }),
  ),
  /** Whether the signed-in person may download the software (the applicant, after handover). */
  canDownload: z.boolean(),
  canProvide: z.boolean(),
  canAcknowledge: z.boolean(),
});

/** Checks answers against an item's fields; returns one issue per invalid or missing answer. */
export function checkAnswers(
  fields: readonly FacilityField[],
  answers: Record<string, string | number | boolean>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) issues.push({ field: `body.answers.${key}`, message: 'unknown field' });
  }
  for (const f of fields) {
    const value = answers[f.key];
    const path = `body.answers.${f.key}`;
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (empty) {
      if (f.required) issues.push({ field: path, message: 'is required' });
      continue;
    }
    if (typeof value !== (f.type === 'text' ? 'string' : f.type)) {
      issues.push({ field: path, message: `must be a ${f.type}` });
    } else if (typeof value === 'string' && value.length > (f.maxLength ?? 500)) {
      issues.push({ field: path, message: `is longer than ${f.maxLength ?? 500} characters` });
    }
  }
  return issues;
}
