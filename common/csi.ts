/**
 * The contract of the `csiCampaign` workflow (indeks kepuasan pelanggan, CSI): the campaign's
 * definition, its input, its live state and the names of its messages. Deterministic and free of
 * runtime dependencies, so the workflow, the activities, the API and the web app all import it.
 */
import type { PersonKind } from './enums';

export const csiCampaignStatuses = [
  'scheduled',
  'open',
  'closed',
  'completed',
  'cancelled',
] as const;
/**
 * `scheduled` until the open date, `open` until the close date, `closed` while the index is
 * computed, then `completed`. `cancelled` ends a campaign before it completes.
 */
export type CsiCampaignStatus = (typeof csiCampaignStatuses)[number];

/** Statuses in which a campaign may still be cancelled. */
export const cancellableCsiStatuses: readonly CsiCampaignStatus[] = ['scheduled', 'open'];

/** One question of the campaign, answered for each service on a scale of 1 to 5. */
export interface CsiQuestion {
  /** Stable key within the campaign, such as 'q1'; answers and results refer to it. */
  id: string;
  textMs: string;
  textEn: string;
}

/** A share of the active people of one kind (staff, students or visitors) to invite. */
export interface CsiPopulationGroup {
  kind: PersonKind;
  /** 1–100; 100 invites every active person of the kind. */
  percent: number;
}

/** What a campaign asks, of whom, and when. */
export interface CsiCampaignSpec {
  titleMs: string;
  titleEn: string;
  /** The survey definition whose scale questions were copied, when one was chosen. */
  surveyId: string | null;
  questions: CsiQuestion[];
  /** Catalogue services the respondents rate, each on every question. */
  serviceIds: string[];
  population: CsiPopulationGroup[];
  opensAt: string;
  closesAt: string;
  /** Whole days after the opening when non-respondents get a reminder; each before the close. */
  reminderDays: number[];
}

/** The campaign that a Temporal Schedule starts on each run; it opens when the run starts. */
export interface CsiScheduleTemplate {
  titleMs: string;
  titleEn: string;
  surveyId: string | null;
  questions: CsiQuestion[];
  serviceIds: string[];
  population: CsiPopulationGroup[];
  /** Days from the opening to the close. */
  durationDays: number;
  reminderDays: number[];
}

/**
 * Input of the workflow: a campaign created through the API (its reference fixes the workflow
 * id), or a run of the CSI schedule, whose campaign is recorded by the workflow's first activity.
 */
export type CsiCampaignInput =
  | {
      source: 'api';
      campaignId: string;
      reference: string;
      createdById: string;
      spec: CsiCampaignSpec;
    }
  | { source: 'schedule'; template: CsiScheduleTemplate };

export interface CsiCampaignState {
  campaignId: string | null;
  reference: string | null;
  status: CsiCampaignStatus;
  opensAt: string | null;
  closesAt: string | null;
  /** People chosen from the population when the campaign opened. */
  invited: number;
  /** Invitation e-mails sent or recorded in the outbox. */
  invitationsSent: number;
  /** E-mails of each reminder, in the order of `reminderDays`. */
  remindersSent: number[];
  /** Responses counted when the index was computed. */
  responses: number | null;
  cancelReason: string | null;
}

export interface CancelCsiCampaignMessage {
  actorId: string;
  reason: string;
}

/** Names of the workflow's signal, update and query. */
export const csiMessages = {
  /** Update that returns once the campaign is recorded. */
  recorded: 'recorded',
  cancel: 'cancel',
  state: 'state',
} as const;

export const csiCampaignWorkflowType = 'csiCampaign';

/** Reference prefix of CSI campaigns. */
export const csiPrefix = 'CSI';

/** Id of the Temporal Schedule that starts the periodic campaigns. */
export const csiScheduleId = 'csi-campaign';

/** Limits of a campaign; the API checks the same ones. */
export const csiLimits = {
  title: 200,
  questions: 20,
  questionText: 500,
  services: 50,
  reminders: 5,
  maxDays: 90,
  comment: 2_000,
  reason: 500,
} as const;

/** Scores of the 1–5 scale. */
export const csiMinScore = 1;
export const csiMaxScore = 5;

/** Returns the satisfaction index of a mean score: the mean as a percentage of the top score. */
export function csiIndexOf(meanScore: number): number {
  return Math.round((meanScore / csiMaxScore) * 1000) / 10;
}
