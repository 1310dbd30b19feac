/**
 * The periodic report and the records behind each of its numbers.
 *   GET /reports/periodic?from&to&unitId&category&channel&campus&format=json|xlsx|pdf&language=ms|en
 *   GET /reports/periodic/records?figure&from&to&unitId&category&channel&campus&by&key
 * Managers, auditors and administrators report on every unit; a supervisor (ketua unit) only on
 * the units they head, or belong to when they head none. Everyone else gets 403.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channels, languages } from '../../common/enums';
import { AppError } from '../../common/errors';
import type { Principal } from '../../activities/identity/principals';
import {
  buildPeriodicReport,
  listFigureRecords,
  maxRecords,
} from '../../activities/reports/periodic';
import {
  periodicReportPdf,
  periodicReportXlsx,
  type ExportFilterNames,
} from '../../activities/reports/periodic-export';
import { periodicScopeOf, scopeCoversUnit } from '../../activities/reports/periodic-scope';
import { findCampus } from '../../activities/identity/campuses';
import {
  dimensions,
  figureNames,
  type ReportFilters,
  type ReportScope,
} from '../../activities/reports/periodic-types';
import {
  isCalendarDay,
  maxPeriodDays,
  periodDays,
  reportPeriod,
} from '../../activities/reports/periodic-period';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { errorResponses } from '../schemas/common';

/** A calendar day as YYYY-MM-DD, checked to exist. */
export const calendarDay = z
  .string()
  .refine(isCalendarDay, { message: 'expected a calendar day as YYYY-MM-DD' });

const filterFields = {
  from: calendarDay,
  to: calendarDay,
  unitId: z.uuid().optional(),
  category: z.uuid().optional(),
  channel: z.enum(channels).optional(),
  campus: z.uuid().optional().describe('A campus id: the cases of the units at the campus'),
};

const periodicQuery = z.object({
  ...filterFields,
  format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
  language: z.enum(languages).optional(),
});

const recordsQuery = z.object({
  ...filterFields,
  figure: z.enum(figureNames),
  by: z.enum(dimensions).optional(),
  key: z.string().max(100).optional(),
});

const figureQuerySchema = z.object({
  figure: z.enum(figureNames),
  from: z.string(),
  to: z.string(),
  unitId: z.uuid().optional(),
  category: z.uuid().optional(),
  channel: z.enum(channels).optional(),
  campus: z.uuid().optional(),
  by: z.enum(dimensions).optional(),
  key: z.string().optional(),
});
const figure = z.object({ value: z.number().int(), query: figureQuerySchema });
const breakdownRow = z.object({
  key: z.string(),
  labelMs: z.string().nullable(),
  labelEn: z.string().nullable(),
  received: figure,
  resolved: figure,
  backlog: figure,
});
const duration = z.object({
  cases: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});

export const periodicReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({
    unitId: z.uuid().optional(),
    category: z.uuid().optional(),
    channel: z.enum(channels).optional(),
    campus: z.uuid().optional(),
  }),
  generatedAt: z.iso.datetime(),
  asOf: z.iso.datetime(),
  timeMeasure: z.literal('elapsed_minus_pauses'),
  totals: z.object({
    received: figure,
    resolved: figure,
    closed: figure,
    reopened: figure,
    backlog: figure,
    breached: figure,
    reopenRate: z.number().nullable(),
    resolutionAttainment: z.number().nullable(),
  }),
  byType: z.array(breakdownRow),
  byCategory: z.array(breakdownRow),
  byChannel: z.array(breakdownRow),
  byUnit: z.array(breakdownRow),
  byMonth: z.array(breakdownRow),
  ageing: z.array(z.object({ key: z.string(), backlog: figure })),
  times: z.object({ firstResponse: duration, resolution: duration }),
  satisfaction: z.object({
    rated: figure,
    mean: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number().int(), rated: figure })),
  }),
});

