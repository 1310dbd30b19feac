/**
 * Activities of the surveyDispatch workflow: find the resolved cases that a survey matches, send
 * each one invitation and, when it is still unanswered later, one reminder. The unique
 * (survey, case) invitation and the outbox keys `survey:<invitation>:invitation` and
 * `survey:<invitation>:reminder` make a retried activity, or a second run, send nothing twice.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Language } from '../../common/enums';
import type { Database } from '../../db/client';
import {
  cases,
  people,
  satisfactionFollowUps,
  surveyInvitations,
  surveyLinks,
  surveys,
} from '../../db/schema';
import { alreadyDelivered, deliverMessage, type OutboxDeps } from '../approvals/outbox';
import { randomSecret, sha256 } from '../identity/principals';
import { publicBaseUrl } from '../notifications/format';
import { lowScoreThreshold } from './follow-ups';
import { renderSurveyInvitation } from './messages';

/** Cases resolved or rated longer ago than this are not picked up any more. */
export const dispatchLookbackDays = 7;
/** Maximum length of each list in one plan. The next run takes the rest. */
export const dispatchBatchLimit = 500;

const dayMs = 24 * 60 * 60 * 1000;

export interface SurveyDispatchPlan {
  invitations: { surveyId: string; caseId: string }[];
  reminders: string[];
  lowRatingCaseIds: string[];
  followUpIds: string[];
}

export type SurveySendStatus = 'sent' | 'recorded' | 'skipped';

/**
 * Returns whether a case is in a survey's sample: the first 32 bits of SHA-256 of
 * `<survey id>:<case id>`, modulo 100, is below the sampling percentage. The choice is the same on
 * every run, so a case left out stays out.
 */
export function isSampled(surveyId: string, caseId: string, samplingPercent: number): boolean {
  if (samplingPercent >= 100) return true;
  if (samplingPercent <= 0) return false;
  const digest = createHash('sha256').update(`${surveyId}:${caseId}`).digest();
  return digest.readUInt32BE(0) % 100 < samplingPercent;
}

/** Lists the invitations to send: matching resolved cases without an invitation, in the sample. */
async function planInvitations(db: Database, at: Date): Promise<SurveyDispatchPlan['invitations']> {
  const since = new Date(at.getTime() - dispatchLookbackDays * dayMs);
  const active = await db.select().from(surveys).where(eq(surveys.active, true));
  const planned: SurveyDispatchPlan['invitations'] = [];
  for (const survey of active) {
    // A survey covers cases resolved after it was created, never older ones.
    const from = survey.createdAt > since ? survey.createdAt : since;
    const rows = await db
      .select({ id: cases.id })
      .from(cases)
      .leftJoin(
        surveyInvitations,
        and(eq(surveyInvitations.caseId, cases.id), eq(surveyInvitations.surveyId, survey.id)),
      )
      .where(
        and(
          inArray(cases.status, ['resolved', 'closed']),
          gte(cases.resolvedAt, from),
          lte(cases.resolvedAt, at),
          isNull(surveyInvitations.id),
          survey.categoryIds.length > 0 ? inArray(cases.categoryId, survey.categoryIds) : undefined,
        ),
      )
      .orderBy(asc(cases.resolvedAt))
      .limit(dispatchBatchLimit);
    for (const row of rows) {
      if (isSampled(survey.id, row.id, survey.samplingPercent)) {
        planned.push({ surveyId: survey.id, caseId: row.id });
      }
    }
  }
  return planned.slice(0, dispatchBatchLimit);
}

export async function planSurveyDispatch(
  db: Database,
  request: { at: string },
): Promise<SurveyDispatchPlan> {
  const at = new Date(request.at);
  const since = new Date(at.getTime() - dispatchLookbackDays * dayMs);
  const invitations = await planInvitations(db, at);

  const reminders = await db
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(
      and(
        isNotNull(surveyInvitations.sentAt),
        isNull(surveyInvitations.remindedAt),
        isNull(surveyInvitations.answeredAt),
        lte(surveyInvitations.reminderDueAt, at),
        gt(surveyInvitations.expiresAt, at),
      ),
    )
    .orderBy(asc(surveyInvitations.reminderDueAt))
    .limit(dispatchBatchLimit);

  const lowRatings = await db
    .select({ id: cases.id })
    .from(cases)
    .leftJoin(
      satisfactionFollowUps,
      eq(satisfactionFollowUps.sourceKey, sql`'rating:' || ${cases.id}::text`),
    )
    .where(
      and(
        lte(cases.rating, lowScoreThreshold),
        gte(cases.ratedAt, since),
        isNull(satisfactionFollowUps.id),
      ),
    )
    .limit(dispatchBatchLimit);

  const followUps = await db
    .select({ id: satisfactionFollowUps.id })
    .from(satisfactionFollowUps)
    .where(isNull(satisfactionFollowUps.notifiedAt))
    .orderBy(asc(satisfactionFollowUps.createdAt))
    .limit(dispatchBatchLimit);

  return {
    invitations,
    reminders: reminders.map((row) => row.id),
    lowRatingCaseIds: lowRatings.map((row) => row.id),
    followUpIds: followUps.map((row) => row.id),
  };
}

interface InvitationContext {
  invitationId: string;
  sentAt: Date | null;
  remindedAt: Date | null;
  answeredAt: Date | null;
  expiresAt: Date;
  surveyNameMs: string;
  surveyNameEn: string;
  reference: string;
  title: string;
  personId: string;
  email: string;
  name: string;
  language: string;
  active: boolean;
}

