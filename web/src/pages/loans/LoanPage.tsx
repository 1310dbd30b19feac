/** One loan: its details and timeline, and the staff's handover and return forms. */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { resourceConditions } from '../../../../common/inventory';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import type { LoanDetail } from './types';

export default function LoanPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const path = `/loans/${encodeURIComponent(reference)}`;
  const loan = useQuery({
    queryKey: ['loan', reference],
    queryFn: () => api.get<LoanDetail>(path),
  });
  const [condition, setCondition] = useState<string | null>('good');
  const [note, setNote] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [damage, setDamage] = useState('');
  const [reason, setReason] = useState('');
  const action = useMutation({
    mutationFn: (input: { step: 'handover' | 'check-in' | 'cancel'; body: object }) =>
      api.post<LoanDetail>(`${path}/${input.step}`, input.body),
    onSuccess: (result) => queryClient.setQueryData(['loan', reference], result),
  });

  if (loan.isPending) return <PageLoader />;
  if (loan.isError) return <ErrorAlert error={loan.error} />;
  const data = loan.data;
  const conditionOptions = resourceConditions.map((value) => ({
    value,
    label: t(`loans.condition.${value}`),
  }));

  return (
    <Stack>
      <Title order={1}>
        {t('loans.detail.title')} {data.reference}
      </Title>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text fw={600}>
            {data.resourceName} ({data.resourceTag})
          </Text>
          <Text>
            {t('loans.field.status')}: {t(`loans.status.${data.status}`)}
            {data.overdue ? ` · ${t('loans.overdue')}` : ''}
          </Text>
          <Text>
            {t('loans.field.period')}: {formatDateTime(data.startsAt)} –{' '}
            {formatDateTime(data.endsAt)}
          </Text>
          <Text>
            {t('loans.field.borrower')}: {data.borrowerName}
          </Text>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t('loans.field.purpose')}: {data.purpose}
          </Text>
          {data.reason ? (
            <Text>
              {t('loans.field.reason')}: {data.reason}
            </Text>
          ) : null}
          {data.damageCaseReference ? (
            <Text>
              {t('loans.field.damageCase')}: {data.damageCaseReference}
            </Text>
          ) : null}
        </Stack>
      </Paper>

      {action.error ? <ErrorAlert error={action.error} /> : null}

      {data.actions.handover || data.actions.checkIn ? (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">
              {data.actions.handover ? t('loans.handover.title') : t('loans.checkIn.title')}
            </Title>
            <Select
              label={t('loans.field.condition')}
              data={conditionOptions}
              value={condition}
              onChange={setCondition}
              allowDeselect={false}
            />
            <TextInput
              label={t('loans.field.note')}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            {data.actions.handover ? (
              <Checkbox
                label={t('loans.handover.acknowledged')}
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.currentTarget.checked)}
              />
            ) : (
              <TextInput
                label={t('loans.field.damage')}
                description={t('loans.checkIn.damageHelp')}
                value={damage}
                onChange={(event) => setDamage(event.currentTarget.value)}
              />
            )}
            <Group>
              <Button
                loading={action.isPending}
                onClick={() =>
                  action.mutate(
                    data.actions.handover
                      ? {
                          step: 'handover',
                          body: { condition, note, borrowerAcknowledged: acknowledged },
                        }
                      : { step: 'check-in', body: { condition, note, damage } },
                  )
                }
              >
                {data.actions.handover ? t('loans.handover.submit') : t('loans.checkIn.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {data.actions.cancel ? (
        <Paper withBorder p="md">
          <Stack>
            <TextInput
              label={t('loans.field.cancelReason')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group>
              <Button
                color="red"
                variant="outline"
                loading={action.isPending}
                onClick={() => action.mutate({ step: 'cancel', body: { reason } })}
              >
                {t('loans.cancel.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      <Title order={2} size="h3">
        {t('loans.timeline')}
      </Title>
      {data.timeline.length === 0 ? <Alert>{t('loans.empty')}</Alert> : null}
      <Timeline bulletSize={14} active={data.timeline.length - 1}>
        {data.timeline.map((entry) => (
          <Timeline.Item key={entry.step} title={t(`loans.action.${entry.action}`)}>
            <Text size="sm">
              {formatDateTime(entry.at)}
              {entry.actorName ? ` · ${entry.actorName}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
