/**
 * SLA targets between the API's form ({ kind: 'workingMinutes', minutes } or { kind: 'workingDays',
 * days }, null for none), the form's fields (hours and minutes, or a day number), and words such
 * as "4 jam bekerja" or "akhir hari bekerja ke-3".
 */
import type { TFunction } from 'i18next';
import type { SlaTarget } from './types';

export type TargetKind = 'none' | SlaTarget['kind'];

export const targetKinds: TargetKind[] = ['none', 'workingMinutes', 'workingDays'];

/** A target as the form edits it, with '' in an emptied number field. */
export interface TargetDraft {
  kind: TargetKind;
  hours: number | '';
  minutes: number | '';
  days: number | '';
}

export function toTargetDraft(target: SlaTarget | null): TargetDraft {
  if (target === null) return { kind: 'none', hours: 1, minutes: 0, days: 1 };
  if (target.kind === 'workingDays') {
    return { kind: 'workingDays', hours: 1, minutes: 0, days: target.days };
  }
  return {
    kind: 'workingMinutes',
    hours: Math.floor(target.minutes / 60),
    minutes: target.minutes % 60,
    days: 1,
  };
}

/**
 * Builds the API's target from the form. Empty fields count as 0, so an empty duration reaches
 * the API as 0 minutes and comes back as a 400 naming the target.
 */
export function fromTargetDraft(draft: TargetDraft): SlaTarget | null {
  switch (draft.kind) {
    case 'none':
      return null;
    case 'workingMinutes':
      return { kind: 'workingMinutes', minutes: Number(draft.hours) * 60 + Number(draft.minutes) };
    case 'workingDays':
      return { kind: 'workingDays', days: Number(draft.days) };
  }
}

/** Describes a target in words in the current language. */
export function describeTarget(t: TFunction, target: SlaTarget | null): string {
  if (target === null) return t('policies.sla.target.none');
  if (target.kind === 'workingDays') {
    return t('policies.sla.target.endOfDay', { count: target.days, ordinal: true });
  }
  const hours = Math.floor(target.minutes / 60);
  const minutes = target.minutes % 60;
  if (minutes === 0) return t('policies.sla.target.hoursOnly', { count: hours });
  if (hours === 0) return t('policies.sla.target.minutesOnly', { count: minutes });
  return t('policies.sla.target.hoursAndMinutes', { hours, minutes });
}

/** Shows a warning share such as 0.75 as the percentage 75, without floating-point noise. */
export function shareToPercent(share: number): string {
  return String(Math.round(share * 10_000) / 100);
}

/**
 * Reads a percentage typed by the administrator, such as "75" or "75%", as a share. Text that is
 * no number becomes NaN, which JSON sends as null and the API rejects naming the field.
 */
export function percentToShare(text: string): number {
  const cleaned = text.replace('%', '').trim();
  if (cleaned === '') return Number.NaN;
  return Number(cleaned) / 100;
}
