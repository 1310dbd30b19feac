/**
 * The live process map: how many open cases wait at each box of a lane, and for each box the
 * case-list filter that opens the cases behind it. Counts cover the cases the caller may list.
 *   GET /process-map?lane=complaint
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { openStatuses } from '../../common/enums';
import { AppError } from '../../common/errors';
import { countComplaintLane } from '../../activities/cases/counts';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { caseScope, isStaff } from '../policies/cases';
import { errorResponses } from '../schemas/common';
import { processMapQuery, processMapSchema, type ProcessMap } from '../schemas/process-map';

/** The window of "closed recently" and "findings recently" on the map. */
const recentDays = 30;

export function processMapRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    app.get(
      '/process-map',
      {
        schema: {
          tags: ['process map'],
          summary: 'Count the cases waiting at each box of a lane of the process map',
          querystring: processMapQuery,
          response: { 200: processMapSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request): Promise<ProcessMap> => {
        const principal = requirePrincipal(request);
        if (!isStaff(principal))
          throw new AppError('forbidden', 'Only staff of the division read the process map');
        const now = new Date();
        const since = new Date(now.getTime() - recentDays * 24 * 60 * 60 * 1000);
        const counts = await countComplaintLane(db, caseScope(principal), since);
        return {
          lane: 'complaint',
          generatedAt: now.toISOString(),
          boxes: [
            {
              id: 'receive',
              kind: 'step',
              count: counts.received,
              filter: { status: ['new'], unassigned: true },
            },
            {
              id: 'assign',
              kind: 'step',
              count: counts.assigned,
              filter: { status: ['assigned'] },
            },
            {
              id: 'work',
              kind: 'step',
              count: counts.inProgress,
              filter: { status: ['in_progress'] },
            },
            { id: 'finding', kind: 'decision', count: counts.findingsRecently, filter: null },
            {
              id: 'waitingCustomer',
              kind: 'waiting',
              count: counts.waitingCustomer,
              filter: { status: ['waiting_customer'] },
            },
            {
              id: 'waitingSupplier',
              kind: 'waiting',
              count: counts.waitingSupplier,
              filter: { status: ['waiting_supplier'] },
            },
            {
              id: 'inform',
              kind: 'step',
              count: counts.resolved,
              filter: { status: ['resolved'] },
            },
          ],
          closedRecently: {
            days: recentDays,
            count: counts.closedRecently,
            // The most recently changed first, so the cases closed in the window lead the list.
            filter: { status: ['closed'], sort: 'updated' },
          },
          breached: {
            count: counts.breached,
            // NOTE: the case list has no breach filter yet; sorting open cases by deadline puts
            // the overdue ones first, but the list also shows open cases that are not breached.
            filter: { status: [...openStatuses], sort: 'due' },
          },
        };
      },
    );
  };
}
