/**
 * The service-level clock of one case, explained:
 *   GET /cases/{reference}/clock   per target, the running, paused and skipped spans and the state
 *
 * A person who may read the case may read its clock. Anyone else gets 404, as for the case.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { caseClock } from '../../activities/sla/case-clock';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { loadVisibleCase } from '../presenters/case';
import { caseClockSchema } from '../schemas/clock';
import { errorResponses } from '../schemas/common';
import { referenceParams } from '../schemas/cases';

export function caseClockRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/cases/:reference/clock',
      {
        schema: {
          tags: ['cases'],
          summary: "Explain a case's service-level clock per target",
          params: referenceParams,
          response: { 200: caseClockSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { record } = await loadVisibleCase(deps.db, principal, request.params.reference);
        const now = new Date();
        const targets = await caseClock(deps.db, request.log, record, now);
        return { reference: record.reference, now: now.toISOString(), targets };
      },
    );
  };
}
