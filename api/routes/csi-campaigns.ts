/**
 * CSI campaigns (indeks kepuasan pelanggan): each runs as a csiCampaign workflow.
 *   POST /csi-campaigns                        create a campaign, which starts its workflow
 *   GET  /csi-campaigns, /csi-campaigns/:ref   list campaigns, or one with its counts
 *   GET  /csi-campaigns/:ref/results           the index with the comparison to the previous one
 *   POST /csi-campaigns/:ref/cancel            cancel before the close (signal)
 *   GET, PUT /csi-campaigns/schedule           the periodic campaigns of the Temporal Schedule
 *   GET, POST /csi-campaigns/respond/:token    the questionnaire behind a single-use link, and
 *                                              answering it once (no sign-in)
 * Administrators, managers and quality coordinators (auditors) use every route but the last two.
 */
import { WorkflowIdReusePolicy } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { allocateReference } from '../../activities/cases/reference';
import {
  activeServiceIds,
  countCsiInvitations,
  findCsiCampaign,
  findCsiCampaignById,
  listCsiCampaigns,
  surveyScaleQuestions,
  type CsiCampaignRow,
} from '../../activities/csi/queries';
import {
  campaignServices,
  checkCsiAnswers,
  findCsiLink,
  submitCsiAnswers,
} from '../../activities/csi/responses';
import { readCsiResults, type CsiResultRow } from '../../activities/csi/results';
import { readCsiSchedule, saveCsiSchedule } from '../../activities/csi/schedule';
import { sha256, type Principal } from '../../activities/identity/principals';
import {
  cancellableCsiStatuses,
  csiCampaignWorkflowType,
  csiLimits,
  csiMessages,
  csiPrefix,
  csiScheduleId,
  type CancelCsiCampaignMessage,
  type CsiCampaignInput,
  type CsiCampaignState,
  type CsiCampaignStatus,
  type CsiPopulationGroup,
  type CsiQuestion,
} from '../../common/csi';
import { AppError } from '../../common/errors';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { canRunCsiCampaigns } from '../policies/csi';
import { decodeStringCursor, encodeCursor, errorResponses, noContent } from '../schemas/common';
import {
  cancelCsiCampaignBody,
  createCsiCampaignBody,
  csiAnswerBody,
  csiCampaignDetail,
  csiCampaignList,
  csiListQuery,
  csiQuestionnaire,
  csiReferenceParams,
  csiResultsSchema,
  csiScheduleBody,
  csiScheduleSchema,
  csiTokenParams,
} from '../schemas/csi';
import { executeUpdate, temporalError } from '../workflows';

const dayMs = 24 * 60 * 60 * 1000;
/** How far in the past an opening may be given, for clocks that differ a little. */
const openingLeewayMs = 5 * 60 * 1000;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

function requireRunner(principal: Principal): void {
  if (!canRunCsiCampaigns(principal)) {
    throw new AppError(
      'forbidden',
      'Only administrators, managers and quality coordinators run CSI campaigns',
    );
  }
}

function malaysianYear(instant: Date): number {
  const format = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Kuala_Lumpur' });
  return Number(format.format(instant));
}

