/**
 * Cases: file a complaint (which starts its `complaint` workflow), list and search cases, read one.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import {
  complaintMessages,
  complaintPrefix,
  complaintWorkflowType,
  type ComplaintInput,
  type ComplaintState,
} from '../../common/complaint';
import {
  priorityFrom,
  type CaseStatus,
  type Channel,
  type Level,
  type WaitReason,
} from '../../common/enums';
import { AppError } from '../../common/errors';
import { decodeCursor, listCases, type CaseFilters } from '../../activities/cases/queries';
import {
  findOrCreateCustomer,
  personExists,
  requireUnlinkedAttachments,
  resolveClassification,
} from '../../activities/cases/intake';
import { allocateReference } from '../../activities/cases/reference';
import { loadClockCalendar } from '../../activities/sla/case-clock';
import type { AppDeps } from '../app';
import { createClockCalendarCache } from '../calendar-reuse';
import { errorResponses } from '../schemas/common';
import { requirePrincipal } from '../auth/plugin';
import { canLogForOthers, caseScope } from '../policies/cases';
import { iso, loadVisibleCase, presentCase, resolutionQueueState } from '../presenters/case';
import {
  caseDetail,
  caseList,
  createCaseBody,
  listCasesQuery,
  referenceParams,
} from '../schemas/cases';
import { executeUpdate, temporalError } from '../workflows';

/** Channels a customer may use for their own case; the rest are logged by an agent. */
const selfServiceChannels: readonly Channel[] = ['portal', 'mobile_app'];

/** Returns the year of an instant in Malaysia, which picks the reference's yearly sequence. */
function malaysianYear(instant: Date): number {
  return Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' }).format(
      instant,
    ),
  );
}

/** How long a case list reuses the loaded working calendar for its queue times. */
const listCalendarTtlMs = 5_000;

