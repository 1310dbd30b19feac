/** The survey form behind a single-use link: what it shows, and storing its answers once. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cases, surveyAnswers, surveyInvitations, surveyLinks, surveys } from '../../db/schema';
import type { CheckedAnswer } from './answers';
import { lowestScore } from './answers';
import { lowScoreThreshold, openFollowUp } from './follow-ups';

/** Finds the invitation, survey and case behind a link's token hash, or null for an unknown link. */
export async function findSurveyLink(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      invitationId: surveyInvitations.id,
      caseId: surveyInvitations.caseId,
      answeredAt: surveyInvitations.answeredAt,
      expiresAt: surveyInvitations.expiresAt,
      reference: cases.reference,
      title: cases.title,
      survey: {
        nameMs: surveys.nameMs,
        nameEn: surveys.nameEn,
        questions: surveys.questions,
      },
    })
    .from(surveyLinks)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyLinks.invitationId))
    .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
    .innerJoin(cases, eq(cases.id, surveyInvitations.caseId))
    .where(eq(surveyLinks.tokenHash, tokenHash));
  return row ?? null;
}

export interface SurveySubmission {
  invitationId: string;
  caseId: string;
  answers: CheckedAnswer[];
  at: Date;
}

/**
 * Marks the invitation answered and stores the answers in one transaction, so a second use of
 * either link, or a race of two, stores nothing. A score of 2 or below opens a follow-up, with
 * the first free-text answer as the customer's comment.
 * Returns 'closed' when the invitation was already answered or its links have expired.
 */
export async function submitSurveyAnswers(
  db: Database,
  submission: SurveySubmission,
): Promise<{ status: 'stored' | 'closed'; followUpId: string | null }> {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(surveyInvitations)
      .set({ answeredAt: submission.at })
      .where(
        and(
          eq(surveyInvitations.id, submission.invitationId),
          isNull(surveyInvitations.answeredAt),
          gt(surveyInvitations.expiresAt, submission.at),
        ),
      )
      .returning({ id: surveyInvitations.id });
    if (!claimed) return { status: 'closed' as const, followUpId: null };

    if (submission.answers.length > 0) {
      await tx.insert(surveyAnswers).values(
        submission.answers.map((answer) => ({
          invitationId: submission.invitationId,
          ...answer,
          createdAt: submission.at,
        })),
      );
    }
    const lowest = lowestScore(submission.answers);
    if (lowest === null || lowest > lowScoreThreshold) {
      return { status: 'stored' as const, followUpId: null };
    }
    const comment = submission.answers.find((answer) => answer.text)?.text ?? null;
    const followUpId = await openFollowUp(tx, {
      source: 'survey',
      caseId: submission.caseId,
      invitationId: submission.invitationId,
      score: lowest,
      comment,
      at: submission.at,
    });
    return { status: 'stored' as const, followUpId };
  });
}
