/**
 * Units (unit, kumpulan) and their members.
 *   GET   /units               active units; includeInactive=true for administrators and auditors
 *   POST  /units               creates a unit (administrators)
 *   GET   /units/{id}          one unit with its members; 404 for a unit the caller may not see
 *   PATCH /units/{id}          changes or deactivates a unit (administrators)
 *   PUT   /units/{id}/members  replaces the members and heads of a unit (administrators)
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import {
  createUnit,
  getUnit,
  listUnits,
  replaceUnitMembers,
  updateUnit,
} from '../../activities/identity/units';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import {
  canListUnits,
  canManageUnits,
  canSeeInactiveUnits,
  canViewUnit,
} from '../policies/identity';
import {
  clearableText,
  codeInput,
  errorResponses,
  idParams,
  line,
  queryFlag,
} from '../schemas/common';
import { unitDetailSchema, unitRoleSchema, unitSchema } from '../schemas/identity';

const listQuery = z.object({ includeInactive: queryFlag.default(false) });

const unitEmail = clearableText(254).pipe(z.email().nullable().optional());

const createBody = z.strictObject({
  code: codeInput,
  nameMs: line(200),
  nameEn: line(200),
  email: unitEmail.describe("The unit's shared mailbox"),
});

const updateBody = z
  .strictObject({
    code: codeInput.optional(),
    nameMs: line(200).optional(),
    nameEn: line(200).optional(),
    email: unitEmail,
    active: z.boolean().optional().describe('false deactivates the unit; units are never deleted'),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });

const membersBody = z.strictObject({
  members: z
    .array(z.strictObject({ personId: z.uuid(), role: unitRoleSchema.default('member') }))
    .max(500),
});

export function unitRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/units',
      {
        schema: {
          tags: ['units'],
          summary: 'List units by code',
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(unitSchema) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canListUnits(principal))
          throw new AppError('forbidden', 'Your roles do not allow listing units');
        const { includeInactive } = request.query;
        if (includeInactive && !canSeeInactiveUnits(principal)) {
          throw new AppError('forbidden', 'Only administrators and auditors list inactive units');
        }
        return { items: await listUnits(db, { includeInactive }) };
      },
    );

    app.post(
      '/units',
      {
        schema: {
          tags: ['units'],
          summary: 'Create a unit',
          body: createBody,
          response: { 201: unitDetailSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canManageUnits(principal))
          throw new AppError('forbidden', 'Only administrators create units');
        const unit = await createUnit(db, principal.id, request.body);
        request.log.info({ actorId: principal.id, unitId: unit.id }, 'unit created');
        return reply.code(201).send(unit);
      },
    );

    app.get(
      '/units/:id',
      {
        schema: {
          tags: ['units'],
          summary: 'One unit with its members',
          params: idParams,
          response: { 200: unitDetailSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { id } = request.params;
        const unit = canViewUnit(principal, id) ? await getUnit(db, id) : null;
        if (!unit || (!unit.active && !canSeeInactiveUnits(principal))) {
          throw new AppError('not_found', `No unit ${id}`);
        }
        return unit;
      },
    );

    app.patch(
      '/units/:id',
      {
        schema: {
          tags: ['units'],
          summary: 'Change or deactivate a unit',
          params: idParams,
          body: updateBody,
          response: { 200: unitDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { id } = request.params;
        if (!canViewUnit(principal, id)) throw new AppError('not_found', `No unit ${id}`);
        if (!canManageUnits(principal))
          throw new AppError('forbidden', 'Only administrators change units');
        const unit = await updateUnit(db, principal.id, id, request.body, new Date());
        if (!unit) throw new AppError('not_found', `No unit ${id}`);
        request.log.info({ actorId: principal.id, unitId: id }, 'unit updated');
        return unit;
      },
    );

    app.put(
      '/units/:id/members',
      {
        schema: {
          tags: ['units'],
          summary: 'Replace the members and heads of a unit',
          params: idParams,
          body: membersBody,
          response: { 200: unitDetailSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { id } = request.params;
        if (!canViewUnit(principal, id)) throw new AppError('not_found', `No unit ${id}`);
        if (!canManageUnits(principal))
          throw new AppError('forbidden', 'Only administrators change unit members');
        const unit = await replaceUnitMembers(db, principal.id, id, request.body.members);
        if (!unit) throw new AppError('not_found', `No unit ${id}`);
        request.log.info(
          { actorId: principal.id, unitId: id, members: unit.members.length },
          'unit members replaced',
        );
        return unit;
      },
    );
  };
}
