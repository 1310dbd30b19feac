/**
 * Working calendars of the service-level clock. Staff read them; administrators add and remove
 * holidays. Changing a holiday starts the recomputeDeadlines workflow, which signals every open
 * case to compute its deadlines again; a closed case keeps its recorded result.
 *   GET    /calendars                              every calendar
 *   GET    /calendars/{id}                         one calendar with its rules and holidays
 *   GET    /calendars/{id}/month?year=&month=      per day: working ranges, or why not worked
 *   POST   /calendars/{id}/holidays                adds a holiday
 *   PATCH  /calendars/{id}/holidays/{holidayId}    changes a holiday's date, names, kind or confirmation
 *   DELETE /calendars/{id}/holidays/{holidayId}    removes a holiday
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addHoliday,
  deleteHoliday,
  getCalendarDetail,
  listCalendars,
  toWorkingCalendar,
} from '../../activities/sla/calendars';
import { updateHoliday } from '../../activities/sla/calendar-edits';
import { AppError } from '../../common/errors';
import { describeMonth, WorkingTimeError } from '../../common/working-time';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import type { Principal } from '../../activities/identity/principals';
import { canManageCalendars, canReadCalendars } from '../policies/calendars';
import { requestDeadlineRecompute } from '../sla-recompute';
import { errorResponses, idParams, noContent } from '../schemas/common';
import {
  calendarDetailSchema,
  calendarSummarySchema,
  holidayParams,
  holidaySchema,
  monthQuery,
  monthSchema,
  newHolidayBody,
} from '../schemas/calendars';
import { holidayChangesBody } from '../schemas/calendar-edits';

function requireReader(principal: Principal): void {
  if (!canReadCalendars(principal)) {
    throw new AppError('forbidden', 'Only staff of the division read the working calendars');
  }
}

function requireAdministrator(principal: Principal): void {
  if (!canManageCalendars(principal)) {
    throw new AppError('forbidden', 'Only administrators change the working calendars');
  }
}

export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { db } = deps;

  return async (app) => {
    app.get(
      '/calendars',
      {
        schema: {
          tags: ['calendars'],
          summary: 'List the working calendars',
          response: {
            200: z.object({ items: z.array(calendarSummarySchema) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        requireReader(requirePrincipal(request));
        return { items: await listCalendars(db) };
      },
    );

    app.get(
      '/calendars/:id',
      {
        schema: {
          tags: ['calendars'],
          summary: 'One working calendar with its hours, weekends, special periods and holidays',
          params: idParams,
          response: { 200: calendarDetailSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireReader(requirePrincipal(request));
        const calendar = await getCalendarDetail(db, request.params.id);
        if (!calendar) throw new AppError('not_found', `No calendar ${request.params.id}`);
        return calendar;
      },
    );

    app.get(
      '/calendars/:id/month',
      {
        schema: {
          tags: ['calendars'],
          summary: 'The days of one month: working ranges, or why a day is not worked',
          params: idParams,
          querystring: monthQuery,
          response: { 200: monthSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireReader(requirePrincipal(request));
        const { year, month } = request.query;
        const from = `${year}-${String(month).padStart(2, '0')}-01`;
        // Holidays from the month's first day on; the later ones do no harm.
        const detail = await getCalendarDetail(db, request.params.id, { holidaysFrom: from });
        if (!detail) throw new AppError('not_found', `No calendar ${request.params.id}`);
        try {
          const days = describeMonth(toWorkingCalendar(detail), year, month);
          return { calendarId: detail.id, timeZone: detail.timeZone, year, month, days };
        } catch (error) {
          if (!(error instanceof WorkingTimeError)) throw error;
          throw new AppError('invalid_state', `Calendar ${detail.id} is invalid: ${error.message}`);
        }
      },
    );

    app.post(
      '/calendars/:id/holidays',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Add a holiday (public, state, one-off or replacement) to a calendar',
          params: idParams,
          body: newHolidayBody,
          response: { 201: holidaySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        const holiday = await addHoliday(db, principal.id, request.params.id, request.body);
        request.log.info(
          { actorId: principal.id, calendarId: request.params.id, holidayId: holiday.id },
          'holiday added',
        );
        await requestDeadlineRecompute(deps.temporal, request.log, `holiday ${holiday.id} added`);
        return reply.code(201).send(holiday);
      },
    );

    app.patch(
      '/calendars/:id/holidays/:holidayId',
      {
        schema: {
          tags: ['calendars'],
          summary: "Change a holiday's date, names, kind or confirmation",
          params: holidayParams,
          body: holidayChangesBody,
          response: { 200: holidaySchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        const { id, holidayId } = request.params;
        const holiday = await updateHoliday(db, principal.id, id, holidayId, request.body);
        if (!holiday) throw new AppError('not_found', `Calendar ${id} has no holiday ${holidayId}`);
        request.log.info({ actorId: principal.id, calendarId: id, holidayId }, 'holiday changed');
        await requestDeadlineRecompute(deps.temporal, request.log, `holiday ${holidayId} changed`);
        return holiday;
      },
    );

    app.delete(
      '/calendars/:id/holidays/:holidayId',
      {
        schema: {
          tags: ['calendars'],
          summary: 'Remove a holiday from a calendar',
          params: holidayParams,
          response: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireAdministrator(principal);
        const { id, holidayId } = request.params;
        const deleted = await deleteHoliday(db, principal.id, id, holidayId);
        if (!deleted) throw new AppError('not_found', `Calendar ${id} has no holiday ${holidayId}`);
        request.log.info({ actorId: principal.id, calendarId: id, holidayId }, 'holiday removed');
        await requestDeadlineRecompute(deps.temporal, request.log, `holiday ${holidayId} removed`);
        return reply.code(204).send(null);
      },
    );
  };
}
