/**
 * Activities of the ceremonySupport workflow. The workflow imports only the CeremonyActivities
 * type; the worker registers the functions that createCeremonyActivities returns.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { CeremonySupportInput } from '../../common/ceremony';
import { complaintPrefix, type ComplaintInput } from '../../common/complaint';
import { ceremonyEquipment, ceremonyEvents, inventoryResources } from '../../db/schema';
import { allocateReference } from '../cases/reference';
import type { ActivityDeps } from '../index';
import { loadDefaultCalendar } from '../sla/calendars';
import { notifyCeremony, type CeremonyNotifyRequest } from './notify';
import {
  assignCeremonyTeam,
  recordCeremonyStep,
  requestCeremony,
  type CeremonyRequestResult,
  type CeremonyStepRecord,
  type TeamAssignmentRequest,
  type TeamAssignmentResult,
} from './records';
import { readinessCheckAt } from './timers';

const dayMs = 24 * 60 * 60 * 1000;

export interface CeremonyDamageCaseRequest {
  eventId: string;
  reference: string;
  resourceId: string;
  /** The team member who reconciled the item and found the damage. */
  reporterId: string;
  damage: string;
  at: string;
}

export interface CeremonyActivities {
  requestCeremony(input: CeremonySupportInput): Promise<CeremonyRequestResult>;
  recordCeremonyStep(record: CeremonyStepRecord): Promise<void>;
  assignCeremonyTeam(request: TeamAssignmentRequest): Promise<TeamAssignmentResult>;
  notifyCeremony(request: CeremonyNotifyRequest): Promise<number>;
  /** Returns when the readiness check runs: one working day before the start. */
  planCeremonyTimers(request: { startsAt: string }): Promise<{ readinessCheckAt: string }>;
  /** Prepares the complaint input for a damaged item; the workflow starts the case. */
  prepareCeremonyDamageCase(request: CeremonyDamageCaseRequest): Promise<ComplaintInput>;
}

function malaysianYear(iso: string): number {
  const year = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(year.format(new Date(iso)));
}

export function createCeremonyActivities(deps: ActivityDeps): CeremonyActivities {
  const logger = deps.logger.child({ component: 'ceremony-activities' });
  const outbox = { db: deps.db, config: deps.config, logger, mailer: deps.mailer ?? null };

  return {
    requestCeremony: (input) => requestCeremony(deps.db, input),
    recordCeremonyStep: (record) => recordCeremonyStep(deps.db, record),
    assignCeremonyTeam: (request) => assignCeremonyTeam(deps.db, request),
    notifyCeremony: (request) => notifyCeremony(outbox, request),

    async planCeremonyTimers({ startsAt }) {
      const start = new Date(startsAt);
      const loaded = await loadDefaultCalendar(deps.db);
      if (!loaded) {
        logger.warn({ startsAt }, 'no default calendar: the readiness check falls a day before');
        return { readinessCheckAt: new Date(start.getTime() - dayMs).toISOString() };
      }
      return { readinessCheckAt: readinessCheckAt(loaded.calendar, start).toISOString() };
    },

    async prepareCeremonyDamageCase(request) {
      const [item] = await deps.db
        .select({
          damageCaseReference: ceremonyEquipment.damageCaseReference,
          owningUnitId: inventoryResources.owningUnitId,
          resourceName: inventoryResources.name,
          tag: inventoryResources.tag,
          title: ceremonyEvents.title,
        })
        .from(ceremonyEquipment)
        .innerJoin(inventoryResources, eq(inventoryResources.id, ceremonyEquipment.resourceId))
        .innerJoin(ceremonyEvents, eq(ceremonyEvents.id, ceremonyEquipment.eventId))
        .where(
          and(
            eq(ceremonyEquipment.eventId, request.eventId),
            eq(ceremonyEquipment.resourceId, request.resourceId),
          ),
        );
      if (!item) {
        throw new Error(`resource ${request.resourceId} is not reserved for ${request.reference}`);
      }

      // A retry reuses the reference stored by the first attempt, so one item opens one case.
      let caseReference = item.damageCaseReference;
      if (!caseReference) {
        caseReference = await allocateReference(
          deps.db,
          complaintPrefix,
          malaysianYear(request.at),
        );
        await deps.db
          .update(ceremonyEquipment)
          .set({ damageCaseReference: caseReference })
          .where(
            and(
              eq(ceremonyEquipment.eventId, request.eventId),
              eq(ceremonyEquipment.resourceId, request.resourceId),
            ),
          );
      }
      logger.info(
        { event: request.reference, resourceId: request.resourceId, case: caseReference },
        'damage case prepared',
      );
      return {
        caseId: randomUUID(),
        reference: caseReference,
        title: `Kerosakan ${item.resourceName} (${item.tag}) selepas majlis ${request.reference}`,
        description: `${request.damage}\n\nMajlis / event: ${request.reference} (${item.title})`,
        channel: 'other',
        requesterId: request.reporterId,
        createdById: request.reporterId,
        serviceId: null,
        categoryId: null,
        impact: 3,
        urgency: 3,
        unitId: item.owningUnitId,
        attachmentIds: [],
        openedAt: request.at,
        confirmationWindowMs: deps.config.CONFIRMATION_WINDOW_HOURS * 3_600_000,
        warningShare: deps.config.SLA_WARNING_SHARE,
      };
    },
  };
}

export type { CeremonyNotifyRequest } from './notify';
export type {
  CeremonyPatch,
  CeremonyRequestResult,
  CeremonyStepRecord,
  TeamAssignmentResult,
  TeamConflict,
} from './records';
