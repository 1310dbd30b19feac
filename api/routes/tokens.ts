/**
 * Personal API tokens of the signed-in person.
 *   POST   /auth/tokens       creates a token and shows it once
 *   GET    /auth/tokens       lists the person's tokens, without secrets
 *   DELETE /auth/tokens/{id}  revokes one of the person's tokens
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../common/errors';
import {
  apiTokenOwner,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../activities/identity/tokens';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canCreateApiToken, canManageApiToken } from '../policies/identity';
import { errorResponses, idParams, line, noContent } from '../schemas/common';
import { apiTokenSchema, newApiTokenSchema } from '../schemas/identity';

const createBody = z.strictObject({
  name: line(100).describe('What the token is for, such as the tool that uses it'),
  expiresInDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Without it the token does not expire'),
});

export function tokenRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.post(
      '/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create a personal API token',
          description:
            'The token is in this response only; send it as `Authorization: Bearer <token>`.',
          body: createBody,
          response: { 201: newApiTokenSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!canCreateApiToken(request.auth?.via ?? 'token')) {
          throw new AppError(
            'forbidden',
            'Create API tokens from a signed-in session, not with another token',
          );
        }
        const { token, record } = await createApiToken(db, {
          personId: principal.id,
          name: request.body.name,
          expiresInDays: request.body.expiresInDays,
          now: new Date(),
        });
        request.log.info({ personId: principal.id, tokenId: record.id }, 'API token created');
        return reply.code(201).send({ ...record, token });
      },
    );

    app.get(
      '/auth/tokens',
      {
        schema: {
          tags: ['auth'],
          summary: "List the signed-in person's API tokens",
          response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses(401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return { items: await listApiTokens(db, principal.id) };
      },
    );

    app.delete(
      '/auth/tokens/:id',
      {
        schema: {
          tags: ['auth'],
          summary: 'Revoke one of your API tokens',
          params: idParams,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const notFound = new AppError('not_found', `No API token ${request.params.id}`);
        const owner = await apiTokenOwner(db, request.params.id);
        if (!owner || !canManageApiToken(principal, owner)) throw notFound;
        const revoked = await revokeApiToken(db, {
          personId: principal.id,
          tokenId: request.params.id,
          now: new Date(),
        });
        if (!revoked) throw notFound;
        request.log.info(
          { personId: principal.id, tokenId: request.params.id },
          'API token revoked',
        );
        return reply.code(204).send(null);
      },
    );
  };
}
