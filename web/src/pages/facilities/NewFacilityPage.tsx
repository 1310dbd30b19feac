/** Apply for an ICT facility: choose it from the catalogue and answer its own fields. */
import { Button, Checkbox, NumberInput, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import type { Application, FacilityItem } from '../approvals/types';
import { itemName } from './shared';

type Answer = string | number | boolean;

export default function NewFacilityPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('facilities.apply.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const [itemCode, setItemCode] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const items = useQuery({
    queryKey: ['facility-items'],
    queryFn: () => api.get<{ items: FacilityItem[] }>('/facility-items'),
  });
  const submit = useMutation({
    mutationFn: () => api.post<Application>('/facility-requests', { itemCode, answers }),
    onSuccess: (created) => void navigate(`/facilities/${created.reference}`),
  });
  const item = items.data?.items.find((candidate) => candidate.code === itemCode);
  const english = currentLanguage() === 'en';

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate();
  }

  if (items.isPending) return <PageLoader />;
  return (
    <Stack component="form" onSubmit={handleSubmit} maw={640}>
      <Title order={1}>{t('facilities.apply.title')}</Title>
      <ErrorAlert error={items.error} />
      <Select
        label={t('facilities.apply.item')}
        placeholder={t('facilities.apply.itemPlaceholder')}
        data={(items.data?.items ?? []).map((candidate) => ({
          value: candidate.code,
          label: itemName(candidate),
        }))}
        value={itemCode}
        onChange={(value) => {
          setItemCode(value);
          setAnswers({});
        }}
        required
      />
      {item?.provisionSteps.length ? (
        <Text size="sm" c="dimmed">
          {t('facilities.apply.steps', { steps: item.provisionSteps.join(', ') })}
        </Text>
      ) : null}
      {item?.fields.map((field) => {
        const label = english ? field.labelEn : field.labelMs;
        const value = answers[field.key];
        const set = (next: Answer) =>
          setAnswers((previous) => ({ ...previous, [field.key]: next }));
        if (field.type === 'boolean') {
          return (
            <Checkbox
              key={field.key}
              label={label}
              checked={value === true}
              onChange={(event) => set(event.currentTarget.checked)}
            />
          );
        }
        if (field.type === 'number') {
          return (
            <NumberInput
              key={field.key}
              label={label}
              required={field.required}
              value={typeof value === 'number' ? value : ''}
              onChange={(next) => set(typeof next === 'number' ? next : Number(next))}
            />
          );
        }
        return (
          <Textarea
            key={field.key}
            label={label}
            required={field.required}
            maxLength={field.maxLength ?? 500}
            autosize
            minRows={2}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => set(event.currentTarget.value)}
          />
        );
      })}
      <ErrorAlert error={submit.error} />
      <Button
        type="submit"
        loading={submit.isPending}
        disabled={!item}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('facilities.apply.submit')}
      </Button>
    </Stack>
  );
}
