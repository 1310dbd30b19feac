/**
 * The layout of a ServiceNow incident audit log, as published in the UCI "Incident management
 * process enriched event log" data set: one row per update of an incident, 36 columns, `?` for an
 * empty value, day-first dates without a time zone, and anonymised tokens such as `Group 56`.
 * Everything here is pure: parsing and validating one row, and mapping its values to Khidmat's.
 */
import type { CaseStatus, Channel, Level, Priority } from '../../common/enums';

export const serviceNowColumns = [
  'number',
  'incident_state',
  'active',
  'reassignment_count',
  'reopen_count',
  'sys_mod_count',
  'made_sla',
  'caller_id',
  'opened_by',
  'opened_at',
  'sys_created_by',
  'sys_created_at',
  'sys_updated_by',
  'sys_updated_at',
  'contact_type',
  'location',
  'category',
  'subcategory',
  'u_symptom',
  'cmdb_ci',
  'impact',
  'urgency',
  'priority',
  'assignment_group',
  'assigned_to',
  'knowledge',
  'u_priority_confirmation',
  'notify',
  'problem_id',
  'rfc',
  'vendor',
  'caused_by',
  'closed_code',
  'resolved_by',
  'resolved_at',
  'closed_at',
] as const;

export type ServiceNowColumn = (typeof serviceNowColumns)[number];

/** Incident states of the log and the case status each one becomes. */
export const serviceNowStates = {
  New: 'new',
  Active: 'in_progress',
  'Awaiting User Info': 'waiting_customer',
  'Awaiting Evidence': 'waiting_customer',
  'Awaiting Vendor': 'waiting_supplier',
  // The incident waits on a problem record that the division itself investigates, so the work
  // stays with the division and the service-level clock keeps running.
  'Awaiting Problem': 'in_progress',
  Resolved: 'resolved',
  Closed: 'closed',
} as const satisfies Record<string, CaseStatus>;

export type ServiceNowState = keyof typeof serviceNowStates;

/**
 * The case status of an incident's final row. A resolved incident that ServiceNow already marked
 * inactive is finished, so it becomes a closed case.
 */
export function finalStatusOf(state: ServiceNowState, active: boolean): CaseStatus {
  if (state === 'Resolved' && !active) return 'closed';
  return serviceNowStates[state];
}

const channelByContactType: Record<string, Channel> = {
  phone: 'phone',
  email: 'email',
  'self service': 'portal',
  'walk in': 'walk_in',
};

/** Maps contact_type to a channel; unknown or empty values become 'other'. */
export function channelOf(contactType: string | null): Channel {
  if (contactType === null) return 'other';
  return channelByContactType[contactType.trim().toLowerCase()] ?? 'other';
}

/** An anonymised token such as `Group 56`, with its trailing number. */
export interface NumberedToken {
  token: string;
  number: number;
}

