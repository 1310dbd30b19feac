/**
 * Event support (sokongan upacara & teknikal ICT): request support for an event (which starts its
 * ceremonySupport workflow), list your requests or every event, the events calendar, one event
 * with its team, checklist, log, equipment and timeline, and the gate actions: team, checklist
 * tick, log entry, reconciliation, rating and cancellation.
 */
import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { findTeamConflicts } from '../../activities/ceremony/records';
import {
  ceremonyParts,
  ceremonyTeamOf,
  findCeremony,
  listCeremonies,
  supportStaffOf,
  teamsOf,
  unitIdByCode,
  type CeremonyEventRow,
  type CeremonyFilters,
} from '../../activities/ceremony/queries';
import { allocateReference } from '../../activities/cases/reference';
import type { Principal } from '../../activities/identity/principals';
import { findConflicts } from '../../activities/inventory/reservations';
import { findResource } from '../../activities/inventory/resources';
import {
  cancellableCeremonyStatuses,
  ceremonyMessages,
  ceremonyPrefix,
  ceremonySupportUnitCode,
  ceremonySupportWorkflowType,
  type CeremonyEndReason,
  type CeremonyNeed,
  type CeremonyStatus,
  type CeremonySupportInput,
  type CeremonySupportState,
  type ChecklistItemKind,
  type ReconcileOutcome,
} from '../../common/ceremony';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { actorOf, requirePrincipal } from '../auth/plugin';
import { canSeeCeremony, isSupportHead, seesAllCeremonies } from '../policies/ceremonies';
import { errorResponses } from '../schemas/common';
import {
  assignTeamBody,
  calendarQuery,
  cancelCeremonyBody,
  ceremonyDetail,
  ceremonyList,
  ceremonyParams,
  createCeremonyBody,
  listCeremoniesQuery,
  logEntryBody,
  rateCeremonyBody,
  reconcileBody,
  tickChecklistBody,
} from '../schemas/ceremonies';
import { executeUpdate, temporalError } from '../workflows';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
const maxCalendarDays = 62;

