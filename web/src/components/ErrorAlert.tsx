import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errors';

/** A failed request, explained in the current language; renders nothing without an error. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      {errorMessage(t, error)}
    </Alert>
  );
}
