/** Zod schemas of the loan routes. */
import { z } from 'zod';
import { loanEndReasons, loanStatuses, loanTextLimits } from '../../common/facility-loan';
import { resourceConditions } from '../../common/inventory';

export const loanParams = z.object({
  reference: z.string().regex(/^PJM-\d{4}-\d{6}$/, 'a loan reference such as PJM-2026-000001'),
});

export const createLoanBody = z.strictObject({
  resourceId: z.uuid(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  purpose: z.string().trim().min(1).max(loanTextLimits.purpose),
  termsAccepted: z.boolean(),
});

export const listLoansQuery = z.object({
  scope: z
    .enum(['mine', 'unit'])
    .default('mine')
    .describe('mine: loans you borrowed; unit: loans of resources your units own'),
  status: z.enum(loanStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const handoverBody = z.strictObject({
  condition: z.enum(resourceConditions),
  note: z.string().trim().max(loanTextLimits.note).default(''),
  borrowerAcknowledged: z.boolean(),
});

export const checkInBody = z.strictObject({
  condition: z.enum(resourceConditions),
  note: z.string().trim().max(loanTextLimits.note).default(''),
  damage: z.string().trim().max(loanTextLimits.note).default(''),
});

export const cancelLoanBody = z.strictObject({
  reason: z.string().trim().min(1).max(loanTextLimits.reason),
});

export const loanSummary = z.object({
  reference: z.string(),
  status: z.enum(loanStatuses),
  resourceId: z.uuid(),
  resourceName: z.string(),
  resourceTag: z.string(),
  borrowerId: z.uuid(),
  borrowerName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  overdue: z.boolean(),
  requestedAt: z.string(),
});

export const loanList = z.object({ items: z.array(loanSummary) });

export const loanDetail = loanSummary.extend({
  purpose: z.string(),
  owningUnitId: z.uuid(),
  endReason: z.enum(loanEndReasons).nullable(),
  reason: z.string().nullable(),
  handedOverAt: z.string().nullable(),
  checkoutCondition: z.enum(resourceConditions).nullable(),
  borrowerAcknowledgedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  checkinCondition: z.enum(resourceConditions).nullable(),
  damage: z.string().nullable(),
  damageCaseReference: z.string().nullable(),
  reminderSentAt: z.string().nullable(),
  overdueSince: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Actions the signed-in person may take now. */
  actions: z.object({ handover: z.boolean(), checkIn: z.boolean(), cancel: z.boolean() }),
  timeline: z.array(
    z.object({
      step: z.number().int(),
      action: z.string(),
      actorName: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
      at: z.string(),
    }),
  ),
});