export function caseRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const listCalendars = createClockCalendarCache(
      (from) => loadClockCalendar(deps.db, app.log, from),
      listCalendarTtlMs,
    );

    app.post(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'File a complaint, for yourself or (agents) for a customer',
          body: createCaseBody,
          response: { 201: caseDetail, ...errorResponses(400, 401, 403, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const body = request.body;
        const forOthers = body.requester !== undefined;

        if (forOthers && !canLogForOthers(principal)) {
          throw new AppError(
            'forbidden',
            'Only service-desk staff may log a case for someone else',
            [{ field: 'requester', message: 'not allowed for your role' }],
          );
        }
        const channel = body.channel ?? (forOthers ? undefined : 'portal');
        if (!channel) {
          throw new AppError(
            'validation_failed',
            'channel: required when logging a case for a customer',
            [{ field: 'channel', message: 'required when logging for a customer' }],
          );
        }
        if (!canLogForOthers(principal) && !selfServiceChannels.includes(channel)) {
          throw new AppError(
            'validation_failed',
            `channel: ${channel} is recorded by service-desk staff`,
            [{ field: 'channel', message: `use ${selfServiceChannels.join(' or ')}` }],
          );
        }

        const classification = await resolveClassification(
          deps.db,
          body.serviceId ?? null,
          body.categoryId ?? null,
        );
        await requireUnlinkedAttachments(
          deps.db,
          'attachmentIds',
          body.attachmentIds,
          principal.id,
          deps.config.ATTACHMENT_MAX_COUNT,
        );

        let requesterId = principal.id;
        if (body.requester && 'id' in body.requester) {
          if (!(await personExists(deps.db, body.requester.id))) {
            throw new AppError('validation_failed', 'requester.id: no such person', [
              { field: 'requester.id', message: 'no such person' },
            ]);
          }
          requesterId = body.requester.id;
        } else if (body.requester) {
          requesterId = (await findOrCreateCustomer(deps.db, body.requester)).id;
        }

        // Customers state the urgency; the impact comes from the category unless staff set it.
        const staff = canLogForOthers(principal);
        const impact = ((staff ? body.impact : undefined) ??
          classification.defaultImpact ??
          2) as Level;
        const urgency = (body.urgency ?? classification.defaultUrgency ?? 2) as Level;

        const openedAt = new Date();
        const reference = await allocateReference(
          deps.db,
          complaintPrefix,
          malaysianYear(openedAt),
        );
        const input: ComplaintInput = {
          caseId: crypto.randomUUID(),
          reference,
          title: body.title,
          description: body.description,
          channel,
          requesterId,
          createdById: principal.id,
          serviceId: classification.serviceId,
          categoryId: classification.categoryId,
          impact,
          urgency,
          unitId: classification.unitId,
          attachmentIds: body.attachmentIds,
          openedAt: openedAt.toISOString(),
          confirmationWindowMs: deps.config.CONFIRMATION_WINDOW_HOURS * 3_600_000,
          warningShare: deps.config.SLA_WARNING_SHARE,
        };

        try {
          await deps.temporal.client.workflow.start(complaintWorkflowType, {
            workflowId: reference,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          throw temporalError(error, reference);
        }
        await executeUpdate<ComplaintState>(
          deps.temporal.client,
          reference,
          complaintMessages.opened,
          {},
        );
        request.log.info(
          { reference, channel, priority: priorityFrom(impact, urgency) },
          'complaint received',
        );

        const visible = await loadVisibleCase(deps.db, principal, reference);
        const detail = await presentCase(visible, {
          db: deps.db,
          principal,
          temporal: deps.temporal,
          temporalUiUrl: deps.config.TEMPORAL_UI_URL,
        });
        return reply.status(201).send(detail);
      },
    );

    app.get(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'List and search the cases you may see',
          querystring: listCasesQuery,
          response: { 200: caseList, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const query = request.query;
        const cursor = query.cursor ? decodeCursor(query.cursor) : null;
        if (query.cursor && !cursor) {
          throw new AppError('validation_failed', 'cursor: not a cursor returned by this list', [
            { field: 'querystring.cursor', message: 'invalid cursor' },
          ]);
        }
        const filters: CaseFilters = {
          status: query.status,
          unitIds: query.unitId,
          assigneeId: query.mine === 'true' ? principal.id : query.assigneeId,
          requesterId: query.requesterId,
          unassigned: query.unassigned === 'true',
          channel: query.channel,
          priority: query.priority,
          q: query.q,
        };
        const page = await listCases(deps.db, {
          scope: caseScope(principal),
          filters,
          sort: query.sort,
          limit: query.limit,
          cursor,
        });
        const now = new Date();
        const oldest = page.items.reduce<Date>(
          (min, row) => (row.openedAt && row.openedAt < min ? row.openedAt : min),
          now,
        );
        const calendar = await listCalendars.get(oldest);
        return {
          items: page.items.map((row) => ({
            reference: row.reference,
            title: row.title,
            status: row.status as CaseStatus,
            channel: row.channel as Channel,
            priority: Number(row.priority),
            requester: row.requesterId
              ? { id: row.requesterId, name: row.requesterName ?? '' }
              : null,
            unitId: row.unitId ?? null,
            assigneeId: row.assigneeId ?? null,
            assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
            categoryId: row.categoryId ?? null,
            waitingFor: (row.waitingFor ?? null) as WaitReason | null,
            openedAt: iso(row.openedAt) ?? '',
            updatedAt: iso(row.updatedAt) ?? '',
            firstResponseDueAt: iso(row.firstResponseDueAt),
            resolutionDueAt: iso(row.resolutionDueAt),
            firstResponseBreached: Boolean(row.firstResponseBreached),
            resolutionBreached: Boolean(row.resolutionBreached),
            ...resolutionQueueState(calendar, row, now, deps.config.SLA_WARNING_SHARE),
          })),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/cases/:reference',
      {
        schema: {
          tags: ['cases'],
          summary: 'One case with its timeline, attachments and (staff) history and workflow',
          params: referenceParams,
          querystring: z.object({ live: z.enum(['true', 'false']).optional() }),
          response: { 200: caseDetail, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const visible = await loadVisibleCase(deps.db, principal, request.params.reference);
        return presentCase(visible, {
          db: deps.db,
          principal,
          temporal: deps.temporal,
          temporalUiUrl: deps.config.TEMPORAL_UI_URL,
          live: request.query.live === 'true',
        });
      },
    );
  };
}
