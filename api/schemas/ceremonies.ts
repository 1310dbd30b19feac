/** Zod schemas of the event support routes. */
import { z } from 'zod';
import {
  ceremonyEndReasons,
  ceremonyNeeds,
  ceremonyStatuses,
  ceremonyTextLimits,
  checklistItemKinds,
  maxAudienceSize,
  maxCeremonyResources,
  maxCeremonyTeamSize,
  reconcileOutcomes,
} from '../../common/ceremony';

const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const ceremonyParams = z.object({
  reference: z.string().regex(/^UPC-\d{4}-\d{6}$/, 'an event reference such as UPC-2026-000001'),
});

export const createCeremonyBody = z.object({
  title: z.string().trim().min(1).max(ceremonyTextLimits.title),
  venue: z.string().trim().min(1).max(ceremonyTextLimits.venue),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  audienceSize: z.number().int().min(1).max(maxAudienceSize),
  needs: z.array(z.enum(ceremonyNeeds)).min(1).refine(unique, 'each need may be listed once'),
  resourceIds: z
    .array(z.uuid())
    .max(maxCeremonyResources)
    .refine(unique, 'each resource may be listed once')
    .default([]),
  notes: z.string().trim().max(ceremonyTextLimits.notes).default(''),
});

export const listCeremoniesQuery = z.object({
  scope: z
    .enum(['mine', 'all'])
    .default('mine')
    .describe('mine: events you requested; all: every event (support staff and management)'),
  status: z.enum(ceremonyStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const calendarQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

export const assignTeamBody = z.object({
  technicianIds: z
    .array(z.uuid())
    .min(1)
    .max(maxCeremonyTeamSize)
    .refine(unique, 'each technician may be listed once'),
});

export const tickChecklistBody = z.object({
  key: z.string().min(1).max(100),
  ticked: z.boolean(),
});

export const logEntryBody = z.object({
  body: z.string().trim().min(1).max(ceremonyTextLimits.logEntry),
});

export const reconcileBody = z.object({
  items: z
    .array(
      z.object({
        resourceId: z.uuid(),
        outcome: z.enum(reconcileOutcomes),
        location: z.string().trim().max(ceremonyTextLimits.location).default(''),
        note: z.string().trim().max(ceremonyTextLimits.note).default(''),
        damage: z.string().trim().max(ceremonyTextLimits.note).default(''),
      }),
    )
    .max(maxCeremonyResources),
});

export const rateCeremonyBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(ceremonyTextLimits.comment).default(''),
});

export const cancelCeremonyBody = z.object({
  reason: z.string().trim().min(1).max(ceremonyTextLimits.reason),
});

export const ceremonySummary = z.object({
  reference: z.string(),
  title: z.string(),
  venue: z.string(),
  status: z.enum(ceremonyStatuses),
  startsAt: z.string(),
  endsAt: z.string(),
  audienceSize: z.number().int(),
  needs: z.array(z.enum(ceremonyNeeds)),
  requesterId: z.uuid(),
  requesterName: z.string(),
  requestedAt: z.string(),
  notReady: z.boolean().describe('The readiness check found items not ticked'),
});

export const ceremonyList = z.object({ items: z.array(ceremonySummary) });

const person = z.object({ id: z.uuid(), name: z.string() });

export const ceremonyDetail = ceremonySummary.extend({
  notes: z.string(),
  supportUnitId: z.uuid(),
  endReason: z.enum(ceremonyEndReasons).nullable(),
  reason: z.string().nullable(),
  conflicts: z.array(z.string()),
  approvedAt: z.string().nullable(),
  readinessCheckAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  reconciledAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  closedAt: z.string().nullable(),
  team: z.array(person),
  /** Staff of the support unit who may join the team; filled for the unit head only. */
  supportStaff: z.array(person),
  checklist: z.array(
    z.object({
      key: z.string(),
      need: z.enum(ceremonyNeeds),
      kind: z.enum(checklistItemKinds),
      tickedByName: z.string().nullable(),
      tickedAt: z.string().nullable(),
    }),
  ),
  log: z.array(z.object({ authorName: z.string(), body: z.string(), at: z.string() })),
  equipment: z.array(
    z.object({
      resourceId: z.uuid(),
      name: z.string(),
      tag: z.string(),
      outcome: z.enum(reconcileOutcomes).nullable(),
      location: z.string().nullable(),
      damage: z.string().nullable(),
      damageCaseReference: z.string().nullable(),
    }),
  ),
  /** Actions the signed-in person may take now. */
  actions: z.object({
    assignTeam: z.boolean(),
    tick: z.boolean(),
    log: z.boolean(),
    reconcile: z.boolean(),
    rate: z.boolean(),
    cancel: z.boolean(),
  }),
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
