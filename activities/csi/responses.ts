/**
 * The CSI questionnaire behind a single-use link: what it shows, the check of the submitted
 * scores, and storing them once while the campaign is open.
 */
import { eq, inArray } from 'drizzle-orm';
import { csiMaxScore, csiMinScore, type CsiQuestion } from '../../common/csi';
import type { FieldIssue } from '../../common/errors';
import type { Database } from '../../db/client';
import {
  csiAnswers,
  csiCampaigns,
  csiInvitations,
  csiLinks,
  csiResponses,
  services,
} from '../../db/schema';

/** Finds the invitation and campaign behind a link's token hash, or null for an unknown link. */
export async function findCsiLink(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      invitationId: csiInvitations.id,
      answeredAt: csiInvitations.answeredAt,
      campaign: {
        id: csiCampaigns.id,
        reference: csiCampaigns.reference,
        titleMs: csiCampaigns.titleMs,
        titleEn: csiCampaigns.titleEn,
        status: csiCampaigns.status,
        opensAt: csiCampaigns.opensAt,
        closesAt: csiCampaigns.closesAt,
        questions: csiCampaigns.questions,
        serviceIds: csiCampaigns.serviceIds,
      },
    })
    .from(csiLinks)
    .innerJoin(csiInvitations, eq(csiInvitations.id, csiLinks.invitationId))
    .innerJoin(csiCampaigns, eq(csiCampaigns.id, csiInvitations.campaignId))
    .where(eq(csiLinks.tokenHash, tokenHash));
  return row ?? null;
}

/** Returns the campaign's services with their names, in the campaign's order. */
export async function campaignServices(db: Database, serviceIds: readonly string[]) {
  if (serviceIds.length === 0) return [];
  const rows = await db
    .select({ id: services.id, nameMs: services.nameMs, nameEn: services.nameEn })
    .from(services)
    .where(inArray(services.id, [...serviceIds]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return serviceIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}

export interface CsiSubmittedAnswer {
  serviceId: string;
  questionId: string;
  score: number;
}

/**
 * Returns the issues of the submitted scores, each naming its field as `body.answers.<index>.…`:
 * a service or question not in the campaign, a score outside 1–5, or a pair answered twice. A
 * service the person has not used is left out, but at least one score is required.
 */
export function checkCsiAnswers(
  campaign: { questions: readonly CsiQuestion[]; serviceIds: readonly string[] },
  answers: readonly CsiSubmittedAnswer[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (answers.length === 0) {
    issues.push({ field: 'body.answers', message: 'rate at least one service on one question' });
  }
  const questionIds = new Set(campaign.questions.map((question) => question.id));
  const serviceIds = new Set(campaign.serviceIds);
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const field = `body.answers.${index}`;
    if (!serviceIds.has(answer.serviceId)) {
      issues.push({ field: `${field}.serviceId`, message: 'not a service of this survey' });
    }
    if (!questionIds.has(answer.questionId)) {
      issues.push({ field: `${field}.questionId`, message: 'not a question of this survey' });
    }
    if (
      !Number.isInteger(answer.score) ||
      answer.score < csiMinScore ||
      answer.score > csiMaxScore
    ) {
      issues.push({ field: `${field}.score`, message: `must be a whole number from 1 to 5` });
    }
    const pair = `${answer.serviceId}:${answer.questionId}`;
    if (seen.has(pair)) {
      issues.push({ field, message: 'this service and question are answered twice' });
    }
    seen.add(pair);
  });
  return issues;
}

export interface CsiSubmission {
  invitationId: string;
  campaignId: string;
  answers: CsiSubmittedAnswer[];
  comment: string | null;
  at: Date;
}

const malaysianDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' });

/**
 * Stores the answers once, in one transaction: `closed` when the campaign is not open at `at`
 * (before its opening, at or after its close, or cancelled), `answered` when the invitation was
 * already answered through any of its links. The campaign row is share-locked, so closing the
 * campaign waits until the answers being stored are committed.
 */
export async function submitCsiAnswers(
  db: Database,
  submission: CsiSubmission,
): Promise<'stored' | 'answered' | 'closed'> {
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select({
        status: csiCampaigns.status,
        opensAt: csiCampaigns.opensAt,
        closesAt: csiCampaigns.closesAt,
      })
      .from(csiCampaigns)
      .where(eq(csiCampaigns.id, submission.campaignId))
      .for('share');
    const at = submission.at.getTime();
    if (
      !campaign ||
      campaign.status !== 'open' ||
      at < campaign.opensAt.getTime() ||
      at >= campaign.closesAt.getTime()
    ) {
      return 'closed' as const;
    }

    const [invitation] = await tx
      .select({ answeredAt: csiInvitations.answeredAt })
      .from(csiInvitations)
      .where(eq(csiInvitations.id, submission.invitationId))
      .for('update');
    if (!invitation || invitation.answeredAt) return 'answered' as const;
    await tx
      .update(csiInvitations)
      .set({ answeredAt: submission.at })
      .where(eq(csiInvitations.id, submission.invitationId));

    const [response] = await tx
      .insert(csiResponses)
      .values({
        campaignId: submission.campaignId,
        submittedOn: malaysianDay.format(submission.at),
        comment: submission.comment,
      })
      .returning({ id: csiResponses.id });
    if (!response) throw new Error('insert into csi_responses returned nothing');
    await tx.insert(csiAnswers).values(
      submission.answers.map((answer) => ({
        responseId: response.id,
        campaignId: submission.campaignId,
        ...answer,
      })),
    );
    return 'stored' as const;
  });
}
