/** The activities of the surveyDispatch workflow, bound to the database and the outbox. */
import type { OutboxDeps } from '../approvals/outbox';
import {
  planSurveyDispatch,
  sendSurveyInvitation,
  sendSurveyReminder,
  type SurveyDispatchPlan,
  type SurveyInvitationRequest,
  type SurveySendStatus,
} from './dispatch';
import { notifyFollowUp, openRatingFollowUp } from './follow-ups';

export interface SurveyActivities {
  planSurveyDispatch(request: { at: string }): Promise<SurveyDispatchPlan>;
  sendSurveyInvitation(request: SurveyInvitationRequest): Promise<SurveySendStatus>;
  sendSurveyReminder(request: { invitationId: string; at: string }): Promise<SurveySendStatus>;
  openRatingFollowUp(request: { caseId: string; at: string }): Promise<{ created: boolean }>;
  notifyFollowUp(request: { followUpId: string; at: string }): Promise<{ recipients: number }>;
}

export function createSurveyActivities(deps: OutboxDeps): SurveyActivities {
  return {
    planSurveyDispatch: (request) => planSurveyDispatch(deps.db, request),
    sendSurveyInvitation: (request) => sendSurveyInvitation(deps, request),
    sendSurveyReminder: (request) => sendSurveyReminder(deps, request),
    openRatingFollowUp: (request) => openRatingFollowUp(deps.db, request),
    notifyFollowUp: (request) => notifyFollowUp(deps, request),
  };
}

export type { SurveyDispatchPlan, SurveySendStatus } from './dispatch';