async function loadInvitation(
  db: Database,
  invitationId: string,
): Promise<InvitationContext | null> {
  const [row] = await db
    .select({
      invitationId: surveyInvitations.id,
      sentAt: surveyInvitations.sentAt,
      remindedAt: surveyInvitations.remindedAt,
      answeredAt: surveyInvitations.answeredAt,
      expiresAt: surveyInvitations.expiresAt,
      surveyNameMs: surveys.nameMs,
      surveyNameEn: surveys.nameEn,
      reference: cases.reference,
      title: cases.title,
      personId: people.id,
      email: people.email,
      name: people.name,
      language: people.language,
      active: people.active,
    })
    .from(surveyInvitations)
    .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
    .innerJoin(cases, eq(cases.id, surveyInvitations.caseId))
    .innerJoin(people, eq(people.id, surveyInvitations.personId))
    .where(eq(surveyInvitations.id, invitationId));
  return row ?? null;
}

/**
 * Stores a new link for the invitation's e-mail (replacing the link of an attempt that failed to
 * send) and delivers the e-mail. The outbox stores the text with the token masked.
 */
async function deliverInvitation(
  deps: OutboxDeps,
  context: InvitationContext,
  purpose: 'invitation' | 'reminder',
  at: string,
): Promise<'sent' | 'recorded'> {
  const token = randomSecret();
  await deps.db
    .insert(surveyLinks)
    .values({ tokenHash: sha256(token), invitationId: context.invitationId, purpose })
    .onConflictDoUpdate({
      target: [surveyLinks.invitationId, surveyLinks.purpose],
      set: { tokenHash: sha256(token) },
    });
  const language: Language = context.language === 'en' ? 'en' : 'ms';
  const base = `${publicBaseUrl(deps.config.PUBLIC_URL)}/survey/`;
  const data = {
    recipientName: context.name,
    surveyName: language === 'en' ? context.surveyNameEn : context.surveyNameMs,
    reference: context.reference,
    title: context.title,
    expiresAt: context.expiresAt.toISOString(),
  };
  const message = renderSurveyInvitation(
    language,
    { ...data, url: base + token },
    purpose === 'reminder',
  );
  const stored = renderSurveyInvitation(
    language,
    { ...data, url: `${base}…` },
    purpose === 'reminder',
  );
  return deliverMessage(deps, {
    idempotencyKey: `survey:${context.invitationId}:${purpose}`,
    recipientId: context.personId,
    recipientEmail: context.email,
    template: purpose === 'reminder' ? 'surveyReminder' : 'surveyInvitation',
    language,
    subject: message.subject,
    text: message.text,
    storedText: stored.text,
    data: { invitationId: context.invitationId, reference: context.reference },
    at,
  });
}

export interface SurveyInvitationRequest {
  surveyId: string;
  caseId: string;
  at: string;
}

/** Records the invitation of one case (once per survey and case) and e-mails its requester. */
export async function sendSurveyInvitation(
  deps: OutboxDeps,
  request: SurveyInvitationRequest,
): Promise<SurveySendStatus> {
  const { db, logger } = deps;
  const at = new Date(request.at);
  const [survey] = await db.select().from(surveys).where(eq(surveys.id, request.surveyId));
  const [caseRow] = await db
    .select({ requesterId: cases.requesterId })
    .from(cases)
    .where(eq(cases.id, request.caseId));
  if (!survey || !caseRow) {
    logger.warn(request, 'survey invitation skipped because its survey or case is missing');
    return 'skipped';
  }
  await db
    .insert(surveyInvitations)
    .values({
      surveyId: survey.id,
      caseId: request.caseId,
      personId: caseRow.requesterId,
      reminderDueAt: new Date(at.getTime() + survey.reminderAfterHours * 3_600_000),
      expiresAt: new Date(at.getTime() + survey.validDays * dayMs),
      createdAt: at,
    })
    .onConflictDoNothing({ target: [surveyInvitations.surveyId, surveyInvitations.caseId] });
  const [invitation] = await db
    .select({ id: surveyInvitations.id })
    .from(surveyInvitations)
    .where(
      and(eq(surveyInvitations.surveyId, survey.id), eq(surveyInvitations.caseId, request.caseId)),
    );
  const context = invitation ? await loadInvitation(db, invitation.id) : null;
  if (!context || context.sentAt) return 'skipped';

  const key = `survey:${context.invitationId}:invitation`;
  let status: SurveySendStatus = 'skipped';
  if (!context.active) {
    logger.info(
      { invitationId: context.invitationId },
      'survey requester is inactive; not e-mailed',
    );
  } else if (!(await alreadyDelivered(db, key))) {
    status = await deliverInvitation(deps, context, 'invitation', request.at);
  }
  await db
    .update(surveyInvitations)
    .set({ sentAt: at })
    .where(eq(surveyInvitations.id, context.invitationId));
  return status;
}

/** Sends the one reminder of an unanswered invitation whose links still work. */
export async function sendSurveyReminder(
  deps: OutboxDeps,
  request: { invitationId: string; at: string },
): Promise<SurveySendStatus> {
  const { db } = deps;
  const at = new Date(request.at);
  const context = await loadInvitation(db, request.invitationId);
  if (!context || context.remindedAt || context.answeredAt || context.expiresAt <= at) {
    return 'skipped';
  }
  let status: SurveySendStatus = 'skipped';
  if (context.active && !(await alreadyDelivered(db, `survey:${context.invitationId}:reminder`))) {
    status = await deliverInvitation(deps, context, 'reminder', request.at);
  }
  await db
    .update(surveyInvitations)
    .set({ remindedAt: at })
    .where(eq(surveyInvitations.id, context.invitationId));
  return status;
}
