/**
 * Satisfaction surveys and their follow-ups.
 *   GET  /surveys/respond/:token             the survey behind a single-use link (no sign-in)
 *   POST /surveys/respond/:token             answer it once
 *   GET  /surveys, POST /surveys             survey definitions (read: manager, auditor, admin;
 *   PATCH /surveys/:id                         write: admin)
 *   GET  /surveys/:id/results                results per question, service, unit and technician
 *   GET  /follow-ups, GET /follow-ups/:id    follow-ups of low scores: a unit head sees those of
 *   POST /follow-ups/:id/status                the units they head; managers, auditors and
 *                                              administrators see all
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../common/enums';
import { AppError } from '../../common/errors';
import { checkAnswers, maxAnswerText } from '../../activities/surveys/answers';
import {
  changeFollowUpStatus,
  findFollowUp,
  followUpStatuses,
  listFollowUps,
  type FollowUpRow,
  type FollowUpScope,
} from '../../activities/surveys/follow-ups';
import { findSurveyLink, submitSurveyAnswers } from '../../activities/surveys/responses';
import { surveyResults } from '../../activities/surveys/results';
import {
  createSurvey,
  listSurveys,
  updateSurvey,
  type SurveyRow,
} from '../../activities/surveys/definitions';
import { sha256, type Principal } from '../../activities/identity/principals';
import type { AppDeps } from '../app';
import { requirePrincipal } from '../auth/plugin';
import { errorResponses, idParams } from '../schemas/common';

const tokenParams = z.object({ token: z.string().min(20).max(100) });

const optionSchema = z.strictObject({
  value: z.string().trim().min(1).max(50),
  labelMs: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
});

const questionSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9_-]{1,30}$/, 'lower-case letters, digits, _ or -, at most 30 characters'),
    kind: z.enum(['scale', 'choice', 'text']),
    textMs: z.string().trim().min(1).max(500),
    textEn: z.string().trim().min(1).max(500),
    required: z.boolean().default(true),
    options: z.array(optionSchema).max(20).default([]),
  })
  .refine((question) => (question.kind === 'choice') === question.options.length >= 2, {
    message: 'a choice question needs at least two options, and other kinds none',
    path: ['options'],
  });

/** The fields of a survey definition without defaults, so a partial change leaves the rest. */
const surveyFields = {
  nameMs: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  active: z.boolean(),
  categoryIds: z.array(z.uuid()).max(200),
  samplingPercent: z.int().min(0).max(100),
  reminderAfterHours: z
    .int()
    .min(1)
    .max(24 * 30),
  validDays: z.int().min(1).max(90),
  questions: z
    .array(questionSchema)
    .min(1)
    .max(30)
    .refine((questions) => new Set(questions.map((q) => q.id)).size === questions.length, {
      message: 'question ids must be unique',
    }),
};

const surveyBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{2,30}$/, 'upper-case letters, digits or -, 2 to 30 characters'),
  ...surveyFields,
  active: surveyFields.active.default(true),
  categoryIds: surveyFields.categoryIds.default([]),
  samplingPercent: surveyFields.samplingPercent.default(100),
  reminderAfterHours: surveyFields.reminderAfterHours.default(72),
  validDays: surveyFields.validDays.default(14),
});

/** A change of a survey: only the fields given change (zod keeps defaults under .partial()). */
const surveyChangeBody = z.strictObject(surveyFields).partial();

const surveySchema = surveyBody.extend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const publicSurvey = z.object({
  reference: z.string(),
  title: z.string(),
  nameMs: z.string(),
  nameEn: z.string(),
  answered: z.boolean(),
  expired: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['scale', 'choice', 'text']),
      textMs: z.string(),
      textEn: z.string(),
      required: z.boolean(),
      options: z.array(optionSchema),
    }),
  ),
});

const answerBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: z.string().max(30),
        score: z.int().optional(),
        choice: z.string().max(50).optional(),
        text: z.string().max(maxAnswerText).optional(),
      }),
    )
    .max(30),
});

const resultsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const groupResult = z.object({
  key: z.string().nullable(),
  labelMs: z.string().nullable(),
  labelEn: z.string().nullable(),
  responses: z.number().int(),
  meanScore: z.number().nullable(),
});

const resultsSchema = z.object({
  invitations: z.number().int(),
  responses: z.number().int(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      answers: z.number().int(),
      meanScore: z.number().nullable(),
      counts: z.record(z.string(), z.number().int()),
    }),
  ),
  byService: z.array(groupResult),
  byUnit: z.array(groupResult),
  byTechnician: z.array(groupResult),
});

const followUpSchema = z.object({
  id: z.uuid(),
  source: z.string(),
  caseId: z.uuid(),
  reference: z.string(),
  title: z.string(),
  unitId: z.uuid().nullable(),
  score: z.number().int(),
  comment: z.string().nullable(),
  status: z.enum(followUpStatuses),
  closingNote: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const followUpStatusBody = z
  .strictObject({
    status: z.enum(['in_progress', 'closed']),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((body) => body.status !== 'closed' || (body.note ?? '').length > 0, {
    message: 'a note is required to close a follow-up',
    path: ['note'],
  });

const readsEverything: readonly Role[] = ['manager', 'auditor', 'admin'];

function readsAllSurveys(principal: Principal): boolean {
  return principal.roles.some((role) => readsEverything.includes(role));
}

function requireSurveyReader(principal: Principal): void {
  if (!readsAllSurveys(principal)) {
    throw new AppError('forbidden', 'Only managers, auditors and administrators read surveys');
  }
}

function requireAdmin(principal: Principal): void {
  if (!principal.roles.includes('admin')) {
    throw new AppError('forbidden', 'Only administrators change surveys');
  }
}

/** Managers, auditors and administrators read every follow-up, and a unit head those of their units. */
function followUpScope(principal: Principal): FollowUpScope | null {
  if (readsAllSurveys(principal)) return { unitIds: null };
  if (principal.roles.includes('supervisor')) return { unitIds: principal.headOfUnitIds };
  return null;
}

function presentSurvey(row: SurveyRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function presentFollowUp(row: FollowUpRow) {
  return {
    ...row,
    status: row.status as (typeof followUpStatuses)[number],
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function surveyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    async function loadLink(token: string) {
      const link = await findSurveyLink(deps.db, sha256(token));
      if (!link) throw new AppError('not_found', 'No such survey link');
      return link;
    }

    app.get(
      '/surveys/respond/:token',
      {
        schema: {
          tags: ['surveys'],
          summary: 'The survey behind a single-use link, and whether it can still be answered',
          params: tokenParams,
          response: { 200: publicSurvey, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const link = await loadLink(request.params.token);
        return {
          reference: link.reference,
          title: link.title,
          nameMs: link.survey.nameMs,
          nameEn: link.survey.nameEn,
          answered: link.answeredAt !== null,
          expired: link.expiresAt.getTime() <= Date.now(),
          questions: link.survey.questions,
        };
      },
    );

    app.post(
      '/surveys/respond/:token',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Answer a survey once through its link',
          params: tokenParams,
          body: answerBody,
          response: { 204: z.null(), ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const link = await loadLink(request.params.token);
        const { answers, issues } = checkAnswers(link.survey.questions, request.body.answers);
        if (issues.length > 0) {
          const fields = [...new Set(issues.map((issue) => issue.field))].join(', ');
          throw new AppError('validation_failed', `Invalid input: ${fields}`, issues);
        }
        const outcome = await submitSurveyAnswers(deps.db, {
          invitationId: link.invitationId,
          caseId: link.caseId,
          answers,
          at: new Date(),
        });
        if (outcome.status === 'closed') {
          throw new AppError(
            'survey_closed',
            `The survey of ${link.reference} was already answered or its link has expired`,
          );
        }
        request.log.info(
          { invitationId: link.invitationId, followUpId: outcome.followUpId },
          'survey answered through its link',
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/surveys',
      {
        schema: {
          tags: ['surveys'],
          summary: 'List the survey definitions',
          response: {
            200: z.object({ items: z.array(surveySchema) }),
            ...errorResponses(401, 403),
          },
        },
      },
      async (request) => {
        requireSurveyReader(requirePrincipal(request));
        return { items: (await listSurveys(deps.db)).map(presentSurvey) };
      },
    );

    app.post(
      '/surveys',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Create a survey definition',
          body: surveyBody,
          response: { 201: surveySchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        requireAdmin(principal);
        const created = await createSurvey(deps.db, request.body);
        if (!created) throw new AppError('conflict', `A survey ${request.body.code} exists`);
        request.log.info({ surveyId: created.id, personId: principal.id }, 'survey created');
        return reply.status(201).send(presentSurvey(created));
      },
    );

    app.patch(
      '/surveys/:id',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Change a survey definition; answers already given keep their question ids',
          params: idParams,
          body: surveyChangeBody,
          response: { 200: surveySchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        requireAdmin(principal);
        const updated = await updateSurvey(deps.db, request.params.id, request.body);
        if (!updated) throw new AppError('not_found', `No survey ${request.params.id}`);
        request.log.info({ surveyId: updated.id, personId: principal.id }, 'survey changed');
        return presentSurvey(updated);
      },
    );

    app.get(
      '/surveys/:id/results',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Results of a survey per question, service, unit and technician',
          params: idParams,
          querystring: resultsQuery,
          response: { 200: resultsSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireSurveyReader(requirePrincipal(request));
        const { from, to } = request.query;
        return surveyResults(deps.db, {
          surveyId: request.params.id,
          from: from ? new Date(from) : undefined,
          to: to ? new Date(to) : undefined,
        });
      },
    );

    app.get(
      '/follow-ups',
      {
        schema: {
          tags: ['surveys'],
          summary: 'List satisfaction follow-ups, newest first (at most 200)',
          querystring: z.object({ status: z.enum(followUpStatuses).optional() }),
          response: {
            200: z.object({ items: z.array(followUpSchema) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        const scope = followUpScope(requirePrincipal(request));
        if (!scope) throw new AppError('forbidden', 'Only unit heads and managers see follow-ups');
        const rows = await listFollowUps(deps.db, scope, request.query.status);
        return { items: rows.map(presentFollowUp) };
      },
    );

    app.get(
      '/follow-ups/:id',
      {
        schema: {
          tags: ['surveys'],
          summary: 'One satisfaction follow-up',
          params: idParams,
          response: { 200: followUpSchema, ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const scope = followUpScope(requirePrincipal(request));
        const row = scope ? await findFollowUp(deps.db, scope, request.params.id) : null;
        if (!row) throw new AppError('not_found', `No follow-up ${request.params.id}`);
        return presentFollowUp(row);
      },
    );

    app.post(
      '/follow-ups/:id/status',
      {
        schema: {
          tags: ['surveys'],
          summary: 'Move a follow-up from open to in progress, or close it with a note',
          params: idParams,
          body: followUpStatusBody,
          response: { 200: followUpSchema, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const scope = followUpScope(principal);
        const row = scope ? await findFollowUp(deps.db, scope, request.params.id) : null;
        if (!row || !scope) throw new AppError('not_found', `No follow-up ${request.params.id}`);
        const outcome = await changeFollowUpStatus(
          deps.db,
          row.status as (typeof followUpStatuses)[number],
          {
            id: row.id,
            actorId: principal.id,
            status: request.body.status,
            note: request.body.note ?? null,
            at: new Date(),
          },
        );
        if (outcome === 'invalid_state') {
          throw new AppError(
            'invalid_state',
            `A follow-up in status ${row.status} cannot move to ${request.body.status}`,
          );
        }
        request.log.info(
          { followUpId: row.id, personId: principal.id, status: request.body.status },
          'satisfaction follow-up changed',
        );
        const changed = await findFollowUp(deps.db, scope, row.id);
        if (!changed) throw new AppError('not_found', `No follow-up ${row.id}`);
        return presentFollowUp(changed);
      },
    );
  };
}
