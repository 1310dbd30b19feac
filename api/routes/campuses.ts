/**
 * Campuses (kampus) and the campus of each unit, which the periodic report filters by.
 *   GET   /campuses             every campus with the ids of its units (anyone signed in)
 *   POST  /campuses             create a campus (administrators)
 *   PATCH /campuses/:id         rename or deactivate a campus (administrators)
 *   PUT   /units/:id/campus     set or clear the campus of a unit (administrators)
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCampus,
  listCampuses,
  listUnitCampuses,
  setUnitCampus,
  updateCampus,
  type CampusRow,
} from '../../activities/identity/campuses';
import type { Principal } from '../../activities/identity/principals';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { codeInput, errorResponses, idParams, line } from '../schemas/common';

const campusFields = {
  code: codeInput,
  nameMs: line(200),
  nameEn: line(200),
};

const campusBody = z.strictObject({ ...campusFields, active: z.boolean().default(true) });

/** Without defaults, so a field left out stays as it is. */
const campusChanges = z.strictObject({ ...campusFields, active: z.boolean() }).partial();

const campusSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  /** Units that work at the campus. */
  unitIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const unitCampusBody = z.strictObject({
  campusId: z.uuid().nullable().describe('The campus, or null to clear it'),
});

function requireAdmin(principal: Principal): void {
  if (!principal.roles.includes('admin')) {
    throw new AppError('forbidden', 'Only administrators change campuses');
  }
}

function present(row: CampusRow, unitIds: string[]) {
  return {
    ...row,
    unitIds,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function campusRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  async function unitsByCampus(): Promise<Map<string, string[]>> {
    const byCampus = new Map<string, string[]>();
    for (const unit of await listUnitCampuses(deps.db)) {
      if (!unit.campusId) continue;
      byCampus.set(unit.campusId, [...(byCampus.get(unit.campusId) ?? []), unit.unitId]);
    }
    return byCampus;
  }

  return async (app) => {
    app.get(
      '/campuses',
      {
        schema: {
          tags: ['units'],
          summary: 'List the campuses with the units at each',
          response: {
            200: z.object({ items: z.array(campusSchema) }),
            ...errorResponses(401),
          },
        },
      },
      async (request) => {
        requirePrincipal(request);
        const byCampus = await unitsByCampus();
        const rows = await listCampuses(deps.db);
        return { items: rows.map((row) => present(row, byCampus.get(row.id) ?? [])) };
      },
    );

    app.post(
      '/campuses',
      {
        schema: {
          tags: ['units'],
          summary: 'Create a campus',
          body: campusBody,
          response: { 201: campusSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireAdmin(principal);
        const row = await createCampus(deps.db, principal.id, request.body);
        request.log.info({ campusId: row.id, actorId: principal.id }, 'campus created');
        return reply.status(201).send(present(row, []));
      },
    );

    app.patch(
      '/campuses/:id',
      {
        schema: {
          tags: ['units'],
          summary: 'Change a campus; campuses are deactivated, never deleted',
          params: idParams,
          body: campusChanges,
          response: { 200: campusSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdmin(principal);
        const row = await updateCampus(
          deps.db,
          principal.id,
          request.params.id,
          request.body,
          new Date(),
        );
        if (!row) throw new AppError('not_found', `No campus ${request.params.id}`);
        request.log.info({ campusId: row.id, actorId: principal.id }, 'campus changed');
        return present(row, (await unitsByCampus()).get(row.id) ?? []);
      },
    );

    app.put(
      '/units/:id/campus',
      {
        schema: {
          tags: ['units'],
          summary: 'Set or clear the campus a unit works at',
          params: idParams,
          body: unitCampusBody,
          response: {
            200: z.object({ unitId: z.uuid(), campusId: z.uuid().nullable() }),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdmin(principal);
        const { campusId } = request.body;
        const outcome = await setUnitCampus(
          deps.db,
          principal.id,
          request.params.id,
          campusId,
          new Date(),
        );
        if (outcome === 'no_unit') throw new AppError('not_found', `No unit ${request.params.id}`);
        if (outcome === 'no_campus') {
          throw new AppError('validation_failed', `body.campusId: no campus ${campusId}`, [
            { field: 'body.campusId', message: 'names no campus' },
          ]);
        }
        request.log.info(
          { unitId: request.params.id, campusId, actorId: principal.id },
          'unit campus set',
        );
        return { unitId: request.params.id, campusId };
      },
    );
  };
}