const reportRecords = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  items: z.array(
    z.object({
      reference: z.string(),
      title: z.string(),
      status: z.string(),
      type: z.string(),
      channel: z.string(),
      unitId: z.uuid().nullable(),
      categoryId: z.uuid().nullable(),
      openedAt: z.iso.datetime(),
      resolvedAt: z.iso.datetime().nullable(),
      closedAt: z.iso.datetime().nullable(),
      rating: z.number().int().nullable(),
    }),
  ),
});

/** Decides which units the caller may report on, or rejects the request with 403. */
export function reportScope(principal: Principal, filters: ReportFilters): ReportScope {
  const scope = periodicScopeOf(principal);
  if (!scope) {
    throw new AppError(
      'forbidden',
      'Only managers, supervisors, auditors and administrators read reports',
    );
  }
  if (!scopeCoversUnit(scope, filters.unitId)) {
    throw new AppError('forbidden', `unitId ${filters.unitId} is not one of your units`, [
      { field: 'unitId', message: 'not one of your units' },
    ]);
  }
  return scope;
}

function checkedPeriod(from: string, to: string) {
  if (from > to) {
    throw new AppError('validation_failed', `to: ${to} is before from: ${from}`, [
      { field: 'to', message: 'must be on or after from' },
    ]);
  }
  const period = reportPeriod(from, to);
  if (periodDays(period) > maxPeriodDays) {
    throw new AppError('validation_failed', `the period is longer than ${maxPeriodDays} days`, [
      { field: 'to', message: `at most ${maxPeriodDays} days after from` },
    ]);
  }
  return period;
}

function sendFile(reply: FastifyReply, body: Buffer, contentType: string, fileName: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export function periodicReportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/periodic',
      {
        schema: {
          tags: ['reports'],
          summary: 'Build the periodic report of a date range as JSON, XLSX or PDF',
          querystring: periodicQuery,
          response: { 200: periodicReportSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const { from, to, unitId, category, channel, campus, format } = request.query;
        const filters: ReportFilters = { unitId, category, channel, campus };
        const scope = reportScope(principal, filters);
        const campusRow = campus === undefined ? null : await findCampus(deps.db, campus);
        if (campus !== undefined && !campusRow) {
          throw new AppError('validation_failed', `querystring.campus: no campus ${campus}`, [
            { field: 'querystring.campus', message: 'names no campus' },
          ]);
        }
        const period = checkedPeriod(from, to);
        const report = await buildPeriodicReport(deps.db, { period, filters, scope });
        request.log.info(
          { personId: principal.id, from, to, format, unitId, category, channel, campus },
          'periodic report built',
        );
        if (format === 'json') return report;

        const language = request.query.language ?? principal.language;
        const filterNames: ExportFilterNames = campusRow
          ? { campus: language === 'en' ? campusRow.nameEn : campusRow.nameMs }
          : {};
        const baseName = `laporan-berkala-${from}-${to}`;
        if (format === 'xlsx') {
          const file = await periodicReportXlsx(report, language, undefined, filterNames);
          return sendFile(
            reply,
            file,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            `${baseName}.xlsx`,
          );
        }
        const file = await periodicReportPdf(report, language, undefined, filterNames);
        return sendFile(reply, file, 'application/pdf', `${baseName}.pdf`);
      },
    );

    app.get(
      '/reports/periodic/records',
      {
        schema: {
          tags: ['reports'],
          summary: 'List the cases behind one number of the periodic report',
          querystring: recordsQuery,
          response: { 200: reportRecords, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const {
          from,
          to,
          unitId,
          category,
          channel,
          campus,
          figure: name,
          by,
          key,
        } = request.query;
        const filters: ReportFilters = { unitId, category, channel, campus };
        const scope = reportScope(principal, filters);
        const period = checkedPeriod(from, to);
        const records = await listFigureRecords(
          deps.db,
          { figure: name, from, to, ...filters, by, key },
          period,
          scope,
        );
        return { ...records, limit: maxRecords };
      },
    );
  };
}
