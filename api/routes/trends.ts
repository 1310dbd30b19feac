/**
 * Trend analysis and corrective-action candidates.
 *   GET  /reports/trends?dimension&week     test every series in the week of `week`, and list
 *                                           the repeated faults of the days before its end
 *   POST /reports/trends/candidates         raise a candidate from a flagged series
 *   GET  /reports/trends/candidates         the newest candidates
 * Reading follows the periodic report's rule (a supervisor sees only their units). Raising and
 * listing candidates is for managers, auditors (the quality coordinator) and administrators.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { Principal } from '../../activities/identity/principals';
import {
  analyseTrends,
  defaultRepeatedFaultOptions,
  findRepeatedFaults,
  listCandidates,
  raiseCandidate,
  trendDimensions,
  type CorrectiveActionCandidate,
} from '../../activities/reports/trends';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { errorResponses } from '../schemas/common';
import { calendarDay, reportScope } from './periodic-reports';

const trendsQuery = z.object({
  dimension: z.enum(trendDimensions).default('category'),
  week: calendarDay,
  repeatWindowDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(defaultRepeatedFaultOptions.windowDays),
  repeatMinCases: z.coerce
    .number()
    .int()
    .min(2)
    .max(100)
    .default(defaultRepeatedFaultOptions.minCases),
});

const trendResult = z.object({
  key: z.string(),
  labelMs: z.string().nullable(),
  labelEn: z.string().nullable(),
  observed: z.number().int(),
  previous: z.number().int(),
  expected: z.number(),
  basis: z.enum(['seasonal', 'recent']),
  pValue: z.number(),
  threshold: z.number(),
  flagged: z.boolean(),
  recentWeeks: z.array(z.number().int()),
});

const repeatedFault = z.object({
  serviceId: z.uuid(),
  serviceMs: z.string(),
  serviceEn: z.string(),
  requesterId: z.uuid(),
  requesterName: z.string(),
  count: z.number().int(),
  firstOpenedAt: z.iso.datetime(),
  lastOpenedAt: z.iso.datetime(),
  caseReferences: z.array(z.string()),
});

const trendsResponse = z.object({
  weekStart: z.string(),
  dimension: z.enum(trendDimensions),
  results: z.array(trendResult),
  repeatedFaults: z.object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    windowDays: z.number().int(),
    minCases: z.number().int(),
    groups: z.array(repeatedFault),
  }),
});

const candidateBody = z.strictObject({
  dimension: z.enum(trendDimensions),
  key: z.uuid(),
  week: calendarDay,
});

const candidateSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  dimension: z.string(),
  seriesKey: z.string(),
  weekStart: z.string(),
  observed: z.number().int(),
  expected: z.number(),
  pValue: z.number(),
  evidence: z.unknown(),
  status: z.string(),
  createdById: z.uuid(),
  createdAt: z.iso.datetime(),
});

const listedCandidate = candidateSchema.extend({
  labelMs: z.string().nullable(),
  labelEn: z.string().nullable(),
});

const keepsCorrectiveActions: readonly Role[] = ['manager', 'auditor', 'admin'];

function requireQualityRole(principal: Principal): void {
  if (!principal.roles.some((role) => keepsCorrectiveActions.includes(role))) {
    throw new AppError(
      'forbidden',
      'Only managers, auditors and administrators handle corrective-action candidates',
    );
  }
}

function presentCandidate<T extends CorrectiveActionCandidate>(candidate: T) {
  return { ...candidate, createdAt: candidate.createdAt.toISOString() };
}

export function trendRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/trends',
      {
        schema: {
          tags: ['reports'],
          summary:
            'Test the weekly counts of every series for a significant rise; list repeated faults',
          querystring: trendsQuery,
          response: { 200: trendsResponse, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const scope = reportScope(principal, {});
        const analysis = await analyseTrends(deps.db, {
          dimension: request.query.dimension,
          day: request.query.week,
          scope,
        });
        const repeated = await findRepeatedFaults(deps.db, {
          day: request.query.week,
          scope,
          options: {
            windowDays: request.query.repeatWindowDays,
            minCases: request.query.repeatMinCases,
          },
        });
        return {
          ...analysis,
          repeatedFaults: {
            from: repeated.from,
            to: repeated.to,
            windowDays: repeated.options.windowDays,
            minCases: repeated.options.minCases,
            groups: repeated.groups,
          },
        };
      },
    );

    app.post(
      '/reports/trends/candidates',
      {
        schema: {
          tags: ['reports'],
          summary: 'Raise a corrective-action candidate from a flagged series, with its evidence',
          body: candidateBody,
          response: {
            200: candidateSchema,
            201: candidateSchema,
            ...errorResponses(400, 401, 403, 409),
          },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireQualityRole(principal);
        const { candidate, created } = await raiseCandidate(deps.db, {
          dimension: request.body.dimension,
          key: request.body.key,
          day: request.body.week,
          scope: { unitIds: null },
          createdById: principal.id,
        });
        request.log.info(
          { candidateId: candidate.id, personId: principal.id, created },
          'corrective-action candidate raised',
        );
        return reply.status(created ? 201 : 200).send(presentCandidate(candidate));
      },
    );

    app.get(
      '/reports/trends/candidates',
      {
        schema: {
          tags: ['reports'],
          summary: 'List the newest corrective-action candidates',
          response: {
            200: z.object({ items: z.array(listedCandidate) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireQualityRole(principal);
        const items = await listCandidates(deps.db);
        return { items: items.map(presentCandidate) };
      },
    );
  };
}