/** Returns the schema of a gate action on one event: its body, and the detail in reply. */
function actionSchema<Body extends z.ZodType>(summary: string, body: Body) {
  return {
    tags: ['ceremonies'],
    summary,
    params: ceremonyParams,
    body,
    response: { 200: ceremonyDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
  };
}

/** Creates a 400 error naming the field, as the schema validation names it. */
function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

function summary(row: { event: CeremonyEventRow; requesterName: string }) {
  const { event } = row;
  return {
    reference: event.reference,
    title: event.title,
    venue: event.venue,
    status: event.status as CeremonyStatus,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    audienceSize: event.audienceSize,
    needs: event.needs as CeremonyNeed[],
    requesterId: event.requesterId,
    requesterName: row.requesterName,
    requestedAt: event.requestedAt.toISOString(),
    notReady: event.escalatedAt !== null,
  };
}

function malaysianYear(instant: Date): number {
  const format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(format.format(instant));
}

export function ceremonyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  async function supportUnitId(): Promise<string | null> {
    return unitIdByCode(deps.db, ceremonySupportUnitCode);
  }

  /** Loads an event the principal may see, with its team; anyone else gets 404. */
  async function loadVisible(principal: Principal, reference: string) {
    const row = await findCeremony(deps.db, reference);
    const team = row ? await ceremonyTeamOf(deps.db, row.event.id) : [];
    const teamIds = team.map((member) => member.personId);
    if (!row || !canSeeCeremony(principal, { ...row.event, teamIds })) {
      throw new AppError('not_found', `No event support request ${reference}`);
    }
    return { row, team, teamIds };
  }

  async function detail(principal: Principal, reference: string) {
    const { row, team, teamIds } = await loadVisible(principal, reference);
    const { event } = row;
    const status = event.status as CeremonyStatus;
    const head = isSupportHead(principal, event.supportUnitId);
    const onTeam = teamIds.includes(principal.id);
    const parts = await ceremonyParts(deps.db, event.id);
    const assignTeam = head && status === 'preparing';
    return {
      ...summary(row),
      notes: event.notes,
      supportUnitId: event.supportUnitId,
      endReason: event.endReason as CeremonyEndReason | null,
      reason: event.reason,
      conflicts: event.conflicts,
      approvedAt: iso(event.approvedAt),
      readinessCheckAt: iso(event.readinessCheckAt),
      escalatedAt: iso(event.escalatedAt),
      reconciledAt: iso(event.reconciledAt),
      rating: event.rating,
      ratingComment: event.ratingComment,
      closedAt: iso(event.closedAt),
      team: team.map((member) => ({ id: member.personId, name: member.name })),
      supportStaff: assignTeam ? await supportStaffOf(deps.db, event.supportUnitId) : [],
      checklist: parts.checklist.map((item) => ({
        key: item.key,
        need: item.need as CeremonyNeed,
        kind: item.kind as ChecklistItemKind,
        tickedByName: item.tickedByName,
        tickedAt: iso(item.tickedAt),
      })),
      log: parts.log.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      equipment: parts.equipment.map((item) => ({
        ...item,
        outcome: item.outcome as ReconcileOutcome | null,
      })),
      actions: {
        assignTeam,
        tick: onTeam && (status === 'preparing' || status === 'in_progress'),
        log: (onTeam || head) && (status === 'in_progress' || status === 'reconciling'),
        reconcile: (onTeam || head) && status === 'reconciling',
        rate: event.requesterId === principal.id && status === 'awaiting_rating',
        cancel:
          (event.requesterId === principal.id || head) &&
          cancellableCeremonyStatuses.includes(status),
      },
      timeline: parts.timeline.map((entry) => ({
        step: entry.step,
        action: entry.action,
        actorName: entry.actorName,
        details: entry.details as Record<string, unknown>,
        at: entry.at.toISOString(),
      })),
    };
  }

  /** Checks who may act, sends the update to the event's workflow and returns the new detail. */
  async function act(
    principal: Principal,
    reference: string,
    update: string,
    payload: Record<string, unknown>,
    allowed: (facts: { event: CeremonyEventRow; teamIds: string[] }) => boolean,
  ) {
    const { row, teamIds } = await loadVisible(principal, reference);
    if (!allowed({ event: row.event, teamIds })) {
      throw new AppError('forbidden', `You may not send ${update} to event ${reference}`);
    }
    await executeUpdate<CeremonySupportState>(deps.temporal.client, row.event.workflowId, update, {
      actor: actorOf(principal),
      ...payload,
    });
    return detail(principal, reference);
  }

  function onTeamOrHead(principal: Principal, event: CeremonyEventRow, teamIds: string[]) {
    return teamIds.includes(principal.id) || isSupportHead(principal, event.supportUnitId);
  }

  /** Checks the requested equipment: each item exists, is bookable and is free for the period. */
  async function checkEquipment(resourceIds: string[], startsAt: Date, endsAt: Date) {
    for (const [index, resourceId] of resourceIds.entries()) {
      const resource = await findResource(deps.db, resourceId);
      if (!resource || !resource.resource.bookable || resource.resource.status === 'retired') {
        throw invalid(`body.resourceIds.${index}`, 'no such bookable resource');
      }
      const conflicts = await findConflicts(deps.db, resourceId, startsAt, endsAt);
      if (conflicts.length > 0) {
        throw new AppError(
          'conflict',
          `${resource.resource.name} (${resource.resource.tag}) is already reserved for part of the period`,
          {
            resourceId,
            conflicts: conflicts.map(({ startsAt: from, endsAt: to }) => ({
              startsAt: from,
              endsAt: to,
            })),
          },
        );
      }
    }
  }

  return async (app) => {
    app.post(
      '/ceremonies',
      {
        schema: {
          tags: ['ceremonies'],
          summary: 'Request technical support for an event',
          body: createCeremonyBody,
          response: { 201: ceremonyDetail, ...errorResponses(400, 401, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const body = request.body;
        const now = new Date();
        const startsAt = new Date(body.startsAt);
        const endsAt = new Date(body.endsAt);
        if (startsAt.getTime() <= now.getTime()) {
          throw invalid('body.startsAt', 'must be in the future');
        }
        if (endsAt.getTime() <= startsAt.getTime()) {
          throw invalid('body.endsAt', 'must be after startsAt');
        }
        const unitId = await supportUnitId();
        if (!unitId) {
          throw new AppError(
            'invalid_state',
            `The support unit ${ceremonySupportUnitCode} does not exist; seed the reference units`,
          );
        }
        await checkEquipment(body.resourceIds, startsAt, endsAt);

        const reference = await allocateReference(deps.db, ceremonyPrefix, malaysianYear(now));
        const input: CeremonySupportInput = {
          eventId: randomUUID(),
          reference,
          title: body.title,
          venue: body.venue,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
          audienceSize: body.audienceSize,
          needs: body.needs,
          resourceIds: body.resourceIds,
          requesterId: principal.id,
          requesterUnitId: principal.unitIds[0] ?? null,
          supportUnitId: unitId,
          notes: body.notes,
          requestedAt: now.toISOString(),
          language: principal.language,
        };
        try {
          await deps.temporal.client.workflow.start(ceremonySupportWorkflowType, {
            workflowId: reference,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          throw temporalError(error, reference);
        }
        const state = await executeUpdate<CeremonySupportState>(
          deps.temporal.client,
          reference,
          ceremonyMessages.opened,
          {},
        );
        request.log.info({ reference, status: state.status }, 'event support requested');
        // Another request took an item between the check above and the reservation.
        if (state.endReason === 'equipment_conflict') {
          throw new AppError(
            'conflict',
            'The equipment is already reserved for part of the period',
            {
              reference,
            },
          );
        }
        return reply.status(201).send(await detail(principal, reference));
      },
    );

    app.get(
      '/ceremonies',
      {
        schema: {
          tags: ['ceremonies'],
          summary: 'Your event support requests, or (support staff) every event',
          querystring: listCeremoniesQuery,
          response: { 200: ceremonyList, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        const filters: CeremonyFilters = { status: query.status, limit: query.limit };
        if (query.scope === 'mine') filters.requesterId = principal.id;
        else if (!seesAllCeremonies(principal, await supportUnitId())) {
          throw new AppError('forbidden', 'Only support staff and management list every event');
        }
        const rows = await listCeremonies(deps.db, filters);
        return { items: rows.map(summary) };
      },
    );

    app.get(
      '/ceremonies/calendar',
      {
        schema: {
          tags: ['ceremonies'],
          summary: 'Events that overlap a period: every event for staff, your own otherwise',
          querystring: calendarQuery,
          response: { 200: ceremonyList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const from = new Date(request.query.from);
        const to = new Date(request.query.to);
        if (to.getTime() <= from.getTime()) throw invalid('querystring.to', 'must be after from');
        if (to.getTime() - from.getTime() > maxCalendarDays * 24 * 3_600_000) {
          throw invalid('querystring.to', `the period may span at most ${maxCalendarDays} days`);
        }
        const unitId = await supportUnitId();
        const filters: CeremonyFilters = { from, to, limit: 500 };
        const all = seesAllCeremonies(principal, unitId);
        // NOTE: at most 500 events per period are read, before the filter for customers below.
        const rows = await listCeremonies(deps.db, filters);
        if (all) return { items: rows.map(summary) };
        // Customers see their own events and those whose team they are on.
        const teams = await teamsOf(
          deps.db,
          rows.map((row) => row.event.id),
        );
        const visible = rows.filter(
          (row) =>
            row.event.requesterId === principal.id ||
            (teams.get(row.event.id) ?? []).includes(principal.id),
        );
        return { items: visible.map(summary) };
      },
    );

    app.get(
      '/ceremonies/:reference',
      {
        schema: {
          tags: ['ceremonies'],
          summary: 'One event with its team, checklist, log, equipment and timeline',
          params: ceremonyParams,
          response: { 200: ceremonyDetail, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => detail(requirePrincipal(request), request.params.reference),
    );

    app.post(
      '/ceremonies/:reference/team',
      {
        schema: actionSchema(
          'Form the work team (unit head); a technician on an overlapping event is refused',
          assignTeamBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { reference } = request.params;
        const { row } = await loadVisible(principal, reference);
        if (isSupportHead(principal, row.event.supportUnitId)) {
          const conflicts = await findTeamConflicts(deps.db, {
            eventId: row.event.id,
            personIds: request.body.technicianIds,
            startsAt: row.event.startsAt,
            endsAt: row.event.endsAt,
          });
          const first = conflicts[0];
          if (first) {
            throw new AppError(
              'conflict',
              `${first.personName} is already on ${first.eventReference} (${first.eventTitle}), which overlaps this event`,
              { conflicts },
            );
          }
        }
        return act(principal, reference, ceremonyMessages.assignTeam, request.body, ({ event }) =>
          isSupportHead(principal, event.supportUnitId),
        );
      },
    );

    app.post(
      '/ceremonies/:reference/checklist',
      {
        schema: actionSchema(
          'Tick (or clear) a readiness item; team members only',
          tickChecklistBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return act(
          principal,
          request.params.reference,
          ceremonyMessages.tickChecklist,
          request.body,
          ({ teamIds }) => teamIds.includes(principal.id),
        );
      },
    );

    app.post(
      '/ceremonies/:reference/log',
      { schema: actionSchema("Add an entry to the day's log during the event", logEntryBody) },
      async (request) => {
        const principal = requirePrincipal(request);
        return act(
          principal,
          request.params.reference,
          ceremonyMessages.logEntry,
          request.body,
          ({ event, teamIds }) => onTeamOrHead(principal, event, teamIds),
        );
      },
    );

    app.post(
      '/ceremonies/:reference/reconcile',
      {
        schema: actionSchema(
          'Reconcile each reserved item after the event; damage opens a complaint',
          reconcileBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        for (const [index, item] of request.body.items.entries()) {
          if (item.outcome === 'moved' && item.location === '') {
            throw invalid(`body.items.${index}.location`, 'give the new location of a moved item');
          }
          if (item.outcome === 'damaged' && item.damage === '') {
            throw invalid(`body.items.${index}.damage`, 'describe the damage of a damaged item');
          }
        }
        return act(
          principal,
          request.params.reference,
          ceremonyMessages.reconcile,
          request.body,
          ({ event, teamIds }) => onTeamOrHead(principal, event, teamIds),
        );
      },
    );

    app.post(
      '/ceremonies/:reference/rate',
      {
        schema: actionSchema(
          'Rate the support from 1 to 5 (the requester), which closes the request',
          rateCeremonyBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return act(
          principal,
          request.params.reference,
          ceremonyMessages.rate,
          request.body,
          ({ event }) => event.requesterId === principal.id,
        );
      },
    );

    app.post(
      '/ceremonies/:reference/cancel',
      {
        schema: actionSchema(
          'Cancel before the event; the equipment reservations are released',
          cancelCeremonyBody,
        ),
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return act(
          principal,
          request.params.reference,
          ceremonyMessages.cancel,
          request.body,
          ({ event }) =>
            event.requesterId === principal.id || isSupportHead(principal, event.supportUnitId),
        );
      },
    );
  };
}
