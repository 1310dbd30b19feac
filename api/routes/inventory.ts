/**
 * The ICT inventory (inventori ICT): list and read resources, create and update them (staff of
 * the owning unit and administrators), move them, record condition changes, and the week calendar
 * of reservations per resource. Every change appends to the resource's history.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../common/errors';
import type {
  ResourceCategory,
  ResourceCondition,
  ResourceEvent,
  ResourceStatus,
} from '../../common/inventory';
import { listReservations } from '../../activities/inventory/reservations';
import {
  changeResource,
  createResource,
  findResource,
  listResourceHistory,
  listResources,
  unitExists,
  type ResourceRow,
} from '../../activities/inventory/resources';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { isInventoryStaff, isOwningStaff } from '../policies/loans';
import { errorResponses } from '../schemas/common';
import {
  calendarQuery,
  calendarResponse,
  conditionBody,
  createResourceBody,
  listResourcesQuery,
  moveResourceBody,
  resourceDetail,
  resourceList,
  resourceParams,
  updateResourceBody,
} from '../schemas/inventory';

function present(row: { resource: ResourceRow; unitCode: string }) {
  const { resource } = row;
  return {
    id: resource.id,
    tag: resource.tag,
    serialNumber: resource.serialNumber,
    name: resource.name,
    description: resource.description,
    category: resource.category as ResourceCategory,
    location: resource.location,
    condition: resource.condition as ResourceCondition,
    status: resource.status as ResourceStatus,
    owningUnitId: resource.owningUnitId,
    owningUnitCode: row.unitCode,
    bookable: resource.bookable,
    maxLoanHours: resource.maxLoanHours,
    updatedAt: resource.updatedAt.toISOString(),
  };
}

function notFound(id: string): AppError {
  return new AppError('not_found', `No resource ${id}`);
}

async function requireUnit(deps: AppDeps, unitId: string): Promise<void> {
  if (!(await unitExists(deps.db, unitId))) {
    throw new AppError('validation_failed', 'body.owningUnitId: no such active unit', [
      { field: 'body.owningUnitId', message: 'no such active unit' },
    ]);
  }
}

export function inventoryRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  async function detail(id: string, principal: ReturnType<typeof requirePrincipal>) {
    const row = await findResource(deps.db, id);
    if (!row) throw notFound(id);
    const history = isInventoryStaff(principal) ? await listResourceHistory(deps.db, id) : [];
    return {
      ...present(row),
      canManage: isOwningStaff(principal, row.resource.owningUnitId),
      history: history.map((entry) => ({
        ...entry,
        event: entry.event as ResourceEvent,
        oldValues: entry.oldValues as Record<string, unknown>,
        newValues: entry.newValues as Record<string, unknown>,
        at: entry.at.toISOString(),
      })),
    };
  }

  /** Loads a resource that the principal may change, or throws 404 / 403. */
  async function requireManageable(id: string, principal: ReturnType<typeof requirePrincipal>) {
    const row = await findResource(deps.db, id);
    if (!row) throw notFound(id);
    if (!isOwningStaff(principal, row.resource.owningUnitId)) {
      throw new AppError('forbidden', 'Only staff of the owning unit may change this resource');
    }
    return row;
  }

  return async (app) => {
    app.get(
      '/inventory',
      {
        schema: {
          tags: ['inventory'],
          summary: 'List resources with filters, sorted by tag',
          querystring: listResourcesQuery,
          response: { 200: resourceList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        // Customers browse only what they may borrow.
        const staff = isInventoryStaff(principal);
        const rows = await listResources(deps.db, {
          category: query.category,
          status: staff ? query.status : 'available',
          owningUnitId: query.unitId,
          bookable: staff ? query.bookable : true,
          search: query.q,
          afterTag: query.cursor,
          limit: query.limit + 1,
        });
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        return {
          items: page.map(present),
          nextCursor: rows.length > query.limit && last ? last.resource.tag : null,
        };
      },
    );

    app.get(
      '/inventory/calendar',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Reservations per bookable resource over a period (the week view)',
          querystring: calendarQuery,
          response: { 200: calendarResponse, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const from = new Date(request.query.from);
        const to = new Date(from.getTime() + request.query.days * 24 * 60 * 60 * 1000);
        const rows = await listResources(deps.db, {
          category: request.query.category,
          bookable: true,
          limit: 200,
        });
        const visible = rows.filter((row) => row.resource.status !== 'retired');
        const entries = await listReservations(
          deps.db,
          visible.map((row) => row.resource.id),
          from,
          to,
        );
        // Customers see when a resource is taken, but not whose loan reserved it.
        const staff = isInventoryStaff(principal);
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          resources: visible.map((row) => ({
            id: row.resource.id,
            tag: row.resource.tag,
            name: row.resource.name,
            category: row.resource.category as ResourceCategory,
            reservations: entries
              .filter((entry) => entry.resourceId === row.resource.id)
              .map((entry) => ({
                holderKind: entry.holderKind,
                holderReference: staff ? entry.holderReference : null,
                startsAt: entry.startsAt,
                endsAt: entry.endsAt,
              })),
          })),
        };
      },
    );

    app.get(
      '/inventory/:id',
      {
        schema: {
          tags: ['inventory'],
          summary: 'One resource, with its history for staff',
          params: resourceParams,
          response: { 200: resourceDetail, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => detail(request.params.id, requirePrincipal(request)),
    );

    app.post(
      '/inventory',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Add a resource (staff of the owning unit, administrators)',
          body: createResourceBody,
          response: { 201: resourceDetail, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const body = request.body;
        if (!isOwningStaff(principal, body.owningUnitId)) {
          throw new AppError('forbidden', 'Only staff of the owning unit may add its resources', [
            { field: 'owningUnitId', message: 'not a unit you work in' },
          ]);
        }
        await requireUnit(deps, body.owningUnitId);
        const id = await createResource(deps.db, body, principal.id);
        request.log.info({ resourceId: id, tag: body.tag }, 'inventory resource created');
        return reply.status(201).send(await detail(id, principal));
      },
    );

    app.patch(
      '/inventory/:id',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Change a resource (staff of the owning unit, administrators)',
          params: resourceParams,
          body: updateResourceBody,
          response: { 200: resourceDetail, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const row = await requireManageable(request.params.id, principal);
        const { note, ...changes } = request.body;
        if (changes.owningUnitId) {
          await requireUnit(deps, changes.owningUnitId);
          if (!isOwningStaff(principal, changes.owningUnitId)) {
            throw new AppError('forbidden', 'You may hand a resource only to a unit you work in', [
              { field: 'owningUnitId', message: 'not a unit you work in' },
            ]);
          }
        }
        if (changes.status && row.resource.status === 'on_loan') {
          throw new AppError(
            'invalid_state',
            'status: the resource is on loan; check it in first',
            [{ field: 'body.status', message: 'the resource is on loan' }],
          );
        }
        await changeResource(deps.db, row.resource.id, changes, {
          event: 'updated',
          actorId: principal.id,
          note: note ?? '',
        });
        return detail(row.resource.id, principal);
      },
    );

    app.post(
      '/inventory/:id/move',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Record a move to another location',
          params: resourceParams,
          body: moveResourceBody,
          response: { 200: resourceDetail, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const row = await requireManageable(request.params.id, principal);
        await changeResource(
          deps.db,
          row.resource.id,
          { location: request.body.location },
          { event: 'moved', actorId: principal.id, note: request.body.note },
        );
        return detail(row.resource.id, principal);
      },
    );

    app.post(
      '/inventory/:id/condition',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Record a condition change found at an inspection',
          params: resourceParams,
          body: conditionBody,
          response: { 200: resourceDetail, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const row = await requireManageable(request.params.id, principal);
        await changeResource(
          deps.db,
          row.resource.id,
          { condition: request.body.condition },
          { event: 'condition_changed', actorId: principal.id, note: request.body.note },
        );
        return detail(row.resource.id, principal);
      },
    );
  };
}
