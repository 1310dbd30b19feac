/**
 * The contract of the `ceremonySupport` workflow (sokongan upacara & teknikal ICT): its input, its
 * live state and the name and payload of every message it accepts. Deterministic and free of
 * runtime dependencies, so the workflow, the activities, the API and the web app all import it.
 */
import type { Actor } from './complaint';
import type { Language } from './enums';

export const ceremonyStatuses = [
  'pending_approval',
  'preparing',
  'in_progress',
  'reconciling',
  'awaiting_rating',
  'closed',
  'rejected',
  'cancelled',
] as const;
/**
 * `preparing` runs from the approval to the event's start (team, checklist), `in_progress` until
 * its end (the day's log), `reconciling` until the equipment is reconciled, `awaiting_rating`
 * until the requester rates the support or the rating period ends.
 */
export type CeremonyStatus = (typeof ceremonyStatuses)[number];

/** Statuses in which the requester may still cancel: before the event starts. */
export const cancellableCeremonyStatuses: readonly CeremonyStatus[] = [
  'pending_approval',
  'preparing',
];

/** Statuses of an event whose team and equipment are still committed to it. */
export const activeCeremonyStatuses: readonly CeremonyStatus[] = [
  'pending_approval',
  'preparing',
  'in_progress',
  'reconciling',
];

export const ceremonyEndReasons = ['equipment_conflict', 'approval_rejected', 'cancelled'] as const;
export type CeremonyEndReason = (typeof ceremonyEndReasons)[number];

/** ICT needs of an event. Each need adds a set-up item and a test item to the checklist. */
export const ceremonyNeeds = [
  'pa_system',
  'projector',
  'live_streaming',
  'photography',
  'network',
  'video_conference',
  'recording',
] as const;
export type CeremonyNeed = (typeof ceremonyNeeds)[number];

export const checklistItemKinds = ['setup', 'test'] as const;
export type ChecklistItemKind = (typeof checklistItemKinds)[number];

/** One readiness item; its key is `<need>.<kind>`, such as `projector.test`. */
export interface ChecklistItem {
  key: string;
  need: CeremonyNeed;
  kind: ChecklistItemKind;
  tickedById: string | null;
  tickedAt: string | null;
}

/** Builds the readiness checklist of an event: set up, then test, each need. */
export function checklistForNeeds(needs: readonly CeremonyNeed[]): ChecklistItem[] {
  return needs.flatMap((need) =>
    checklistItemKinds.map((kind) => ({
      key: `${need}.${kind}`,
      need,
      kind,
      tickedById: null,
      tickedAt: null,
    })),
  );
}

/** Outcome of a reserved item after the event. */
export const reconcileOutcomes = ['returned', 'moved', 'damaged'] as const;
export type ReconcileOutcome = (typeof reconcileOutcomes)[number];

export interface CeremonySupportInput {
  eventId: string;
  reference: string;
  title: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  audienceSize: number;
  needs: CeremonyNeed[];
  /** Inventory resources to reserve for the event period. */
  resourceIds: string[];
  requesterId: string;
  requesterUnitId: string | null;
  /** The unit that supports events; its head forms the team and receives escalations. */
  supportUnitId: string;
  notes: string;
  requestedAt: string;
  language: Language;
}

export interface CeremonySupportState {
  eventId: string;
  reference: string;
  status: CeremonyStatus;
  endReason: CeremonyEndReason | null;
  /** The approver's comment on rejection, or the cancellation reason. */
  reason: string | null;
  /** References of the reservations that blocked the equipment, when the reservation failed. */
  conflicts: string[];
  team: string[];
  checklist: ChecklistItem[];
  /** When the readiness check runs: one working day before the start. */
  readinessCheckAt: string | null;
  /** Set when the readiness check found items not ticked. The check runs once per event. */
  escalatedAt: string | null;
  logEntries: number;
  reconciledAt: string | null;
  /** References of the complaint cases opened for damaged equipment. */
  damageCaseReferences: string[];
  rating: number | null;
  /** Sequence of recorded steps, for idempotent writes. */
  step: number;
}

export interface AssignTeamMessage {
  actor: Actor;
  /** The whole team; it replaces the previous one. */
  technicianIds: string[];
}

export interface TickChecklistMessage {
  actor: Actor;
  key: string;
  /** False clears an earlier tick. */
  ticked: boolean;
}

export interface LogEntryMessage {
  actor: Actor;
  body: string;
}

export interface ReconcileItem {
  resourceId: string;
  outcome: ReconcileOutcome;
  /** The new location of a moved item. */
  location: string;
  note: string;
  /** Description of the damage; required when the outcome is damaged. */
  damage: string;
}

export interface ReconcileMessage {
  actor: Actor;
  items: ReconcileItem[];
}

export interface RateCeremonyMessage {
  actor: Actor;
  rating: number;
  comment: string;
}

export interface CancelCeremonyMessage {
  actor: Actor;
  reason: string;
}

/** Names of the workflow's updates and queries. */
export const ceremonyMessages = {
  opened: 'opened',
  assignTeam: 'assignTeam',
  tickChecklist: 'tickChecklist',
  logEntry: 'logEntry',
  reconcile: 'reconcile',
  rate: 'rate',
  cancel: 'cancel',
  state: 'state',
} as const;

export const ceremonySupportWorkflowType = 'ceremonySupport';

/** Reference prefix of event support requests (upacara). */
export const ceremonyPrefix = 'UPC';

/** Maximum lengths and sizes in ceremony messages; the API checks the same limits. */
export const ceremonyTextLimits = {
  title: 200,
  venue: 200,
  notes: 2_000,
  logEntry: 2_000,
  note: 2_000,
  reason: 500,
  location: 200,
  comment: 2_000,
} as const;

export const maxCeremonyTeamSize = 20;
export const maxCeremonyResources = 30;
export const maxAudienceSize = 100_000;

/** How long the requester may rate the support after the reconciliation: 14 days, in ms. */
export const ceremonyRatingWindowMs = 14 * 24 * 60 * 60 * 1000;

/** Code of the unit that supports events (the multimedia unit); its head forms the teams. */
export const ceremonySupportUnitCode = 'MULTIMEDIA';
