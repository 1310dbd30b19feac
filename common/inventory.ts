/**
 * The ICT inventory (inventori ICT): enumerations and limits shared by the API, the activities,
 * the workflows and the web app. Values are the stable strings stored in the database.
 */

export const resourceCategories = [
  'laptop',
  'projector',
  'pa_system',
  'training_room',
  'camera',
  'network',
  'other',
] as const;
export type ResourceCategory = (typeof resourceCategories)[number];

/** Physical condition, recorded at every handover, return and inspection. */
export const resourceConditions = ['good', 'fair', 'poor', 'damaged'] as const;
export type ResourceCondition = (typeof resourceConditions)[number];

export const resourceStatuses = ['available', 'on_loan', 'in_repair', 'retired'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

/** Kinds of rows in a resource's append-only history. */
export const resourceEvents = [
  'created',
  'updated',
  'moved',
  'condition_changed',
  'checked_out',
  'checked_in',
] as const;
export type ResourceEvent = (typeof resourceEvents)[number];

/**
 * A reservation is `held` from the request until it ends: `completed` when the resource came back
 * or the event is over, `released` when the request was rejected or cancelled. Only held
 * reservations block a period.
 */
export const reservationStatuses = ['held', 'completed', 'released'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Workflows that reserve resources; `holderReference` is the record's reference. */
export const reservationHolderKinds = ['facilityLoan', 'ceremonySupport'] as const;
export type ReservationHolderKind = (typeof reservationHolderKinds)[number];

/** Upper bound of any resource's maximum loan duration: 90 days, in hours. */
export const maxLoanHoursLimit = 90 * 24;
