/** Zod schemas of the cases API: what the routes accept and exactly what they return. */
import { z } from 'zod';
import { dueLevels } from '../../activities/sla/queue-times';
import { complaintTextLimits } from '../../common/complaint';
import { caseStatuses, channels, waitReasons } from '../../common/enums';

export const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
const text = (max: number) => z.string().trim().min(1).max(max);
const timestamp = z.iso.datetime().nullable();

export const referenceParams = z.object({
  reference: z.string().regex(/^[A-Z]{3}-\d{4}-\d{6}$/, 'a case reference such as ADU-2026-000123'),
});

/** Attachment ids, each at most once. */
const attachmentIdList = z
  .array(z.uuid())
  .max(50)
  .default([])
  .refine((ids) => new Set(ids).size === ids.length, 'each attachment id may appear once');

export const createCaseBody = z.strictObject({
  title: z.string().trim().min(3).max(200),
  description: text(complaintTextLimits.body),
  /** Defaults to portal for a customer; an agent logging for someone else must give it. */
  channel: z.enum(channels).optional(),
  /** The customer an agent logs the case for: an existing person, or a new one by e-mail. */
  requester: z
    .union([
      z.strictObject({ id: z.uuid() }),
      z.strictObject({
        email: z.email().max(254),
        name: text(200),
        phone: z.string().trim().max(40).optional(),
      }),
    ])
    .optional(),
  serviceId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  impact: level.optional(),
  urgency: level.optional(),
  attachmentIds: attachmentIdList,
});

export const listCasesQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.enum(caseStatuses)).optional()),
  /** One unit id, or several separated by commas: cases of any of them. */
  unitId: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',') : undefined))
    .pipe(z.array(z.uuid()).max(50).optional()),
  assigneeId: z.uuid().optional(),
  requesterId: z.uuid().optional(),
  unassigned: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  channel: z.enum(channels).optional(),
  priority: z.coerce.number().int().min(1).max(4).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['opened', 'due', 'updated']).default('opened'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

const named = z.object({ id: z.uuid(), name: z.string() }).nullable();
const bilingual = z.object({ id: z.uuid(), nameMs: z.string(), nameEn: z.string() }).nullable();

export const caseSummary = z.object({
  reference: z.string(),
  title: z.string(),
  status: z.enum(caseStatuses),
  channel: z.enum(channels),
  priority: z.number().int(),
  requester: named,
  unitId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  assignee: named,
  categoryId: z.uuid().nullable(),
  waitingFor: z.enum(waitReasons).nullable(),
  openedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  firstResponseDueAt: timestamp,
  resolutionDueAt: timestamp,
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
  /** The queue colour of the resolution target; null without a due time or once resolved. */
  resolutionWarnAt: timestamp,
  resolutionRemainingMinutes: z
    .int()
    .nullable()
    .describe('Working minutes left until the due time'),
  resolutionDueLevel: z.enum(dueLevels).nullable(),
});

export const caseList = z.object({
  items: z.array(caseSummary),
  nextCursor: z.string().nullable(),
});

export const timelineEntry = z.object({
  id: z.uuid(),
  kind: z.string(),
  visibility: z.enum(['public', 'internal']),
  author: named,
  body: z.string(),
  minutes: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});

export const attachmentInfo = z.object({
  id: z.uuid(),
  messageId: z.uuid().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.iso.datetime(),
});

export const historyEntry = z.object({
  at: z.iso.datetime(),
  actor: named,
  action: z.string(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  /** The person, unit, category or service behind an id value; null for other fields. */
  oldName: z.object({ ms: z.string(), en: z.string() }).nullable(),
  newName: z.object({ ms: z.string(), en: z.string() }).nullable(),
});

/** One case. Fields marked staff-only are absent from a customer's view. */
export const caseDetail = z.object({
  reference: z.string(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  status: z.enum(caseStatuses),
  channel: z.enum(channels),
  priority: z.number().int(),
  impact: z.number().int(),
  urgency: z.number().int(),
  service: bilingual,
  category: bilingual,
  requester: z.object({ id: z.uuid(), name: z.string(), email: z.string().optional() }),
  unit: bilingual,
  assignee: named,
  waitingFor: z.enum(waitReasons).nullable(),
  openedAt: z.iso.datetime(),
  firstRespondedAt: timestamp,
  resolvedAt: timestamp,
  closedAt: timestamp,
  sla: z.object({
    firstResponseDueAt: timestamp,
    resolutionDueAt: timestamp,
    firstResponseBreached: z.boolean(),
    resolutionBreached: z.boolean(),
  }),
  reopenCount: z.number().int(),
  resolutionNote: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  timeline: z.array(timelineEntry),
  attachments: z.array(attachmentInfo),
  /** Staff only. */
  workMinutes: z.number().int().optional(),
  /** Staff only. */
  history: z.array(historyEntry).optional(),
  /** Staff only: the workflow behind the case and its page in the Temporal UI. */
  workflow: z
    .object({ id: z.string(), temporalUiUrl: z.string(), state: z.unknown().optional() })
    .nullable()
    .optional(),
  source: z.string().optional(),
  externalRef: z.string().nullable().optional(),
});

export type CaseDetail = z.infer<typeof caseDetail>;

const attachmentIds = attachmentIdList;
const { body: bodyMax, short: shortMax, comment: commentMax } = complaintTextLimits;

export const actionBodies = {
  classify: z.strictObject({
    serviceId: z.uuid().nullable().optional(),
    categoryId: z.uuid().nullable().optional(),
    impact: level,
    urgency: level,
  }),
  assign: z.strictObject({
    unitId: z.uuid(),
    assigneeId: z.uuid().nullable().default(null),
    reason: text(shortMax),
  }),
  workLog: z.strictObject({
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    body: text(bodyMax),
  }),
  reply: z.strictObject({ body: text(bodyMax), attachmentIds }),
  note: z.strictObject({ body: text(bodyMax), attachmentIds }),
  wait: z.strictObject({ reason: z.enum(waitReasons), body: text(bodyMax) }),
  empty: z.strictObject({}),
  finding: z.strictObject({ title: text(shortMax), body: text(bodyMax) }),
  resolve: z.strictObject({ resolutionNote: text(bodyMax) }),
  reopen: z.strictObject({ reason: text(shortMax) }),
  rate: z.strictObject({
    score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    comment: z.string().trim().max(commentMax).default(''),
  }),
};

export const actionResponse = z.object({
  case: caseDetail,
});

export const ratingTokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[\w-]+$/),
});
export const ratingInfo = z.object({
  reference: z.string(),
  title: z.string(),
  rated: z.boolean(),
  expired: z.boolean(),
});
