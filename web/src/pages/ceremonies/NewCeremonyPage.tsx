/** Request support for an event: name, venue, time, audience, ICT needs and equipment. */
import {
  Button,
  Checkbox,
  MultiSelect,
  NumberInput,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ceremonyNeeds, type CeremonyNeed } from '../../../../common/ceremony';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Resource } from '../loans/types';
import type { CeremonyDetail } from './types';

/** Turns the value of a datetime-local input (local time) into an ISO instant. */
function toIso(local: string): string {
  return local ? new Date(local).toISOString() : '';
}

export default function NewCeremonyPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('ceremony.request.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [venue, setVenue] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [audienceSize, setAudienceSize] = useState<number | string>(100);
  const [needs, setNeeds] = useState<CeremonyNeed[]>([]);
  const [resourceIds, setResourceIds] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const resources = useQuery({
    queryKey: ['inventory', 'bookable'],
    queryFn: () => api.get<{ items: Resource[] }>('/inventory?bookable=true&status=available'),
  });
  const submitRequest = useMutation<CeremonyDetail, ApiError>({
    mutationFn: () =>
      api.post<CeremonyDetail>('/ceremonies', {
        title,
        venue,
        startsAt: toIso(startsAt),
        endsAt: toIso(endsAt),
        audienceSize: Number(audienceSize),
        needs,
        resourceIds,
        notes,
      }),
    onSuccess: (event) => void navigate(`/ceremonies/${event.reference}`),
  });
  const issue = (field: string) =>
    submitRequest.error?.issues.find(
      (entry) => entry.field === `body.${field}` || entry.field.startsWith(`body.${field}.`),
    )?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    submitRequest.mutate();
  }

  return (
    <Stack maw={620}>
      <Title order={1}>{t('ceremony.request.title')}</Title>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('ceremony.field.title')}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            required
            error={issue('title')}
          />
          <TextInput
            label={t('ceremony.field.venue')}
            value={venue}
            onChange={(event) => setVenue(event.currentTarget.value)}
            required
            error={issue('venue')}
          />
          <TextInput
            type="datetime-local"
            label={t('ceremony.field.startsAt')}
            value={startsAt}
            onChange={(event) => setStartsAt(event.currentTarget.value)}
            required
            error={issue('startsAt')}
          />
          <TextInput
            type="datetime-local"
            label={t('ceremony.field.endsAt')}
            value={endsAt}
            onChange={(event) => setEndsAt(event.currentTarget.value)}
            required
            error={issue('endsAt')}
          />
          <NumberInput
            label={t('ceremony.field.audienceSize')}
            value={audienceSize}
            onChange={setAudienceSize}
            min={1}
            required
            error={issue('audienceSize')}
          />
          <Checkbox.Group
            label={t('ceremony.field.needs')}
            value={needs}
            onChange={(value) => setNeeds(value)}
            error={issue('needs')}
            required
          >
            <Stack gap="xs" mt="xs">
              {ceremonyNeeds.map((need) => (
                <Checkbox key={need} value={need} label={t(`ceremony.need.${need}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <MultiSelect
            label={t('ceremony.field.equipment')}
            description={t('ceremony.request.equipmentHelp')}
            data={(resources.data?.items ?? []).map((resource) => ({
              value: resource.id,
              label: `${resource.name} (${resource.tag})`,
            }))}
            value={resourceIds}
            onChange={setResourceIds}
            searchable
            error={issue('resourceIds')}
          />
          <Textarea
            label={t('ceremony.field.notes')}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            error={issue('notes')}
          />
          {submitRequest.error && submitRequest.error.code !== 'validation_failed' ? (
            <ErrorAlert error={submitRequest.error} />
          ) : null}
          <Button type="submit" loading={submitRequest.isPending}>
            {t('ceremony.request.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
