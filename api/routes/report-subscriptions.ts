/**
 * Subscriptions to the periodic report by e-mail (see the reportMailing workflow).
 *   GET    /report-subscriptions?scope=mine|all   your subscriptions, or everyone's (administrators)
 *   POST   /report-subscriptions                  subscribe yourself, or (administrators) anyone
 *                                                 who may read the report
 *   DELETE /report-subscriptions/:id              cancel one of yours, or (administrators) any
 * Only people who may read the periodic report subscribe, to the units they may read.
 */
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCampus } from '../../activities/identity/campuses';
import { loadPrincipal, type Principal } from '../../activities/identity/principals';
import { reportKinds } from '../../activities/reports/mailing-periods';
import { periodicScopeOf, scopeCoversUnit } from '../../activities/reports/periodic-scope';
import {
  cancelReportSubscription,
  createReportSubscription,
  findReportSubscription,
  listReportSubscriptions,
  type ReportSubscriptionRow,
} from '../../activities/reports/subscriptions';
import { channels, languages } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { Database } from '../../db/client';
import { categories, units } from '../../db/schema';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { errorResponses, idParams, noContent } from '../schemas/common';

const formats = ['xlsx', 'pdf'] as const;

const filtersSchema = z.strictObject({
  unitId: z.uuid().optional(),
  category: z.uuid().optional().describe('A category id'),
  channel: z.enum(channels).optional(),
  campus: z.uuid().optional().describe('A campus id'),
});

const subscriptionBody = z.strictObject({
  personId: z.uuid().optional().describe('The subscriber; yourself when absent'),
  kind: z.enum(reportKinds),
  language: z.enum(languages),
  format: z.enum(formats),
  filters: filtersSchema.default({}),
});

const subscriptionSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  personEmail: z.string(),
  kind: z.enum(reportKinds),
  language: z.enum(languages),
  format: z.enum(formats),
  filters: filtersSchema,
  createdAt: z.iso.datetime(),
});

const listQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
});

function present(row: ReportSubscriptionRow) {
  return {
    id: row.id,
    personId: row.personId,
    personName: row.personName,
    personEmail: row.personEmail,
    kind: row.kind as (typeof reportKinds)[number],
    language: row.language as (typeof languages)[number],
    format: row.format as (typeof formats)[number],
    filters: filtersSchema.parse(row.filters),
    createdAt: row.createdAt.toISOString(),
  };
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

const isAdmin = (principal: Principal) => principal.roles.includes('admin');

async function exists(db: Database, table: typeof units | typeof categories, id: string) {
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id));
  return row !== undefined;
}

/** Checks that each filter names a record, and that the subscriber may read the unit's report. */
async function checkFilters(
  db: Database,
  subscriber: Principal,
  filters: z.infer<typeof filtersSchema>,
): Promise<void> {
  if (filters.unitId && !(await exists(db, units, filters.unitId))) {
    throw invalid('body.filters.unitId', 'names no unit');
  }
  if (filters.category && !(await exists(db, categories, filters.category))) {
    throw invalid('body.filters.category', 'names no category');
  }
  if (filters.campus && !(await findCampus(db, filters.campus))) {
    throw invalid('body.filters.campus', 'names no campus');
  }
  const scope = periodicScopeOf(subscriber);
  if (scope && !scopeCoversUnit(scope, filters.unitId)) {
    throw new AppError(
      'forbidden',
      `unitId ${filters.unitId} is not one of the subscriber's units`,
      [{ field: 'body.filters.unitId', message: "not one of the subscriber's units" }],
    );
  }
}

export function reportSubscriptionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/report-subscriptions',
      {
        schema: {
          tags: ['reports'],
          summary: 'List your periodic report subscriptions, or (administrators) everyone’s',
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(subscriptionSchema) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (request.query.scope === 'all' && !isAdmin(principal)) {
          throw new AppError('forbidden', 'Only administrators list every subscription');
        }
        const personId = request.query.scope === 'all' ? null : principal.id;
        const rows = await listReportSubscriptions(deps.db, personId);
        return { items: rows.map(present) };
      },
    );

    app.post(
      '/report-subscriptions',
      {
        schema: {
          tags: ['reports'],
          summary: 'Subscribe to the periodic report by e-mail',
          body: subscriptionBody,
          response: { 201: subscriptionSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const body = request.body;
        const personId = body.personId ?? principal.id;
        if (personId !== principal.id && !isAdmin(principal)) {
          throw new AppError('forbidden', 'Only administrators subscribe other people', [
            { field: 'body.personId', message: 'you may subscribe only yourself' },
          ]);
        }
        const subscriber =
          personId === principal.id ? principal : await loadPrincipal(deps.db, personId);
        if (!subscriber) throw invalid('body.personId', 'names no active person');
        if (!periodicScopeOf(subscriber)) {
          if (subscriber.id === principal.id) {
            throw new AppError(
              'forbidden',
              'Only managers, supervisors, auditors and administrators receive the periodic report',
            );
          }
          throw invalid('body.personId', 'this person may not read the periodic report');
        }
        await checkFilters(deps.db, subscriber, body.filters);
        const id = await createReportSubscription(deps.db, {
          personId,
          kind: body.kind,
          language: body.language,
          format: body.format,
          filters: body.filters,
          createdById: principal.id,
        });
        if (!id) {
          throw new AppError('conflict', 'The same subscription exists; change or cancel it');
        }
        const row = await findReportSubscription(deps.db, id);
        if (!row) throw new Error(`report subscription ${id} not found after it was created`);
        request.log.info(
          { subscriptionId: id, personId, actorId: principal.id, kind: body.kind },
          'report subscription created',
        );
        return reply.status(201).send(present(row));
      },
    );

    app.delete(
      '/report-subscriptions/:id',
      {
        schema: {
          tags: ['reports'],
          summary: 'Cancel a periodic report subscription',
          params: idParams,
          response: { 204: noContent, ...errorResponses(400, 401, 404) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const row = await findReportSubscription(deps.db, request.params.id);
        const visible = row && (row.personId === principal.id || isAdmin(principal));
        if (!row || !visible || row.cancelledAt) {
          throw new AppError('not_found', `No active subscription ${request.params.id}`);
        }
        await cancelReportSubscription(deps.db, {
          id: row.id,
          actorId: principal.id,
          at: new Date(),
        });
        request.log.info(
          { subscriptionId: row.id, actorId: principal.id },
          'report subscription cancelled',
        );
        return reply.status(204).send(null);
      },
    );
  };
}
