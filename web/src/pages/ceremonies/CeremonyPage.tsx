/**
 * One event: its details and timeline for everyone who may see it, the work panels for the team
 * and the unit head, and the rating and cancellation for the requester.
 */
import {
  Alert,
  Button,
  Group,
  Paper,
  Rating,
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
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { CeremonyStatusBadge } from './CeremonyStatusBadge';
import { ChecklistPanel, LogPanel, ReconcilePanel, TeamPanel } from './StaffPanels';
import type { CeremonyDetail } from './types';

export type CeremonyStep = 'team' | 'checklist' | 'log' | 'reconcile' | 'rate' | 'cancel';

export default function CeremonyPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const path = `/ceremonies/${encodeURIComponent(reference)}`;
  const event = useQuery({
    queryKey: ['ceremony', reference],
    queryFn: () => api.get<CeremonyDetail>(path),
  });
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const action = useMutation({
    mutationFn: (input: { step: CeremonyStep; body: object }) =>
      api.post<CeremonyDetail>(`${path}/${input.step}`, input.body),
    onSuccess: (result) => queryClient.setQueryData(['ceremony', reference], result),
  });
  const send = (step: CeremonyStep, body: object) => action.mutate({ step, body });

  if (event.isPending) return <PageLoader />;
  if (event.isError) return <ErrorAlert error={event.error} />;
  const data = event.data;

  return (
    <Stack>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {data.title} ({data.reference})
      </Title>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Text>{t('ceremony.field.status')}:</Text>
            <CeremonyStatusBadge event={data} />
          </Group>
          <Text>
            {t('ceremony.field.period')}: {formatDateTime(data.startsAt)} –{' '}
            {formatDateTime(data.endsAt)}
          </Text>
          <Text>
            {t('ceremony.field.venue')}: {data.venue}
          </Text>
          <Text>
            {t('ceremony.field.audienceSize')}: {data.audienceSize}
          </Text>
          <Text>
            {t('ceremony.field.needs')}:{' '}
            {data.needs.map((need) => t(`ceremony.need.${need}`)).join(', ')}
          </Text>
          <Text>
            {t('ceremony.field.requester')}: {data.requesterName}
          </Text>
          {data.readinessCheckAt ? (
            <Text>
              {t('ceremony.field.readinessCheckAt')}: {formatDateTime(data.readinessCheckAt)}
            </Text>
          ) : null}
          {data.notes ? (
            <Text style={{ overflowWrap: 'anywhere' }}>
              {t('ceremony.field.notes')}: {data.notes}
            </Text>
          ) : null}
          {data.reason ? (
            <Text>
              {t('ceremony.field.reason')}: {data.reason}
            </Text>
          ) : null}
          {data.rating !== null ? (
            <Text>
              {t('ceremony.field.rating')}: {data.rating}/5
            </Text>
          ) : null}
        </Stack>
      </Paper>
      {data.escalatedAt && data.status === 'preparing' ? (
        <Alert color="red">{t('ceremony.notReadyAlert')}</Alert>
      ) : null}

      {action.error ? <ErrorAlert error={action.error} /> : null}

      <TeamPanel data={data} pending={action.isPending} send={send} />
      <ChecklistPanel data={data} pending={action.isPending} send={send} />
      <LogPanel data={data} pending={action.isPending} send={send} />
      <ReconcilePanel data={data} pending={action.isPending} send={send} />

      {data.actions.rate ? (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h3">
              {t('ceremony.rate.title')}
            </Title>
            <Text id="ceremony-rating-label">{t('ceremony.rate.label')}</Text>
            <Rating value={rating} onChange={setRating} aria-labelledby="ceremony-rating-label" />
            <TextInput
              label={t('ceremony.field.comment')}
              value={comment}
              onChange={(input) => setComment(input.currentTarget.value)}
            />
            <Group>
              <Button
                loading={action.isPending}
                disabled={rating === 0}
                onClick={() => send('rate', { rating, comment })}
              >
                {t('ceremony.rate.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      {data.actions.cancel ? (
        <Paper withBorder p="md">
          <Stack>
            <TextInput
              label={t('ceremony.field.cancelReason')}
              value={reason}
              onChange={(input) => setReason(input.currentTarget.value)}
            />
            <Group>
              <Button
                color="red"
                variant="outline"
                loading={action.isPending}
                onClick={() => send('cancel', { reason })}
              >
                {t('ceremony.cancel.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}

      <Title order={2} size="h3">
        {t('ceremony.timeline')}
      </Title>
      <Timeline bulletSize={14} active={data.timeline.length - 1}>
        {data.timeline.map((entry) => (
          <Timeline.Item key={entry.step} title={t(`ceremony.action.${entry.action}`)}>
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
