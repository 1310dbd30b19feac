/**
 * Enumerations shared by the API, the workflows, the activities and the web app. Values are the
 * stable strings stored in the database and sent over the API; labels live in the translations.
 */

export const roles = [
  'customer',
  'agent',
  'technician',
  'supervisor',
  'approver',
  'manager',
  'auditor',
  'admin',
] as const;
/** A role of DESIGN §2: supervisor is the unit head (ketua unit), manager the division's management. */
export type Role = (typeof roles)[number];

/** Roles that work cases for the division, as opposed to customers. */
export const staffRoles: readonly Role[] = [
  'agent',
  'technician',
  'supervisor',
  'manager',
  'admin',
];

export const caseStatuses = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Statuses in which the service-level clock is paused. */
export const pausedStatuses: readonly CaseStatus[] = ['waiting_customer', 'waiting_supplier'];
/** Statuses of a case that is still open (not resolved or closed). */
export const openStatuses: readonly CaseStatus[] = [
  'new',
  'assigned',
  'in_progress',
  'waiting_customer',
  'waiting_supplier',
];

export const channels = ['portal', 'email', 'phone', 'walk_in', 'mobile_app', 'other'] as const;
export type Channel = (typeof channels)[number];

/** Priority 1 is critical (sangat kritikal), 4 is low (rendah). */
export const priorities = [1, 2, 3, 4] as const;
export type Priority = (typeof priorities)[number];

/** Impact and urgency: 1 high, 2 medium, 3 low. */
export const levels = [1, 2, 3] as const;
export type Level = (typeof levels)[number];

export const languages = ['ms', 'en'] as const;
export type Language = (typeof languages)[number];

export const personKinds = ['staff', 'student', 'visitor'] as const;
export type PersonKind = (typeof personKinds)[number];

export const messageKinds = [
  'reply',
  'customer_reply',
  'note',
  'work_log',
  'finding',
  'resolution',
] as const;
/** A timeline entry of a case: public replies and resolutions are shown to the customer. */
export type MessageKind = (typeof messageKinds)[number];

export const waitReasons = ['customer', 'supplier'] as const;
export type WaitReason = (typeof waitReasons)[number];

/**
 * Priority from impact and urgency (ITIL matrix): high × high is critical; the sum of the two
 * levels decides the rest, so the matrix is symmetric.
 */
export function priorityFrom(impact: Level, urgency: Level): Priority {
  const sum = impact + urgency;
  if (sum <= 2) return 1;
  if (sum === 3) return 2;
  if (sum === 4) return 3;
  return 4;
}
