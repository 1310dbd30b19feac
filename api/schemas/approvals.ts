/** Zod schemas of the approvals API: tasks, decisions, decision links, rules and delegations. */
import { z } from 'zod';
import {
  approvalDecisionValues,
  approvalModes,
  approvalSubjectKinds,
  approvalTaskStatuses,
  maxApprovalCommentLength,
} from '../../common/approval';
import { roles } from '../../common/enums';
import { line } from './common';

export const approvalTask = z.object({
  id: z.uuid(),
  kind: z.enum(approvalSubjectKinds),
  reference: z.string(),
  title: z.string(),
  link: z.string(),
  level: z.number().int(),
  mode: z.enum(approvalModes),
  status: z.enum(approvalTaskStatuses),
  approver: z.object({ id: z.uuid(), name: z.string() }),
  requester: z.object({ id: z.uuid(), name: z.string() }),
  /** Whom the signed-in person would decide for; null for their own task. */
  onBehalfOf: z.uuid().nullable(),
  canDecide: z.boolean(),
  decision: z
    .object({
      decidedById: z.uuid(),
      onBehalfOf: z.uuid().nullable(),
      comment: z.string(),
      decidedAt: z.iso.datetime({ offset: true }),
    })
    .nullable(),
  since: z.iso.datetime({ offset: true }),
});

export const approvalTaskList = z.object({ items: z.array(approvalTask) });

export const decisionBody = z
  .strictObject({
    decision: z.enum(approvalDecisionValues),
    comment: z.string().trim().max(maxApprovalCommentLength).default(''),
  })
  .refine((body) => body.decision === 'approved' || body.comment !== '', {
    path: ['comment'],
    message: 'A comment giving the reason is required to reject',
  });

export const decisionResponse = z.object({
  task: approvalTask,
  levelClosed: z.boolean(),
  /** Set when the decision finished the chain: whether every level approved. */
  approved: z.boolean().nullable(),
});

export const linkParams = z.object({ token: z.string().min(20).max(100) });

export const linkInfo = z.object({
  kind: z.enum(approvalSubjectKinds),
  reference: z.string(),
  title: z.string(),
  level: z.number().int(),
  requesterName: z.string(),
  approverName: z.string(),
  /** `open` when the link can still decide; otherwise why not. */
  state: z.enum(['open', 'used', 'expired', 'closed']),
});

const approverSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person'), personId: z.uuid() }),
  z.object({ type: z.literal('role'), role: z.enum(roles) }),
  z.object({ type: z.literal('requesterUnitHead') }),
  z.object({ type: z.literal('unitHead'), unitId: z.uuid() }),
  z.object({ type: z.literal('ownerUnitHead') }),
]);

export const ruleLevels = z
  .array(
    z.object({
      mode: z.enum(approvalModes),
      approvers: z.array(approverSpec).min(1).max(20),
    }),
  )
  .min(1)
  .max(5);

/** Ringgit with sen, as the numeric(14,2) columns hold them. */
const money = z
  .number()
  .max(999_999_999_999.99)
  .refine((value) => Number.isInteger(Math.round(value * 100 * 1e6) / 1e6), {
    message: 'at most two decimal places',
  });

export const ruleBody = z
  .strictObject({
    name: line(200),
    subjectKind: z.enum(approvalSubjectKinds),
    category: line(100).nullable().default(null),
    unitId: z.uuid().nullable().default(null),
    minValue: money.nonnegative().nullable().default(null),
    maxValue: money.positive().nullable().default(null),
    priority: z.number().int().min(0).max(10_000).default(100),
    levels: ruleLevels,
    active: z.boolean().default(true),
  })
  .refine(
    (body) => body.minValue === null || body.maxValue === null || body.minValue < body.maxValue,
    { path: ['maxValue'], message: 'maxValue must be greater than minValue' },
  );

export const rule = z.object({
  id: z.uuid(),
  name: z.string(),
  subjectKind: z.string(),
  category: z.string().nullable(),
  unitId: z.uuid().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  priority: z.number().int(),
  levels: ruleLevels,
  active: z.boolean(),
});

/** A calendar day between 1900 and 9999, the years every column and screen can hold. */
const isoDate = z.iso
  .date()
  .refine((value) => value >= '1900-01-01', { message: 'must be in 1900 or later' });

export const delegationBody = z
  .strictObject({
    /** The absent approver; defaults to the signed-in person. */
    approverId: z.uuid().optional(),
    delegateId: z.uuid(),
    startsOn: isoDate,
    endsOn: isoDate,
    reason: z.string().trim().max(500).default(''),
  })
  .refine((body) => body.startsOn <= body.endsOn, {
    path: ['endsOn'],
    message: 'endsOn must be on or after startsOn',
  });

export const delegation = z.object({
  id: z.uuid(),
  approverId: z.uuid(),
  approverName: z.string(),
  delegateId: z.uuid(),
  delegateName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string(),
  revoked: z.boolean(),
});

/** A person by name only, for choosing a delegate without reading the directory. */
export const personName = z.object({ id: z.uuid(), name: z.string() });
