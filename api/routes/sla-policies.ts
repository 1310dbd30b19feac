/**
 * Service-level policies, for administrators. A change starts the recomputation of every open
 * complaint's deadlines; a closed case keeps its recorded result.
 *   GET  /sla-policies        every policy
 *   POST /sla-policies        creates a policy
 *   PUT  /sla-policies/{id}   replaces a policy's fields
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../activities/identity/principals';
import {
  createPolicy,
  listPolicies,
  updatePolicy,
  type PolicyInput,
} from '../../activities/sla/policies';
import { AppError } from '../../common/errors';
import { normalisePauseStatuses } from '../../common/sla';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canManageSlaPolicies } from '../policies/sla';
import { errorResponses, idParams } from '../schemas/common';
import { policyBody, policySchema } from '../schemas/sla-policies';
import { requestDeadlineRecompute } from '../sla-recompute';

function requireAdministrator(principal: Principal): void {
  if (!canManageSlaPolicies(principal)) {
    throw new AppError('forbidden', 'Only administrators read and change the SLA policies');
  }
}

function toInput(body: z.infer<typeof policyBody>): PolicyInput {
  return {
    ...body,
    pauseStatuses: normalisePauseStatuses(body.pauseStatuses),
    warningShares: [...body.warningShares].sort((a, b) => a - b),
  };
}

export function slaPolicyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  return async (app) => {
    app.get(
      '/sla-policies',
      {
        schema: {
          tags: ['sla'],
          summary: 'List the service-level policies',
          response: {
            200: z.object({ items: z.array(policySchema) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        requireAdministrator(requirePrincipal(request));
        return { items: await listPolicies(db) };
      },
    );

    app.post(
      '/sla-policies',
      {
        schema: {
          tags: ['sla'],
          summary: 'Create a service-level policy; open cases recompute their deadlines',
          body: policyBody,
          response: { 201: policySchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        const policy = await createPolicy(db, toInput(request.body));
        request.log.info({ actorId: principal.id, policyId: policy.id }, 'SLA policy created');
        await requestDeadlineRecompute(deps.temporal, request.log, `policy ${policy.id} created`);
        return reply.code(201).send(policy);
      },
    );

    app.put(
      '/sla-policies/:id',
      {
        schema: {
          tags: ['sla'],
          summary: "Replace a service-level policy's fields; open cases recompute their deadlines",
          params: idParams,
          body: policyBody,
          response: { 200: policySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        const policy = await updatePolicy(db, request.params.id, toInput(request.body));
        if (!policy) throw new AppError('not_found', `No SLA policy ${request.params.id}`);
        request.log.info({ actorId: principal.id, policyId: policy.id }, 'SLA policy updated');
        await requestDeadlineRecompute(deps.temporal, request.log, `policy ${policy.id} updated`);
        return policy;
      },
    );
  };
}
