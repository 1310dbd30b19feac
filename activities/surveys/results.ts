/**
 * Survey results: per question (answer count, mean score, and the count of each score or choice),
 * and the mean of all scores per service, unit and technician (the case's assignee).
 */
import { and, count, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client';
import { cases, people, services, surveyAnswers, surveyInvitations, units } from '../../db/schema';

export interface ResultFilter {
  surveyId: string;
  /** Answers given at or after this instant. */
  from?: Date | undefined;
  /** Answers given before this instant. */
  to?: Date | undefined;
}

export interface QuestionResult {
  questionId: string;
  answers: number;
  /** Mean of the scores of a 'scale' question, else null. */
  meanScore: number | null;
  /** Answers per score (as a string) or per choice value. */
  counts: Record<string, number>;
}

export interface GroupResult {
  key: string | null;
  labelMs: string | null;
  labelEn: string | null;
  responses: number;
  meanScore: number | null;
}

export interface SurveyResults {
  invitations: number;
  responses: number;
  questions: QuestionResult[];
  byService: GroupResult[];
  byUnit: GroupResult[];
  byTechnician: GroupResult[];
}

function answeredIn(filter: ResultFilter): SQL | undefined {
  return and(
    eq(surveyInvitations.surveyId, filter.surveyId),
    isNotNull(surveyInvitations.answeredAt),
    filter.from ? gte(surveyInvitations.answeredAt, filter.from) : undefined,
    filter.to ? lt(surveyInvitations.answeredAt, filter.to) : undefined,
  );
}

const meanScore = sql<string | null>`avg(${surveyAnswers.score})`;
const responseCount = sql<number>`count(distinct ${surveyInvitations.id})::int`;

function toMean(value: string | null): number | null {
  return value === null ? null : Math.round(Number(value) * 100) / 100;
}

async function groupBy(
  db: Database,
  filter: ResultFilter,
  key: AnyPgColumn,
  labels: { table: typeof services | typeof units; on: SQL } | { table: typeof people; on: SQL },
): Promise<GroupResult[]> {
  const labelMs = 'nameMs' in labels.table ? labels.table.nameMs : labels.table.name;
  const labelEn = 'nameEn' in labels.table ? labels.table.nameEn : labels.table.name;
  const rows = await db
    .select({ key, labelMs, labelEn, responses: responseCount, meanScore })
    .from(surveyInvitations)
    .innerJoin(cases, eq(cases.id, surveyInvitations.caseId))
    .leftJoin(surveyAnswers, eq(surveyAnswers.invitationId, surveyInvitations.id))
    .leftJoin(labels.table, labels.on)
    .where(answeredIn(filter))
    .groupBy(key, labelMs, labelEn)
    .orderBy(labelMs);
  return rows.map((row) => ({
    key: row.key,
    labelMs: row.labelMs,
    labelEn: row.labelEn,
    responses: row.responses,
    meanScore: toMean(row.meanScore),
  }));
}

export async function surveyResults(db: Database, filter: ResultFilter): Promise<SurveyResults> {
  const [totals] = await db
    .select({
      invitations: count(),
      responses: sql<number>`count(${surveyInvitations.answeredAt})::int`,
    })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.surveyId, filter.surveyId));

  const cells = await db
    .select({
      questionId: surveyAnswers.questionId,
      value: sql<string | null>`coalesce(${surveyAnswers.score}::text, ${surveyAnswers.choice})`,
      answers: sql<number>`count(*)::int`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyAnswers.invitationId))
    .where(answeredIn(filter))
    .groupBy(surveyAnswers.questionId, sql`2`);

  const questions = new Map<string, QuestionResult & { scoreSum: number; scored: number }>();
  for (const cell of cells) {
    const entry = questions.get(cell.questionId) ?? {
      questionId: cell.questionId,
      answers: 0,
      meanScore: null,
      counts: {},
      scoreSum: 0,
      scored: 0,
    };
    entry.answers += cell.answers;
    if (cell.value !== null) entry.counts[cell.value] = cell.answers;
    const score = Number(cell.value);
    if (cell.value !== null && /^[1-5]$/.test(cell.value)) {
      entry.scoreSum += score * cell.answers;
      entry.scored += cell.answers;
    }
    questions.set(cell.questionId, entry);
  }

  return {
    invitations: totals?.invitations ?? 0,
    responses: totals?.responses ?? 0,
    questions: [...questions.values()].map(({ scoreSum, scored, ...result }) => ({
      ...result,
      meanScore: scored === 0 ? null : Math.round((scoreSum / scored) * 100) / 100,
    })),
    byService: await groupBy(db, filter, cases.serviceId, {
      table: services,
      on: eq(services.id, cases.serviceId),
    }),
    byUnit: await groupBy(db, filter, cases.unitId, {
      table: units,
      on: eq(units.id, cases.unitId),
    }),
    byTechnician: await groupBy(db, filter, cases.assigneeId, {
      table: people,
      on: eq(people.id, cases.assigneeId),
    }),
  };
}
