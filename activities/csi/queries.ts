/**
 * Reads of CSI campaigns for the API: the list, one campaign and its invitation counts, and the
 * survey questions and services a new campaign may use.
 */
import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CsiCampaignStatus, CsiQuestion } from '../../common/csi';
import type { Database } from '../../db/client';
import { csiCampaigns, csiInvitations, services, surveys } from '../../db/schema';

export type CsiCampaignRow = typeof csiCampaigns.$inferSelect;

export interface CsiCampaignListQuery {
  status?: CsiCampaignStatus | undefined;
  limit: number;
  /** Keyset cursor: the opensAt and id of the last row of the previous page. */
  after?: { opensAt: Date; id: string } | null;
}

/** Lists campaigns, latest opening first. */
export function listCsiCampaigns(db: Database, query: CsiCampaignListQuery) {
  const conditions: SQL[] = [];
  if (query.status) conditions.push(eq(csiCampaigns.status, query.status));
  if (query.after) {
    const { opensAt, id } = query.after;
    conditions.push(
      or(
        lt(csiCampaigns.opensAt, opensAt),
        and(eq(csiCampaigns.opensAt, opensAt), lt(csiCampaigns.id, id)),
      )!,
    );
  }
  return db
    .select()
    .from(csiCampaigns)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(csiCampaigns.opensAt), desc(csiCampaigns.id))
    .limit(query.limit);
}

export async function findCsiCampaign(
  db: Database,
  reference: string,
): Promise<CsiCampaignRow | null> {
  const [row] = await db.select().from(csiCampaigns).where(eq(csiCampaigns.reference, reference));
  return row ?? null;
}

export async function findCsiCampaignById(
  db: Database,
  id: string,
): Promise<CsiCampaignRow | null> {
  const [row] = await db.select().from(csiCampaigns).where(eq(csiCampaigns.id, id));
  return row ?? null;
}

export interface CsiInvitationCounts {
  invited: number;
  /** Invitations whose e-mail was sent or recorded. */
  emailed: number;
  answered: number;
}

export async function countCsiInvitations(
  db: Database,
  campaignId: string,
): Promise<CsiInvitationCounts> {
  const [row] = await db
    .select({
      invited: sql<number>`count(*)::int`,
      emailed: sql<number>`count(${csiInvitations.sentAt})::int`,
      answered: sql<number>`count(${csiInvitations.answeredAt})::int`,
    })
    .from(csiInvitations)
    .where(eq(csiInvitations.campaignId, campaignId));
  return { invited: row?.invited ?? 0, emailed: row?.emailed ?? 0, answered: row?.answered ?? 0 };
}

/**
 * Returns the 1–5 scale questions of a survey definition, the only kind a campaign asks, or null
 * when there is no such survey.
 */
export async function surveyScaleQuestions(
  db: Database,
  surveyId: string,
): Promise<CsiQuestion[] | null> {
  const [row] = await db
    .select({ questions: surveys.questions })
    .from(surveys)
    .where(eq(surveys.id, surveyId));
  if (!row) return null;
  return row.questions
    .filter((question) => question.kind === 'scale')
    .map(({ id, textMs, textEn }) => ({ id, textMs, textEn }));
}

/** Returns the ids among the given ones that name an active service. */
export async function activeServiceIds(db: Database, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: services.id })
    .from(services)
    .where(and(inArray(services.id, [...ids]), eq(services.active, true)));
  return new Set(rows.map((row) => row.id));
}