/** Decodes a list cursor into the opening and id of the last campaign of the previous page. */
function campaignCursor(cursor: string): { opensAt: Date; id: string } {
  const [opensAt = '', id = ''] = decodeStringCursor(cursor, 2);
  const instant = new Date(opensAt);
  if (Number.isNaN(instant.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw invalid('querystring.cursor', 'invalid cursor; start again from the first page');
  }
  return { opensAt: instant, id };
}

interface CampaignContent {
  surveyId?: string | undefined;
  questions?: CsiQuestion[] | undefined;
  serviceIds: string[];
  population: CsiPopulationGroup[];
  reminderDays: number[];
}

export function csiCampaignRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  /**
   * Returns the campaign's questions, copied from the survey definition when one is named, after
   * checking that every service exists and is active.
   */
  async function resolveContent(body: CampaignContent): Promise<CsiQuestion[]> {
    const active = await activeServiceIds(deps.db, body.serviceIds);
    body.serviceIds.forEach((id, index) => {
      if (!active.has(id)) throw invalid(`body.serviceIds.${index}`, 'names no active service');
    });
    if (body.questions) return body.questions;
    const surveyId = body.surveyId ?? '';
    const questions = await surveyScaleQuestions(deps.db, surveyId);
    if (!questions) throw invalid('body.surveyId', 'names no survey');
    if (questions.length === 0)
      throw invalid('body.surveyId', 'the survey has no 1–5 scale question');
    return questions.slice(0, csiLimits.questions);
  }

  /** Checks that every reminder falls before the close. */
  function checkReminders(reminderDays: readonly number[], durationMs: number): void {
    reminderDays.forEach((day, index) => {
      if (day * dayMs >= durationMs) {
        throw invalid(`body.reminderDays.${index}`, 'must fall before the close');
      }
    });
  }

  async function detail(row: CsiCampaignRow): Promise<z.infer<typeof csiCampaignDetail>> {
    const counts = await countCsiInvitations(deps.db, row.id);
    const status = row.status as CsiCampaignStatus;
    return {
      reference: row.reference,
      titleMs: row.titleMs,
      titleEn: row.titleEn,
      status,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      invited: row.invited,
      responses: row.responses,
      surveyId: row.surveyId,
      questions: row.questions,
      services: await campaignServices(deps.db, row.serviceIds),
      population: row.population,
      reminderDays: row.reminderDays,
      emailed: counts.emailed,
      answered: counts.answered,
      responseRate: counts.invited > 0 ? counts.answered / counts.invited : null,
      scheduled: row.workflowId !== row.reference,
      openedAt: iso(row.openedAt),
      closedAt: iso(row.closedAt),
      completedAt: iso(row.completedAt),
      cancelledAt: iso(row.cancelledAt),
      cancelReason: row.cancelReason,
      createdAt: row.createdAt.toISOString(),
      actions: {
        cancel: cancellableCsiStatuses.includes(status),
        results: status === 'completed',
      },
    };
  }

  async function loadCampaign(reference: string): Promise<CsiCampaignRow> {
    const row = await findCsiCampaign(deps.db, reference);
    if (!row) throw new AppError('not_found', `No CSI campaign ${reference}`);
    return row;
  }

  return async (app) => {
    app.post(
      '/csi-campaigns',
      {
        schema: {
          tags: ['csi'],
          summary: 'Create a CSI campaign, which starts its csiCampaign workflow',
          body: createCsiCampaignBody,
          response: { 201: csiCampaignDetail, ...errorResponses(400, 401, 403, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireRunner(principal);
        const body = request.body;
        const now = new Date();
        const opensAt = body.opensAt ? new Date(body.opensAt) : now;
        const closesAt = new Date(body.closesAt);
        if (opensAt.getTime() < now.getTime() - openingLeewayMs) {
          throw invalid('body.opensAt', 'must not be in the past');
        }
        const durationMs = closesAt.getTime() - opensAt.getTime();
        if (durationMs <= 0) throw invalid('body.closesAt', 'must be after opensAt');
        if (durationMs > csiLimits.maxDays * dayMs) {
          throw invalid('body.closesAt', `at most ${csiLimits.maxDays} days after opensAt`);
        }
        checkReminders(body.reminderDays, durationMs);
        const questions = await resolveContent(body);

        const reference = await allocateReference(deps.db, csiPrefix, malaysianYear(now));
        const input: CsiCampaignInput = {
          source: 'api',
          campaignId: randomUUID(),
          reference,
          createdById: principal.id,
          spec: {
            titleMs: body.titleMs,
            titleEn: body.titleEn,
            surveyId: body.surveyId ?? null,
            questions,
            serviceIds: body.serviceIds,
            population: body.population,
            opensAt: opensAt.toISOString(),
            closesAt: closesAt.toISOString(),
            reminderDays: [...body.reminderDays].sort((a, b) => a - b),
          },
        };
        try {
          await deps.temporal.client.workflow.start(csiCampaignWorkflowType, {
            workflowId: reference,
            taskQueue: deps.temporal.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          });
        } catch (error) {
          throw temporalError(error, reference);
        }
        await executeUpdate<CsiCampaignState>(
          deps.temporal.client,
          reference,
          csiMessages.recorded,
          {},
        );
        request.log.info({ reference, personId: principal.id }, 'CSI campaign created');
        return reply.status(201).send(await detail(await loadCampaign(reference)));
      },
    );

    app.get(
      '/csi-campaigns',
      {
        schema: {
          tags: ['csi'],
          summary: 'List CSI campaigns, latest opening first',
          querystring: csiListQuery,
          response: { 200: csiCampaignList, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireRunner(requirePrincipal(request));
        const { status, cursor, limit } = request.query;
        const after = cursor ? campaignCursor(cursor) : null;
        const rows = await listCsiCampaigns(deps.db, { status, limit, after });
        const last = rows.length === limit ? rows[rows.length - 1] : undefined;
        return {
          items: rows.map((row) => ({
            reference: row.reference,
            titleMs: row.titleMs,
            titleEn: row.titleEn,
            status: row.status as CsiCampaignStatus,
            opensAt: row.opensAt.toISOString(),
            closesAt: row.closesAt.toISOString(),
            invited: row.invited,
            responses: row.responses,
          })),
          nextCursor: last ? encodeCursor([last.opensAt.toISOString(), last.id]) : null,
        };
      },
    );

    app.get(
      '/csi-campaigns/schedule',
      {
        schema: {
          tags: ['csi'],
          summary: 'The periodic CSI campaigns, or null when none are scheduled',
          response: { 200: csiScheduleSchema, ...errorResponses(401, 403, 503) },
        },
      },
      async (request) => {
        requireRunner(requirePrincipal(request));
        try {
          const view = await readCsiSchedule(deps.temporal.client);
          if (!view) return { schedule: null };
          const { template, ...timing } = view;
          return { schedule: { ...timing, ...template } };
        } catch (error) {
          throw temporalError(error, csiScheduleId);
        }
      },
    );

    app.put(
      '/csi-campaigns/schedule',
      {
        schema: {
          tags: ['csi'],
          summary: 'Set the months, day and hour of the periodic CSI campaigns, and what they ask',
          body: csiScheduleBody,
          response: { 200: csiScheduleSchema, ...errorResponses(400, 401, 403, 503) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireRunner(principal);
        const body = request.body;
        checkReminders(body.reminderDays, body.durationDays * dayMs);
        const questions = await resolveContent(body);
        try {
          await saveCsiSchedule(
            deps.temporal.client,
            deps.temporal.taskQueue,
            {
              enabled: body.enabled,
              months: [...body.months].sort((a, b) => a - b),
              dayOfMonth: body.dayOfMonth,
              hour: body.hour,
              template: {
                titleMs: body.titleMs,
                titleEn: body.titleEn,
                surveyId: body.surveyId ?? null,
                questions,
                serviceIds: body.serviceIds,
                population: body.population,
                durationDays: body.durationDays,
                reminderDays: [...body.reminderDays].sort((a, b) => a - b),
              },
            },
            request.log,
          );
          request.log.info(
            { personId: principal.id, enabled: body.enabled, months: body.months },
            'CSI schedule saved',
          );
          const view = await readCsiSchedule(deps.temporal.client);
          if (!view) return { schedule: null };
          const { template, ...timing } = view;
          return { schedule: { ...timing, ...template } };
        } catch (error) {
          throw temporalError(error, csiScheduleId);
        }
      },
    );

    app.get(
      '/csi-campaigns/:reference',
      {
        schema: {
          tags: ['csi'],
          summary: 'One CSI campaign with its invitation and answer counts',
          params: csiReferenceParams,
          response: { 200: csiCampaignDetail, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireRunner(requirePrincipal(request));
        return detail(await loadCampaign(request.params.reference));
      },
    );

    app.get(
      '/csi-campaigns/:reference/results',
      {
        schema: {
          tags: ['csi'],
          summary: 'The index per service, per question and for the division, with the changes',
          params: csiReferenceParams,
          response: { 200: csiResultsSchema, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        requireRunner(requirePrincipal(request));
        const row = await loadCampaign(request.params.reference);
        if (row.status !== 'completed') {
          throw new AppError(
            'invalid_state',
            `The results of ${row.reference} are computed when it closes; it is ${row.status}`,
          );
        }
        const before = row.previousCampaignId
          ? await findCsiCampaignById(deps.db, row.previousCampaignId)
          : null;
        const previous = before
          ? { reference: before.reference, titleMs: before.titleMs, titleEn: before.titleEn }
          : null;
        const questionText = new Map(row.questions.map((question) => [question.id, question]));
        const present = (result: CsiResultRow) => ({
          ...result,
          questionTextMs: result.questionId
            ? (questionText.get(result.questionId)?.textMs ?? null)
            : null,
          questionTextEn: result.questionId
            ? (questionText.get(result.questionId)?.textEn ?? null)
            : null,
        });
        const results = (await readCsiResults(deps.db, row.id)).map(present);
        const counts = await countCsiInvitations(deps.db, row.id);
        return {
          reference: row.reference,
          titleMs: row.titleMs,
          titleEn: row.titleEn,
          invited: counts.invited,
          responses: row.responses ?? 0,
          responseRate: counts.invited > 0 ? counts.answered / counts.invited : null,
          previous,
          division: results.find((result) => result.scope === 'division') ?? null,
          byService: results.filter((result) => result.scope === 'service'),
          byQuestion: results.filter((result) => result.scope === 'question'),
          byServiceQuestion: results.filter((result) => result.scope === 'service_question'),
        };
      },
    );

    app.post(
      '/csi-campaigns/:reference/cancel',
      {
        schema: {
          tags: ['csi'],
          summary:
            'Cancel a campaign before it closes; the status changes when the workflow records it',
          params: csiReferenceParams,
          body: cancelCsiCampaignBody,
          response: { 202: csiCampaignDetail, ...errorResponses(400, 401, 403, 404, 409, 503) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireRunner(principal);
        const row = await loadCampaign(request.params.reference);
        if (!cancellableCsiStatuses.includes(row.status as CsiCampaignStatus)) {
          throw new AppError(
            'invalid_state',
            `A campaign that is ${row.status} can no longer be cancelled`,
          );
        }
        const message: CancelCsiCampaignMessage = {
          actorId: principal.id,
          reason: request.body.reason,
        };
        try {
          await deps.temporal.client.workflow
            .getHandle(row.workflowId)
            .signal(csiMessages.cancel, message);
        } catch (error) {
          throw temporalError(error, row.workflowId);
        }
        request.log.info(
          { reference: row.reference, personId: principal.id },
          'CSI campaign cancel requested',
        );
        return reply.status(202).send(await detail(row));
      },
    );

    app.get(
      '/csi-campaigns/respond/:token',
      {
        schema: {
          tags: ['csi'],
          summary: 'The questionnaire behind a single-use link, and whether it can be answered',
          params: csiTokenParams,
          response: { 200: csiQuestionnaire, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const link = await findCsiLink(deps.db, sha256(request.params.token));
        if (!link) throw new AppError('not_found', 'No such CSI link');
        const { campaign } = link;
        const now = Date.now();
        return {
          reference: campaign.reference,
          titleMs: campaign.titleMs,
          titleEn: campaign.titleEn,
          open:
            campaign.status === 'open' &&
            now >= campaign.opensAt.getTime() &&
            now < campaign.closesAt.getTime(),
          answered: link.answeredAt !== null,
          closesAt: campaign.closesAt.toISOString(),
          services: await campaignServices(deps.db, campaign.serviceIds),
          questions: campaign.questions,
        };
      },
    );

    app.post(
      '/csi-campaigns/respond/:token',
      {
        schema: {
          tags: ['csi'],
          summary: 'Answer the questionnaire once through its link',
          params: csiTokenParams,
          body: csiAnswerBody,
          response: { 204: noContent, ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const link = await findCsiLink(deps.db, sha256(request.params.token));
        if (!link) throw new AppError('not_found', 'No such CSI link');
        const { campaign } = link;
        const issues = checkCsiAnswers(campaign, request.body.answers);
        if (issues.length > 0) {
          const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
          throw new AppError('validation_failed', `Invalid input: ${fields}`, issues);
        }
        const outcome = await submitCsiAnswers(deps.db, {
          invitationId: link.invitationId,
          campaignId: campaign.id,
          answers: request.body.answers,
          comment: request.body.comment ? request.body.comment : null,
          at: new Date(),
        });
        if (outcome === 'closed') {
          throw new AppError(
            'campaign_closed',
            `The campaign ${campaign.reference} is not open for answers; it closes at ${campaign.closesAt.toISOString()}`,
            { status: campaign.status, closesAt: campaign.closesAt.toISOString() },
          );
        }
        if (outcome === 'answered') {
          throw new AppError(
            'survey_closed',
            `The questionnaire of ${campaign.reference} was already answered through this invitation`,
          );
        }
        request.log.info({ reference: campaign.reference }, 'CSI questionnaire answered');
        return reply.status(204).send(null);
      },
    );
  };
}
