/** Turns API errors into sentences for the screen, naming the invalid fields. */
import type { TFunction } from 'i18next';
import { ApiError } from './api/client';

/**
 * Translates the field path of a validation error, such as body.title, through fields.title.
 * A field without a translation is shown by its last path segment.
 */
export function fieldLabel(t: TFunction, path: string): string {
  const segments = path.split('.').filter((segment) => !/^\d+$/.test(segment));
  const name = segments[segments.length - 1] ?? path;
  return t(`fields.${name}`, { defaultValue: name });
}

/** Builds the message for a failed request in the current language, naming invalid fields. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.internal');
  const text = t(`errors.${error.code}`, { defaultValue: t('errors.internal') });
  if (error.issues.length === 0) return text;
  const fields = [...new Set(error.issues.map((issue) => fieldLabel(t, issue.field)))];
  return t('errors.withFields', { message: text, fields: fields.join(', ') });
}

/** Checks whether an error carries one of the given API error codes. */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof ApiError && codes.includes(error.code);
}
