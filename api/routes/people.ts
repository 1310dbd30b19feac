/**
 * The directory of people, managed by administrators and read by staff.
 *   GET   /people       keyset-paginated list, filtered by q, role, unitId and active
 *   POST  /people       creates a person (administrators)
 *   GET   /people/{id}  one person; 404 for a person the caller may not see
 *   PATCH /people/{id}  changes a person: roles, status, units, password reset, unlock
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personKinds } from '../../common/enums';
import { AppError } from '../../common/errors';
import {
  createPerson,
  getPerson,
  listPeople,
  updatePerson,
} from '../../activities/identity/people';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canListPeople, canManagePeople, canViewPerson } from '../policies/identity';
import {
  clearableText,
  decodeStringCursor,
  emailInput,
  encodeCursor,
  errorResponses,
  idParams,
  line,
  pageQuery,
  passwordInput,
  queryFlag,
} from '../schemas/common';
import {
  languageSchema,
  personPageSchema,
  personSchema,
  roleSchema,
  unitRoleSchema,
} from '../schemas/identity';

const listQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Part of a name or e-mail address'),
  role: roleSchema.optional(),
  unitId: z.uuid().optional(),
  active: queryFlag.optional(),
});

const membershipInput = z.strictObject({
  unitId: z.uuid(),
  role: unitRoleSchema.default('member'),
});

const rolesInput = z
  .array(roleSchema)
  .min(1)
  .max(8)
  .transform((roles) => [...new Set(roles)]);

const createBody = z.strictObject({
  email: emailInput,
  name: line(200),
  phone: clearableText(40),
  kind: z.enum(personKinds).default('staff'),
  externalId: clearableText(64).describe('Staff or matric number'),
  language: languageSchema.default('ms'),
  roles: rolesInput.default(['customer']),
  active: z.boolean().default(true),
  password: passwordInput
    .optional()
    .describe('Without one, the person cannot sign in with a password yet'),
  units: z.array(membershipInput).max(50).default([]),
});

const updateBody = z
  .strictObject({
    email: emailInput.optional(),
    name: line(200).optional(),
    phone: clearableText(40),
    kind: z.enum(personKinds).optional(),
    externalId: clearableText(64),
    language: languageSchema.optional(),
    roles: rolesInput.optional(),
    active: z.boolean().optional(),
    units: z.array(membershipInput).max(50).optional().describe('Replaces every unit membership'),
    password: passwordInput
      .optional()
      .describe("Resets the password and revokes the person's sessions"),
    unlock: z.literal(true).optional().describe('Clears a lockout after failed sign-ins'),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one field to change',
  });

function decodePeopleCursor(cursor: string | undefined) {
  if (cursor === undefined) return null;
  const [name, id] = decodeStringCursor(cursor, 2);
  if (name === undefined || !z.uuid().safeParse(id).success || id === undefined) {
    throw new AppError(
      'validation_failed',
      'The cursor is invalid; start again from the first page',
      [{ field: 'querystring.cursor', message: 'invalid cursor' }],
    );
  }
  return { name, id };
}

export function peopleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/people',
      {
        schema: {
          tags: ['people'],
          summary: 'List people by name',
          querystring: listQuery,
          response: { 200: personPageSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (!canListPeople(principal))
          throw new AppError('forbidden', 'Your roles do not allow listing people');
        const { q, role, unitId, active, limit, cursor } = request.query;
        const page = await listPeople(db, {
          q,
          role,
          unitId,
          active,
          limit,
          after: decodePeopleCursor(cursor),
        });
        return {
          items: page.items,
          nextCursor: page.next ? encodeCursor([page.next.name, page.next.id]) : null,
        };
      },
    );

    app.post(
      '/people',
      {
        schema: {
          tags: ['people'],
          summary: 'Create a person',
          body: createBody,
          response: { 201: personSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canManagePeople(principal))
          throw new AppError('forbidden', 'Only administrators create people');
        const person = await createPerson(db, principal.id, request.body);
        request.log.info({ actorId: principal.id, personId: person.id }, 'person created');
        return reply.code(201).send(person);
      },
    );

    app.get(
      '/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: 'One person',
          params: idParams,
          response: { 200: personSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const person = canViewPerson(principal, request.params.id)
          ? await getPerson(db, request.params.id)
          : null;
        if (!person) throw new AppError('not_found', `No person ${request.params.id}`);
        return person;
      },
    );

    app.patch(
      '/people/:id',
      {
        schema: {
          tags: ['people'],
          summary: 'Change a person',
          params: idParams,
          body: updateBody,
          response: { 200: personSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { id } = request.params;
        if (!canViewPerson(principal, id)) throw new AppError('not_found', `No person ${id}`);
        if (!canManagePeople(principal)) {
          throw new AppError(
            'forbidden',
            'Only administrators change people; use PATCH /auth/me for your own profile',
          );
        }
        const person = await updatePerson(db, principal.id, id, request.body, new Date());
        if (!person) throw new AppError('not_found', `No person ${id}`);
        request.log.info({ actorId: principal.id, personId: id }, 'person updated');
        return person;
      },
    );
  };
}
