/**
 * The client charter report (laporan piagam pelanggan):
 *   GET /reports/charter         share of cases that met each target, as JSON, CSV or XLSX
 *   GET /reports/charter/cases   the cases behind one number of the report
 *
 * The period is a month (`year` and `month`), a half-year (`year` and `half`), a year (`year`)
 * or a range of local dates (`from` and `to`, inclusive). Managers, auditors and administrators
 * read every unit. A supervisor reads only their own units.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  filterCharterCases,
  listCharterCases,
  summariseCharter,
  type CharterCase,
  type CharterFilters,
  type CharterPeriod,
  type CharterTarget,
} from '../../activities/reports/charter';
import { charterTable, toCsv, toXlsx } from '../../activities/reports/export';
import type { Principal } from '../../activities/identity/principals';
import { AppError, type FieldIssue } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { charterScope } from '../policies/reports';
import { errorResponses } from '../schemas/common';
import {
  charterCasesQuery,
  charterCasesSchema,
  charterQuery,
  charterReportSchema,
} from '../schemas/reports';

type PeriodQuery = Pick<z.infer<typeof charterQuery>, 'year' | 'month' | 'half' | 'from' | 'to'>;
type FilterQuery = Pick<z.infer<typeof charterQuery>, 'priority' | 'unitId' | 'categoryId'>;

/** Maximum days in a range (about ten years), so one request cannot scan every case. */
const maxRangeDays = 3660;

function invalid(field: string, message: string): AppError {
  const issues: FieldIssue[] = [{ field, message }];
  return new AppError('validation_failed', `${field}: ${message}`, issues);
}

const pad = (value: number) => String(value).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Resolves the period parameters into a range of local dates, or raises validation_failed. */
export function resolvePeriod(query: PeriodQuery): CharterPeriod {
  if (query.from !== undefined || query.to !== undefined) {
    if (query.year !== undefined) throw invalid('year', 'give either year or from and to');
    if (!query.from) throw invalid('from', 'missing; a range needs from and to');
    if (!query.to) throw invalid('to', 'missing; a range needs from and to');
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days < 0) throw invalid('to', 'is before from');
    if (days > maxRangeDays)
      throw invalid('to', `the range may cover at most ${maxRangeDays} days`);
    return { from: query.from, to: query.to };
  }
  const { year, month, half } = query;
  if (year === undefined) throw invalid('year', 'missing; give year, or from and to');
  if (month !== undefined && half !== undefined) throw invalid('half', 'give either month or half');
  if (month !== undefined) {
    return {
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
    };
  }
  if (half === 1) return { from: `${year}-01-01`, to: `${year}-06-30` };
  if (half === 2) return { from: `${year}-07-01`, to: `${year}-12-31` };
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function resolveFilters(principal: Principal, query: FilterQuery): CharterFilters {
  const scope = charterScope(principal);
  if (scope === null) {
    throw new AppError(
      'forbidden',
      'Only managers, supervisors, auditors and administrators read the charter report',
    );
  }
  const unitId = query.unitId === 'none' ? null : query.unitId;
  if (scope !== 'all' && unitId !== undefined && (unitId === null || !scope.includes(unitId))) {
    throw new AppError('forbidden', `A supervisor reports only on their own units, not ${unitId}`);
  }
  return {
    ...(scope === 'all' ? {} : { unitIds: scope }),
    ...(unitId === undefined ? {} : { unitId }),
    ...(query.categoryId === undefined
      ? {}
      : { categoryId: query.categoryId === 'none' ? null : query.categoryId }),
    ...(query.priority === undefined ? {} : { priority: query.priority }),
  };
}

/**
 * Sends a CSV or XLSX body. Fastify writes a string or a Buffer with a content type as it is,
 * without the JSON response schema, so the reply is widened to the untyped one here.
 */
function sendFile(
  reply: FastifyReply,
  contentType: string,
  fileName: string,
  body: string | Buffer,
) {
  return reply
    .type(contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(body);
}

function presentCharterCase(row: CharterCase, target: CharterTarget) {
  const firstResponse = target === 'first_response';
  const dueAt = firstResponse ? row.firstResponseDueAt : row.resolutionDueAt;
  const metAt = firstResponse ? row.firstRespondedAt : row.resolvedAt;
  return {
    reference: row.reference,
    title: row.title,
    priority: row.priority,
    openedAt: row.openedAt.toISOString(),
    dueAt: dueAt?.toISOString() ?? null,
    metAt: metAt?.toISOString() ?? null,
  };
}

export function reportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  return async (app) => {
    app.get(
      '/reports/charter',
      {
        schema: {
          tags: ['reports'],
          summary:
            'Charter report: share of cases that met each target, per priority, unit and category',
          querystring: charterQuery,
          response: { 200: charterReportSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const filters = resolveFilters(principal, request.query);
        const period = resolvePeriod(request.query);
        const now = new Date();
        const report = summariseCharter(await listCharterCases(db, period, filters), period, now);
        const { format } = request.query;
        request.log.info(
          { actorId: principal.id, period, format, cases: report.totals.cases },
          'charter report read',
        );
        if (format === 'json') return report;

        const language = request.query.lang ?? principal.language;
        const table = charterTable(report, language);
        const fileName = `charter-${period.from}-${period.to}.${format}`;
        if (format === 'csv') {
          return sendFile(reply, 'text/csv; charset=utf-8', fileName, toCsv(table));
        }
        return sendFile(
          reply,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          fileName,
          await toXlsx(table, language === 'ms' ? 'Piagam' : 'Charter'),
        );
      },
    );

    app.get(
      '/reports/charter/cases',
      {
        schema: {
          tags: ['reports'],
          summary: 'The cases behind one number of the charter report',
          querystring: charterCasesQuery,
          response: { 200: charterCasesSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const filters = resolveFilters(principal, request.query);
        const period = resolvePeriod(request.query);
        const { target, outcome } = request.query;
        const now = new Date();
        const rows = filterCharterCases(
          await listCharterCases(db, period, filters),
          target,
          outcome,
          now,
        );
        return {
          items: rows.map((row) => ({ ...presentCharterCase(row, target), outcome })),
        };
      },
    );
  };
}
