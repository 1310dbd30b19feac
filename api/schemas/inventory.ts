/** Zod schemas of the inventory routes: resources, their history and the reservation calendar. */
import { z } from 'zod';
import {
  maxLoanHoursLimit,
  resourceCategories,
  resourceConditions,
  resourceEvents,
  resourceStatuses,
} from '../../common/inventory';
import { line, queryFlag } from './common';

const tagInput = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9./_-]{0,39}$/, 'use 1 to 40 letters, digits, ".", "/", "_" or "-"');

export const resourceParams = z.object({ id: z.uuid() });

export const listResourcesQuery = z.object({
  category: z.enum(resourceCategories).optional(),
  status: z.enum(resourceStatuses).optional(),
  unitId: z.uuid().optional(),
  bookable: queryFlag.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Words in the name, tag or location'),
  cursor: tagInput.optional().describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const createResourceBody = z.strictObject({
  tag: tagInput,
  serialNumber: line(100).nullable().default(null),
  name: line(200),
  description: z.string().trim().max(2000).default(''),
  category: z.enum(resourceCategories),
  location: line(200),
  condition: z.enum(resourceConditions).default('good'),
  owningUnitId: z.uuid(),
  bookable: z.boolean().default(true),
  maxLoanHours: z.number().int().min(1).max(maxLoanHoursLimit).default(168),
});

export const updateResourceBody = z
  .object({
    tag: tagInput,
    serialNumber: line(100).nullable(),
    name: line(200),
    description: z.string().trim().max(2000),
    category: z.enum(resourceCategories),
    status: z.enum(['available', 'in_repair', 'retired'] as const),
    owningUnitId: z.uuid(),
    bookable: z.boolean(),
    maxLoanHours: z.number().int().min(1).max(maxLoanHoursLimit),
    note: z.string().trim().max(2000),
  })
  .partial()
  .describe('Fields to change; status on_loan is set only by a handover');

export const moveResourceBody = z.strictObject({
  location: line(200),
  note: z.string().trim().max(2000).default(''),
});

export const conditionBody = z.strictObject({
  condition: z.enum(resourceConditions),
  note: z.string().trim().max(2000).default(''),
});

export const resourceSummary = z.object({
  id: z.uuid(),
  tag: z.string(),
  serialNumber: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  category: z.enum(resourceCategories),
  location: z.string(),
  condition: z.enum(resourceConditions),
  status: z.enum(resourceStatuses),
  owningUnitId: z.uuid(),
  owningUnitCode: z.string(),
  bookable: z.boolean(),
  maxLoanHours: z.number().int(),
  updatedAt: z.string(),
});

export const resourceList = z.object({
  items: z.array(resourceSummary),
  nextCursor: z.string().nullable(),
});

export const historyEntry = z.object({
  id: z.number().int(),
  event: z.enum(resourceEvents),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  oldValues: z.record(z.string(), z.unknown()),
  newValues: z.record(z.string(), z.unknown()),
  note: z.string(),
  holderReference: z.string().nullable(),
  at: z.string(),
});

export const resourceDetail = resourceSummary.extend({
  /** Empty for customers: only staff read the history. */
  history: z.array(historyEntry),
  canManage: z.boolean(),
});

export const calendarQuery = z.object({
  from: z.iso.datetime({ offset: true }).describe('Start of the period, e.g. a Monday 00:00'),
  days: z.coerce.number().int().min(1).max(31).default(7),
  category: z.enum(resourceCategories).optional(),
});

export const calendarResponse = z.object({
  from: z.string(),
  to: z.string(),
  resources: z.array(
    z.object({
      id: z.uuid(),
      tag: z.string(),
      name: z.string(),
      category: z.enum(resourceCategories),
      reservations: z.array(
        z.object({
          holderKind: z.string(),
          /** Null for customers who do not hold the reservation. */
          holderReference: z.string().nullable(),
          startsAt: z.string(),
          endsAt: z.string(),
        }),
      ),
    }),
  ),
});
