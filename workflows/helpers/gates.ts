/**
 * Checks shared by the complaint workflow's update validators: who the actor is, which statuses a
 * message is allowed in, and the fields of its payload. Each failed check throws an
 * ApplicationFailure whose `type` is an error code of common/errors.ts.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { complaintTextLimits, type Actor, type ComplaintRejection } from '../../common/complaint';
import type { CaseStatus, Role } from '../../common/enums';

/** Maximum length of a reply, note, work log or finding, in characters. */
export const maxBodyLength: number = complaintTextLimits.body;
/** Maximum length of a reason or a title, in characters. */
export const maxShortTextLength: number = complaintTextLimits.short;
/** Maximum minutes in one work-log entry: one day. */
export const maxWorkLogMinutes = 24 * 60;

export function reject(type: ComplaintRejection, message: string, field?: string): never {
  throw ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    details: field ? [{ field }] : [],
  });
}

export function requireStatus(
  status: CaseStatus,
  allowed: readonly CaseStatus[],
  messageName: string,
): void {
  if (!allowed.includes(status)) {
    reject(
      'invalid_state',
      `${messageName} is not allowed while the case is ${status}; allowed in: ${allowed.join(', ')}`,
    );
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks the shape of the actor that the API filled in. */
export function requireActor(actor: unknown): Actor {
  if (typeof actor !== 'object' || actor === null) {
    reject('validation_failed', 'actor is missing', 'actor');
  }
  const candidate = actor as Partial<Actor>;
  if (
    typeof candidate.id !== 'string' ||
    candidate.id === '' ||
    !isStringArray(candidate.roles) ||
    !isStringArray(candidate.unitIds) ||
    !isStringArray(candidate.headOfUnitIds)
  ) {
    reject('validation_failed', 'actor must have id, roles, unitIds and headOfUnitIds', 'actor');
  }
  return candidate as Actor;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/** Returns whether the actor heads (ketua unit) the given unit. */
export function headsUnit(actor: Actor, unitId: string | null): boolean {
  return unitId !== null && actor.headOfUnitIds.includes(unitId);
}

export function forbid(messageName: string, who: string): never {
  reject('forbidden', `${messageName} may be sent only by ${who}`);
}

export function requireText(value: unknown, field: string, maxLength = maxBodyLength): string {
  if (typeof value !== 'string' || value.trim() === '') {
    reject('validation_failed', `${field} is required and must be non-empty text`, field);
  }
  if (value.length > maxLength) {
    reject('validation_failed', `${field} is longer than ${maxLength} characters`, field);
  }
  // PostgreSQL text cannot hold U+0000; accepting it would make every write of the step fail.
  if (value.includes('\u0000')) {
    reject('validation_failed', `${field} contains a NUL character`, field);
  }
  return value;
}

export function requireOptionalText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string') {
    reject('validation_failed', `${field} must be text (it may be empty)`, field);
  }
  if (value.length > maxLength) {
    reject('validation_failed', `${field} is longer than ${maxLength} characters`, field);
  }
  // PostgreSQL text cannot hold U+0000; accepting it would make every write of the step fail.
  if (value.includes('\u0000')) {
    reject('validation_failed', `${field} contains a NUL character`, field);
  }
  return value;
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    reject('validation_failed', `${field} is required`, field);
  }
  return value;
}

export function requireIdOrNull(value: unknown, field: string): string | null {
  if (value === null) return null;
  return requireId(value, field);
}

export function requireIdList(value: unknown, field: string): string[] {
  if (!isStringArray(value) || value.some((id) => id === '')) {
    reject('validation_failed', `${field} must be a list of attachment ids`, field);
  }
  return value;
}

export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    reject('validation_failed', `${field} must be a whole number from ${min} to ${max}`, field);
  }
  return value;
}

export function requireOneOf<T extends string | number>(
  value: unknown,
  allowed: readonly T[],
  field: string,
): T {
  if (!allowed.includes(value as T)) {
    reject('validation_failed', `${field} must be one of ${allowed.join(', ')}`, field);
  }
  return value as T;
}
