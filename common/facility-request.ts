/**
 * The contract of the `facilityRequest` workflow: an application for an ICT facility, its
 * approval through the approval chain, provision steps, handover with the customer's
 * acknowledgement, and the download link of software items. Deterministic; no runtime imports.
 */

export const facilityItemKinds = ['hardware', 'software', 'service'] as const;
export type FacilityItemKind = (typeof facilityItemKinds)[number];

/** One field of a facility's application form. */
export interface FacilityField {
  /** Key of the answer, e.g. `purpose`. */
  key: string;
  labelMs: string;
  labelEn: string;
  type: 'text' | 'number' | 'boolean';
  required: boolean;
  /** Maximum length of a text answer, in characters; default 500. */
  maxLength?: number;
}

export const facilityRequestStatuses = [
  'pending_approval',
  'rejected',
  'provisioning',
  'awaiting_acknowledgement',
  'completed',
] as const;
export type FacilityRequestStatus = (typeof facilityRequestStatuses)[number];

export interface FacilityRequestInput {
  applicationId: string;
  reference: string;
  title: string;
  requesterId: string;
  requesterUnitId: string | null;
  itemCode: string;
  value: number | null;
  /** Names of the provision steps, in order; copied from the item when the application is made. */
  steps: string[];
}

export interface FacilityRequestState {
  status: FacilityRequestStatus;
  /** Indexes of the provision steps done so far. */
  stepsDone: number[];
  rejectionReason: string | null;
  /** When the provision steps are due, from the SLA policy; absent when no policy gives one. */
  provisionDueAt?: string | null;
  /** Whether the provision deadline passed with steps still open. */
  provisionOverdue?: boolean;
}

export interface CompleteStepInput {
  actorId: string;
  stepIndex: number;
}

export interface AcknowledgeInput {
  actorId: string;
}

export const facilityRequestWorkflowType = 'facilityRequest';
export const completeStepUpdateName = 'completeStep';
export const acknowledgeUpdateName = 'acknowledge';
export const facilityRequestStateQueryName = 'state';

/** Workflow id of an application: its reference, so Temporal rejects starting it twice. */
export function facilityRequestWorkflowId(reference: string): string {
  return reference;
}
