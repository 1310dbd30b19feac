/** Zod schemas of the CSI campaign routes: the campaign and schedule bodies, and the responses. */
import { z } from 'zod';
import { csiResultScopes } from '../../activities/csi/results';
import { csiCampaignStatuses, csiLimits, csiMaxScore, csiMinScore } from '../../common/csi';
import { personKinds } from '../../common/enums';
import { line } from './common';

export const csiReferenceParams = z.object({
  reference: z.string().regex(/^CSI-\d{4}-\d{6}$/, 'a CSI reference such as CSI-2026-000001'),
});

export const csiTokenParams = z.object({ token: z.string().min(20).max(100) });

const questionSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9_-]{1,30}$/, 'lower-case letters, digits, _ or -, at most 30 characters'),
  textMs: line(csiLimits.questionText),
  textEn: line(csiLimits.questionText),
});

const populationGroup = z.strictObject({
  kind: z.enum(personKinds),
  percent: z.int().min(1).max(100).describe('Share of the active people of the kind to invite'),
});

const uniqueBy =
  <T>(key: (item: T) => unknown) =>
  (items: readonly T[]) =>
    new Set(items.map(key)).size === items.length;

/** Fields of the questions, services, population and reminders, for campaigns and the schedule. */
const contentFields = {
  titleMs: line(csiLimits.title),
  titleEn: line(csiLimits.title),
  surveyId: z
    .uuid()
    .optional()
    .describe('Copy the 1–5 scale questions of this survey definition instead of `questions`'),
  questions: z
    .array(questionSchema)
    .min(1)
    .max(csiLimits.questions)
    .refine(
      uniqueBy((question: { id: string }) => question.id),
      { message: 'question ids must be unique' },
    )
    .optional(),
  serviceIds: z
    .array(z.uuid())
    .min(1)
    .max(csiLimits.services)
    .refine(
      uniqueBy((id: string) => id),
      { message: 'services must be listed once each' },
    ),
  population: z
    .array(populationGroup)
    .min(1)
    .max(personKinds.length)
    .refine(
      uniqueBy((group: { kind: string }) => group.kind),
      { message: 'each kind may be listed once' },
    ),
  reminderDays: z
    .array(z.int().min(1).max(csiLimits.maxDays))
    .max(csiLimits.reminders)
    .refine(
      uniqueBy((day: number) => day),
      { message: 'reminder days must differ' },
    )
    .default([]),
};

/** Exactly one source of questions: a survey definition or the questions themselves. */
function oneQuestionSource<T extends { surveyId?: string | undefined; questions?: unknown }>(
  body: T,
): boolean {
  return (body.surveyId === undefined) !== (body.questions === undefined);
}
const questionSourceIssue = {
  message: 'give either surveyId or questions, not both',
  path: ['questions'],
};

export const createCsiCampaignBody = z
  .strictObject({
    ...contentFields,
    opensAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the campaign opens; now when absent'),
    closesAt: z.iso.datetime({ offset: true }),
  })
  .refine(oneQuestionSource, questionSourceIssue);

export const csiScheduleBody = z
  .strictObject({
    ...contentFields,
    enabled: z.boolean(),
    months: z
      .array(z.int().min(1).max(12))
      .min(1)
      .max(12)
      .refine(
        uniqueBy((month: number) => month),
        { message: 'months must differ' },
      )
      .describe('Months (1–12) in which a campaign opens'),
    dayOfMonth: z.int().min(1).max(28),
    hour: z.int().min(0).max(23).describe('Hour of opening, Malaysian time'),
    durationDays: z.int().min(1).max(csiLimits.maxDays),
  })
  .refine(oneQuestionSource, questionSourceIssue);

export const cancelCsiCampaignBody = z.strictObject({ reason: line(csiLimits.reason) });

export const csiListQuery = z.object({
  status: z.enum(csiCampaignStatuses).optional(),
  cursor: z.string().max(512).optional().describe('The nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const csiAnswerBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        serviceId: z.uuid(),
        questionId: z.string().max(30),
        score: z.int().min(csiMinScore).max(csiMaxScore),
      }),
    )
    .max(csiLimits.services * csiLimits.questions),
  comment: z.string().trim().max(csiLimits.comment).optional(),
});

const namedService = z.object({ id: z.uuid(), nameMs: z.string(), nameEn: z.string() });
const questionView = z.object({ id: z.string(), textMs: z.string(), textEn: z.string() });
const populationView = z.array(z.object({ kind: z.enum(personKinds), percent: z.number() }));

export const csiCampaignSummary = z.object({
  reference: z.string(),
  titleMs: z.string(),
  titleEn: z.string(),
  status: z.enum(csiCampaignStatuses),
  opensAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  invited: z.number().int(),
  responses: z.number().int().nullable(),
});

export const csiCampaignDetail = csiCampaignSummary.extend({
  surveyId: z.uuid().nullable(),
  questions: z.array(questionView),
  services: z.array(namedService),
  population: populationView,
  reminderDays: z.array(z.number().int()),
  /** Invitations whose e-mail was sent or recorded. */
  emailed: z.number().int(),
  answered: z.number().int(),
  /** answered / invited, 0..1; null before the campaign opens. */
  responseRate: z.number().nullable(),
  scheduled: z.boolean().describe('True when the CSI schedule started the campaign'),
  openedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  actions: z.object({ cancel: z.boolean(), results: z.boolean() }),
});

export const csiCampaignList = z.object({
  items: z.array(csiCampaignSummary),
  nextCursor: z.string().nullable(),
});

const resultRow = z.object({
  scope: z.enum(csiResultScopes),
  serviceId: z.uuid().nullable(),
  serviceNameMs: z.string().nullable(),
  serviceNameEn: z.string().nullable(),
  questionId: z.string().nullable(),
  questionTextMs: z.string().nullable(),
  questionTextEn: z.string().nullable(),
  responses: z.number().int(),
  answers: z.number().int(),
  meanScore: z.number(),
  csiIndex: z.number().describe('Mean score as a percentage of 5'),
  previousMeanScore: z.number().nullable(),
  previousIndex: z.number().nullable(),
  indexChange: z.number().nullable().describe('csiIndex − previousIndex, percentage points'),
});

export const csiResultsSchema = z.object({
  reference: z.string(),
  titleMs: z.string(),
  titleEn: z.string(),
  invited: z.number().int(),
  responses: z.number().int(),
  responseRate: z.number().nullable(),
  previous: z
    .object({ reference: z.string(), titleMs: z.string(), titleEn: z.string() })
    .nullable(),
  division: resultRow.nullable(),
  byService: z.array(resultRow),
  byQuestion: z.array(resultRow),
  byServiceQuestion: z.array(resultRow),
});

export const csiScheduleSchema = z.object({
  schedule: z
    .object({
      enabled: z.boolean(),
      months: z.array(z.number().int()),
      dayOfMonth: z.number().int(),
      hour: z.number().int(),
      titleMs: z.string(),
      titleEn: z.string(),
      surveyId: z.uuid().nullable(),
      questions: z.array(questionView),
      serviceIds: z.array(z.uuid()),
      population: populationView,
      durationDays: z.number().int(),
      reminderDays: z.array(z.number().int()),
      nextRuns: z.array(z.iso.datetime()),
    })
    .nullable(),
});

export const csiQuestionnaire = z.object({
  reference: z.string(),
  titleMs: z.string(),
  titleEn: z.string(),
  /** True while answers are accepted: the campaign is open and its close date has not passed. */
  open: z.boolean(),
  answered: z.boolean(),
  closesAt: z.iso.datetime(),
  services: z.array(namedService),
  questions: z.array(questionView),
});
