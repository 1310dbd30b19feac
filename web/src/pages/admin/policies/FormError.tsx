/**
 * Errors of a rejected save. A 400 names each invalid field by its path, such as body.code or
 * body.levels.1.approvers.0.personId. The forms show a translated message at each such field and
 * list the fields by their labels in one alert above the form.
 */
import { Alert } from '@mantine/core';
import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';

/** Returns the path of each invalid field of a validation error, without the leading "body". */
export function rejectedPaths(error: unknown): string[][] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  return error.issues.map((issue) => issue.field.split('.').slice(1));
}

/** Checks whether the save was rejected for the field at `path` or for anything inside it. */
export function isRejected(error: unknown, ...path: Array<string | number>): boolean {
  return rejectedPaths(error).some((segments) =>
    path.every((segment, index) => segments[index] === String(segment)),
  );
}

/**
 * Moves the focus to the first field a failed save marked invalid, because a long form scrolls
 * inside its modal and the field may be out of view. Without such a field, it scrolls to the alert.
 */
export function useFocusOnRejection(form: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (!error || !form.current) return;
    const field = form.current.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else form.current.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }, [error, form]);
}

interface FormErrorProps {
  error: unknown;
  /** Names the field at an invalid path in the current language. */
  labelOf: (path: string[]) => string;
  /** Replaces the generic conflict message on a 409. */
  conflictMessage?: string;
}

export function FormError({ error, labelOf, conflictMessage }: FormErrorProps) {
  const { t } = useTranslation();
  const paths = rejectedPaths(error);
  if (paths.length > 0) {
    const fields = [...new Set(paths.map(labelOf))].join(', ');
    return (
      <Alert color="red" title={t('errors.title')} role="alert">
        {t('policies.common.formInvalid', { fields })}
      </Alert>
    );
  }
  if (conflictMessage && error instanceof ApiError && error.code === 'conflict') {
    return (
      <Alert color="red" title={t('errors.title')} role="alert">
        {conflictMessage}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
