/** Apply for a loan: choose a resource, the period, the purpose, and accept the terms. */
import { Button, Checkbox, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { LoanDetail, Resource } from './types';

/** Turns the value of a datetime-local input (local time) into an ISO instant. */
function toIso(local: string): string {
  return local ? new Date(local).toISOString() : '';
}

export default function NewLoanPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('loans.apply.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const [resourceId, setResourceId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [purpose, setPurpose] = useState('');
  const [termsAccepted, setTermsAccepted] = useState(false);
  const resources = useQuery({
    queryKey: ['inventory', 'bookable'],
    queryFn: () => api.get<{ items: Resource[] }>('/inventory?bookable=true&status=available'),
  });
  const apply = useMutation<LoanDetail, ApiError>({
    mutationFn: () =>
      api.post<LoanDetail>('/loans', {
        resourceId,
        startsAt: toIso(startsAt),
        endsAt: toIso(endsAt),
        purpose,
        termsAccepted,
      }),
    onSuccess: (loan) => void navigate(`/loans/${loan.reference}`),
  });
  const issue = (field: string) =>
    apply.error?.issues.find((entry) => entry.field === `body.${field}`)?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    apply.mutate();
  }

  return (
    <Stack maw={560}>
      <Title order={1}>{t('loans.apply.title')}</Title>
      <form onSubmit={submit}>
        <Stack>
          <Select
            label={t('loans.field.resource')}
            data={(resources.data?.items ?? []).map((resource) => ({
              value: resource.id,
              label: `${resource.name} (${resource.tag}) · ${t('loans.maxHours', { hours: resource.maxLoanHours })}`,
            }))}
            value={resourceId}
            onChange={setResourceId}
            searchable
            required
            error={issue('resourceId')}
          />
          <TextInput
            type="datetime-local"
            label={t('loans.field.startsAt')}
            value={startsAt}
            onChange={(event) => setStartsAt(event.currentTarget.value)}
            required
            error={issue('startsAt')}
          />
          <TextInput
            type="datetime-local"
            label={t('loans.field.endsAt')}
            value={endsAt}
            onChange={(event) => setEndsAt(event.currentTarget.value)}
            required
            error={issue('endsAt')}
          />
          <Textarea
            label={t('loans.field.purpose')}
            value={purpose}
            onChange={(event) => setPurpose(event.currentTarget.value)}
            required
            error={issue('purpose')}
          />
          <Checkbox
            label={t('loans.apply.terms')}
            checked={termsAccepted}
            onChange={(event) => setTermsAccepted(event.currentTarget.checked)}
            error={issue('termsAccepted')}
          />
          {apply.error && apply.error.code === 'conflict' ? (
            <ErrorAlert error={apply.error} />
          ) : null}
          <Button type="submit" loading={apply.isPending}>
            {t('loans.apply.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
