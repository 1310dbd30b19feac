/**
 * The management dashboard.
 *   GET /dashboard   open work by status and unit, cases at risk, today's intake and
 *                    satisfaction per month; managers, supervisors and administrators only
 * The answer carries `refreshSeconds`, the interval at which the screen reloads it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildDashboard } from '../../activities/reports/dashboard';
import { caseStatuses, channels } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { dashboardScope } from '../policies/dashboard';
import { errorResponses } from '../schemas/common';

/** How often the screen reloads the dashboard, in seconds. */
export const dashboardRefreshSeconds = 60;

const byStatus = z.object(
  Object.fromEntries(caseStatuses.map((status) => [status, z.number().int()])) as Record<
    (typeof caseStatuses)[number],
    z.ZodNumber
  >,
);
const monthlyMean = z.object({ count: z.number().int(), mean: z.number().nullable() });

const dashboardSchema = z.object({
  generatedAt: z.iso.datetime(),
  refreshSeconds: z.number().int(),
  openByStatus: z.array(z.object({ status: z.enum(caseStatuses), cases: z.number().int() })),
  openByUnit: z.array(
    z.object({
      unitId: z.uuid().nullable(),
      nameMs: z.string().nullable(),
      nameEn: z.string().nullable(),
      total: z.number().int(),
      byStatus,
    }),
  ),
  atRisk: z.object({
    warning: z.number().int(),
    breached: z.number().int(),
    cases: z.array(
      z.object({
        reference: z.string(),
        title: z.string(),
        priority: z.number().int(),
        status: z.enum(caseStatuses),
        unitId: z.uuid().nullable(),
        target: z.enum(['firstResponse', 'resolution']),
        level: z.enum(['warning', 'breached']),
        dueAt: z.iso.datetime(),
        warnAt: z.iso.datetime().nullable(),
      }),
    ),
  }),
  todayIntake: z.object({
    date: z.iso.date(),
    received: z.number().int(),
    byChannel: z.array(z.object({ channel: z.enum(channels), cases: z.number().int() })),
    byType: z.array(z.object({ type: z.string(), cases: z.number().int() })),
  }),
  satisfaction: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      ratings: monthlyMean,
      surveys: monthlyMean,
      csi: monthlyMean,
    }),
  ),
});

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dashboard',
      {
        schema: {
          tags: ['reports'],
          summary: 'Management dashboard: open work, cases at risk, intake and satisfaction',
          response: { 200: dashboardSchema, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const scope = dashboardScope(principal);
        if (!scope) {
          throw new AppError(
            'forbidden',
            'Only managers, supervisors and administrators read the dashboard',
          );
        }
        const dashboard = await buildDashboard(deps.db, request.log, {
          scope,
          now: new Date(),
          warningShare: deps.config.SLA_WARNING_SHARE,
        });
        return { ...dashboard, refreshSeconds: dashboardRefreshSeconds };
      },
    );
  };
}
