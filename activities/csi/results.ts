/**
 * The satisfaction index of a closed campaign. Each row counts the 1–5 scores of its scope: the
 * whole division, one service, one question, or one service on one question. The mean score is
 * the mean of those scores, each score weighted equally, and the index is the mean as a
 * percentage of 5. Each row is compared with the row of the same key in the previous campaign:
 * the latest completed campaign that closed before this one.
 */
import { and, desc, eq, lt, ne, sql, type SQL } from 'drizzle-orm';
import { csiIndexOf } from '../../common/csi';
import type { Database } from '../../db/client';
import { csiAnswers, csiCampaigns, csiResults, services } from '../../db/schema';

export const csiResultScopes = ['division', 'service', 'question', 'service_question'] as const;
export type CsiResultScope = (typeof csiResultScopes)[number];

interface Aggregate {
  scope: CsiResultScope;
  serviceId: string | null;
  questionId: string | null;
  responses: number;
  answers: number;
  scoreSum: number;
}

function keyOf(row: Pick<Aggregate, 'scope' | 'serviceId' | 'questionId'>): string {
  switch (row.scope) {
    case 'division':
      return 'division';
    case 'service':
      return `service:${row.serviceId}`;
    case 'question':
      return `question:${row.questionId}`;
    case 'service_question':
      return `service:${row.serviceId}:question:${row.questionId}`;
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const round1 = (value: number) => Math.round(value * 10) / 10;

async function aggregate(db: Database, campaignId: string): Promise<Aggregate[]> {
  const counted = {
    responses: sql<number>`count(distinct ${csiAnswers.responseId})::int`,
    answers: sql<number>`count(*)::int`,
    scoreSum: sql<number>`coalesce(sum(${csiAnswers.score}), 0)::int`,
  };
  const of = eq(csiAnswers.campaignId, campaignId);
  const division = await db.select(counted).from(csiAnswers).where(of);
  const byService = await db
    .select({ serviceId: csiAnswers.serviceId, ...counted })
    .from(csiAnswers)
    .where(of)
    .groupBy(csiAnswers.serviceId);
  const byQuestion = await db
    .select({ questionId: csiAnswers.questionId, ...counted })
    .from(csiAnswers)
    .where(of)
    .groupBy(csiAnswers.questionId);
  const byPair = await db
    .select({ serviceId: csiAnswers.serviceId, questionId: csiAnswers.questionId, ...counted })
    .from(csiAnswers)
    .where(of)
    .groupBy(csiAnswers.serviceId, csiAnswers.questionId);
  return [
    ...division
      .filter((row) => row.answers > 0)
      .map((row) => ({ scope: 'division' as const, serviceId: null, questionId: null, ...row })),
    ...byService.map((row) => ({ scope: 'service' as const, questionId: null, ...row })),
    ...byQuestion.map((row) => ({ scope: 'question' as const, serviceId: null, ...row })),
    ...byPair.map((row) => ({ scope: 'service_question' as const, ...row })),
  ];
}

/** Returns the latest completed campaign that closed before the given one, or null. */
async function previousCampaign(
  db: Database,
  campaignId: string,
  closesAt: Date,
): Promise<{ id: string; reference: string } | null> {
  const [row] = await db
    .select({ id: csiCampaigns.id, reference: csiCampaigns.reference })
    .from(csiCampaigns)
    .where(
      and(
        eq(csiCampaigns.status, 'completed'),
        ne(csiCampaigns.id, campaignId),
        lt(csiCampaigns.closesAt, closesAt),
      ),
    )
    .orderBy(desc(csiCampaigns.closesAt))
    .limit(1);
  return row ?? null;
}

export interface CsiComputeResult {
  responses: number;
  /** The division's index, or null when nobody answered. */
  divisionIndex: number | null;
  previousReference: string | null;
  /** Change of the division's index from the previous campaign, in percentage points. */
  divisionIndexChange: number | null;
}

/**
 * Computes and stores the index of a closed campaign, compares it with the previous campaign and
 * marks the campaign completed. A retry writes the same rows again.
 */
export async function computeCsiResults(
  db: Database,
  request: { campaignId: string; at: string },
): Promise<CsiComputeResult> {
  const at = new Date(request.at);
  const [campaign] = await db
    .select({ closesAt: csiCampaigns.closesAt, status: csiCampaigns.status })
    .from(csiCampaigns)
    .where(eq(csiCampaigns.id, request.campaignId));
  if (!campaign) throw new Error(`no CSI campaign ${request.campaignId}`);

  const aggregates = await aggregate(db, request.campaignId);
  const previous = await previousCampaign(db, request.campaignId, campaign.closesAt);
  const previousRows = previous
    ? await db
        .select({
          key: csiResults.key,
          meanScore: csiResults.meanScore,
          csiIndex: csiResults.csiIndex,
        })
        .from(csiResults)
        .where(eq(csiResults.campaignId, previous.id))
    : [];
  const previousByKey = new Map(previousRows.map((row) => [row.key, row]));

  const rows = aggregates.map((entry) => {
    const key = keyOf(entry);
    const mean = entry.scoreSum / entry.answers;
    const csiIndex = csiIndexOf(mean);
    const before = previousByKey.get(key);
    return {
      campaignId: request.campaignId,
      key,
      scope: entry.scope,
      serviceId: entry.serviceId,
      questionId: entry.questionId,
      responses: entry.responses,
      answers: entry.answers,
      meanScore: round2(mean),
      csiIndex,
      previousMeanScore: before?.meanScore ?? null,
      previousIndex: before?.csiIndex ?? null,
      indexChange: before ? round1(csiIndex - before.csiIndex) : null,
    };
  });
  const division = rows.find((row) => row.scope === 'division');
  const responses = division?.responses ?? 0;

  await db.transaction(async (tx) => {
    for (const row of rows) {
      await tx
        .insert(csiResults)
        .values(row)
        .onConflictDoUpdate({ target: [csiResults.campaignId, csiResults.key], set: row });
    }
    await tx
      .update(csiCampaigns)
      .set({
        status: 'completed',
        responses,
        previousCampaignId: previous?.id ?? null,
        completedAt: at,
        updatedAt: at,
      })
      .where(eq(csiCampaigns.id, request.campaignId));
  });
  return {
    responses,
    divisionIndex: division?.csiIndex ?? null,
    previousReference: previous?.reference ?? null,
    divisionIndexChange: division?.indexChange ?? null,
  };
}

export interface CsiResultRow {
  scope: CsiResultScope;
  serviceId: string | null;
  serviceNameMs: string | null;
  serviceNameEn: string | null;
  questionId: string | null;
  responses: number;
  answers: number;
  meanScore: number;
  csiIndex: number;
  previousMeanScore: number | null;
  previousIndex: number | null;
  indexChange: number | null;
}

/** Reads the stored index of a campaign: division first, then services, questions and pairs. */
export async function readCsiResults(db: Database, campaignId: string): Promise<CsiResultRow[]> {
  const scopeOrder: SQL = sql`case ${csiResults.scope} when 'division' then 0 when 'service' then 1 when 'question' then 2 else 3 end`;
  const rows = await db
    .select({
      scope: csiResults.scope,
      serviceId: csiResults.serviceId,
      serviceNameMs: services.nameMs,
      serviceNameEn: services.nameEn,
      questionId: csiResults.questionId,
      responses: csiResults.responses,
      answers: csiResults.answers,
      meanScore: csiResults.meanScore,
      csiIndex: csiResults.csiIndex,
      previousMeanScore: csiResults.previousMeanScore,
      previousIndex: csiResults.previousIndex,
      indexChange: csiResults.indexChange,
    })
    .from(csiResults)
    .leftJoin(services, eq(services.id, csiResults.serviceId))
    .where(eq(csiResults.campaignId, campaignId))
    .orderBy(scopeOrder, services.sortOrder, services.nameMs, csiResults.questionId);
  return rows.map((row) => ({ ...row, scope: row.scope as CsiResultScope }));
}
