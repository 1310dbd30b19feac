/** Field errors of the project forms, shown in the interface language. */
import type { TFunction } from 'i18next';
import type { ApiError } from '../../api/client';

/**
 * Returns a function giving the translated error of a field when the API named it (the API's own
 * messages are English). The key is `projects.error.<name>`; a field without a sentence of its
 * own gets the general one.
 */
export function fieldErrors(t: TFunction, error: ApiError | null, prefix = 'body') {
  return (field: string, name = field): string | undefined => {
    const path = `${prefix}.${field}`;
    const named = error?.issues.some(
      (issue) => issue.field === path || issue.field.startsWith(`${path}.`),
    );
    if (!named) return undefined;
    return t(`projects.error.${name}`, { defaultValue: t('projects.error.invalid') });
  };
}