export interface ServiceNowRow {
  /** Line of the file, counting the header as line 1. */
  line: number;
  number: string;
  state: ServiceNowState;
  active: boolean;
  reassignmentCount: number;
  reopenCount: number;
  sysModCount: number;
  madeSla: boolean | null;
  caller: string | null;
  openedBy: string | null;
  openedAt: Date;
  updatedBy: string | null;
  updatedAt: Date;
  contactType: string | null;
  location: string | null;
  category: NumberedToken | null;
  subcategory: string | null;
  symptom: string | null;
  configurationItem: string | null;
  impact: Level;
  urgency: Level;
  priority: Priority;
  assignmentGroup: NumberedToken | null;
  assignedTo: string | null;
  problemId: string | null;
  changeRequest: string | null;
  closedCode: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

export interface RowRejection {
  line: number;
  /** The column at fault, or null when the row as a whole is malformed. */
  column: ServiceNowColumn | null;
  value: string | null;
  reason: string;
}

class RowError extends Error {
  constructor(
    readonly column: ServiceNowColumn,
    readonly value: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Positions of the required columns in a header row, or the names that are missing. */
export function columnIndexOf(
  header: readonly string[],
): { index: Record<ServiceNowColumn, number> } | { missing: ServiceNowColumn[] } {
  const positions = new Map(header.map((name, position) => [name.trim().toLowerCase(), position]));
  const missing = serviceNowColumns.filter((column) => !positions.has(column));
  if (missing.length > 0) return { missing };
  const index = Object.fromEntries(
    serviceNowColumns.map((column) => [column, positions.get(column) as number]),
  ) as Record<ServiceNowColumn, number>;
  return { index };
}

/**
 * Parses and validates one record of the log. Returns the row, or the rejection that names the
 * first invalid column and its value.
 */
export function parseServiceNowRow(
  fields: readonly string[],
  index: Record<ServiceNowColumn, number>,
  line: number,
  timeZone: string,
): ServiceNowRow | RowRejection {
  if (fields.length !== serviceNowColumns.length) {
    return {
      line,
      column: null,
      value: null,
      reason: `expected ${serviceNowColumns.length} columns, found ${fields.length}`,
    };
  }

  const raw = (column: ServiceNowColumn): string => (fields[index[column]] ?? '').trim();
  const optional = (column: ServiceNowColumn): string | null => {
    const value = raw(column);
    return value === '' || value === '?' ? null : value;
  };
  const required = (column: ServiceNowColumn): string => {
    const value = optional(column);
    if (value === null) throw new RowError(column, raw(column), 'is missing');
    return value;
  };
  const date = (column: ServiceNowColumn): Date => {
    const value = required(column);
    const parsed = parseDayFirstDate(value, timeZone);
    if (parsed === null) {
      throw new RowError(column, value, 'is not a valid date in the form dd-mm-yyyy HH:MM');
    }
    return parsed;
  };
  const optionalDate = (column: ServiceNowColumn): Date | null =>
    optional(column) === null ? null : date(column);
  const count = (column: ServiceNowColumn): number => {
    const value = required(column);
    if (!/^\d{1,9}$/.test(value)) throw new RowError(column, value, 'is not a whole number');
    return Number(value);
  };
  const flag = (column: ServiceNowColumn): boolean => {
    const value = required(column).toUpperCase();
    if (value !== 'TRUE' && value !== 'FALSE') {
      throw new RowError(column, raw(column), 'is neither TRUE nor FALSE');
    }
    return value === 'TRUE';
  };
  const level = (column: ServiceNowColumn, max: number): number => {
    const value = required(column);
    const match = /^([1-9])\s*-\s*\S.*$/.exec(value);
    const parsed = match ? Number(match[1]) : Number.NaN;
    if (!(parsed >= 1 && parsed <= max)) {
      throw new RowError(column, value, `is not a level from "1 - ..." to "${max} - ..."`);
    }
    return parsed;
  };
  const numbered = (column: ServiceNowColumn): NumberedToken | null => {
    const value = optional(column);
    if (value === null) return null;
    const match = /^\S.*?\s(\d{1,9})$/.exec(value);
    if (!match) throw new RowError(column, value, 'does not end with a number, as in "Group 56"');
    return { token: value.replace(/\s+/g, ' '), number: Number(match[1]) };
  };

  try {
    const number = required('number');
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(number)) {
      throw new RowError('number', number, 'is not an incident number such as INC0000045');
    }
    const state = required('incident_state');
    if (!Object.hasOwn(serviceNowStates, state)) {
      throw new RowError('incident_state', state, 'is not a known incident state');
    }
    const madeSla = optional('made_sla') === null ? null : flag('made_sla');

    return {
      line,
      number,
      state: state as ServiceNowState,
      active: flag('active'),
      reassignmentCount: count('reassignment_count'),
      reopenCount: count('reopen_count'),
      sysModCount: count('sys_mod_count'),
      madeSla,
      caller: optional('caller_id'),
      openedBy: optional('opened_by'),
      openedAt: date('opened_at'),
      updatedBy: optional('sys_updated_by'),
      updatedAt: date('sys_updated_at'),
      contactType: optional('contact_type'),
      location: optional('location'),
      category: numbered('category'),
      subcategory: optional('subcategory'),
      symptom: optional('u_symptom'),
      configurationItem: optional('cmdb_ci'),
      impact: level('impact', 3) as Level,
      urgency: level('urgency', 3) as Level,
      priority: level('priority', 4) as Priority,
      assignmentGroup: numbered('assignment_group'),
      assignedTo: optional('assigned_to'),
      problemId: optional('problem_id'),
      changeRequest: optional('rfc'),
      closedCode: optional('closed_code'),
      resolvedBy: optional('resolved_by'),
      resolvedAt: optionalDate('resolved_at'),
      closedAt: optionalDate('closed_at'),
    };
  } catch (error) {
    if (!(error instanceof RowError)) throw error;
    return { line, column: error.column, value: error.value, reason: error.message };
  }
}

export function isRejection(value: ServiceNowRow | RowRejection): value is RowRejection {
  return 'reason' in value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Checks that Intl knows the IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at an instant, in milliseconds (positive east of Greenwich). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wallClockAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * Parses `dd-mm-yyyy HH:MM` as a wall-clock time in the zone. Returns null for text in another
 * form or a day that does not exist, such as 31-02-2016.
 */
export function parseDayFirstDate(text: string, timeZone: string): Date | null {
  const match = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [day, month, year, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;

  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const firstGuess = wallClockAsUtc - zoneOffsetMs(wallClockAsUtc, timeZone);
  // A second pass corrects the guess when the offset differs across a daylight-saving change.
  const instant = wallClockAsUtc - zoneOffsetMs(firstGuess, timeZone);
  return new Date(instant);
}

/** The calendar year of an instant in the zone. */
export function yearIn(instant: Date, timeZone: string): number {
  const year = formatterFor(timeZone)
    .formatToParts(instant)
    .find((part) => part.type === 'year')?.value;
  return Number(year);
}

/**
 * The e-mail address of an anonymised person token: `Caller 2403` becomes
 * `caller-2403@import.khidmat.invalid`. The `.invalid` domain never receives mail.
 */
export function importedEmailOf(token: string): string {
  const local = token
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${local || 'unknown'}@import.khidmat.invalid`;
}
