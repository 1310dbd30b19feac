/**
 * The contract of the `facilityLoan` workflow (pinjaman → pemulangan kemudahan ICT): its input,
 * its live state and the name and payload of every message it accepts. Deterministic and free of
 * runtime dependencies, so the workflow, the activities, the API and the web app all import it.
 */
import type { Actor } from './complaint';
import type { Language } from './enums';
import type { ResourceCondition } from './inventory';

export const loanStatuses = [
  'pending_approval',
  'approved',
  'on_loan',
  'closed',
  'rejected',
  'cancelled',
] as const;
/** `closed` follows the return (pemulangan); `rejected` also covers a reservation conflict. */
export type LoanStatus = (typeof loanStatuses)[number];

/** Statuses in which the borrower may still cancel: before the handover. */
export const cancellableLoanStatuses: readonly LoanStatus[] = ['pending_approval', 'approved'];

/** Reasons a loan ended without a return. */
export const loanEndReasons = [
  'reservation_conflict',
  'approval_rejected',
  'cancelled',
  'not_collected',
] as const;
export type LoanEndReason = (typeof loanEndReasons)[number];

export interface FacilityLoanInput {
  loanId: string;
  reference: string;
  resourceId: string;
  borrowerId: string;
  /** The borrower's unit, whose head receives the overdue escalation. */
  borrowerUnitId: string | null;
  /** The unit that owns the resource; its staff hand over and check in. */
  owningUnitId: string;
  resourceName: string;
  purpose: string;
  startsAt: string;
  endsAt: string;
  termsAcceptedAt: string;
  requestedAt: string;
  language: Language;
}

export interface FacilityLoanState {
  loanId: string;
  reference: string;
  status: LoanStatus;
  endReason: LoanEndReason | null;
  /** The approver's comment on rejection, or the cancellation reason. */
  reason: string | null;
  reserved: boolean;
  /** References of the reservations that blocked the period, when the reservation failed. */
  conflicts: string[];
  handedOverAt: string | null;
  returnedAt: string | null;
  reminderSentAt: string | null;
  overdueSince: string | null;
  escalatedAt: string | null;
  /** Reference of the complaint opened for damage found at the return. */
  damageCaseReference: string | null;
  /** Sequence of recorded steps, for idempotent writes. */
  step: number;
}

export interface HandoverMessage {
  actor: Actor;
  condition: ResourceCondition;
  note: string;
  /** The borrower's acknowledgement that they received the resource in this condition. */
  borrowerAcknowledged: boolean;
}

export interface CheckInMessage {
  actor: Actor;
  condition: ResourceCondition;
  note: string;
  /** Description of the damage; a non-empty text opens a complaint case for the repair. */
  damage: string;
}

export interface CancelLoanMessage {
  actor: Actor;
  reason: string;
}

/** Names of the workflow's updates and queries. */
export const facilityLoanMessages = {
  opened: 'opened',
  handover: 'handover',
  checkIn: 'checkIn',
  cancel: 'cancel',
  state: 'state',
} as const;

export const facilityLoanWorkflowType = 'facilityLoan';

/** Reference prefix of loans (pinjaman). */
export const loanPrefix = 'PJM';

/** Maximum lengths of the text in loan messages; the API checks the same limits. */
export const loanTextLimits = {
  purpose: 2_000,
  note: 2_000,
  reason: 500,
} as const;

/** How long before the due time the borrower is reminded, in milliseconds (one day). */
export const loanReminderLeadMs = 24 * 60 * 60 * 1000;
