/**
 * Satisfaction follow-ups for unit heads (and managers, auditors and administrators): each low
 * score moves from open to in progress, and is closed with a note. /follow-ups/:id, the address
 * in the alert e-mail, shows that follow-up first.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import type { FollowUp, FollowUpStatus } from './types';

const statusColor: Record<FollowUpStatus, string> = {
  open: 'red',
  in_progress: 'orange',
  closed: 'teal',
};

function FollowUpCard({ followUp, highlighted }: { followUp: FollowUp; highlighted: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const change = useMutation({
    mutationFn: (body: { status: FollowUpStatus; note?: string }) =>
      api.post<FollowUp>(`/follow-ups/${followUp.id}/status`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['follow-ups'] }),
  });

  return (
    <Card withBorder padding="md" aria-current={highlighted ? 'true' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600} component={Link} to={`/cases/${followUp.reference}`}>
            {followUp.reference}
          </Text>
          <Badge variant="light" color={statusColor[followUp.status]}>
            {t(`surveys.followUps.status.${followUp.status}`)}
          </Badge>
        </Group>
        <Text style={{ overflowWrap: 'anywhere' }}>{followUp.title}</Text>
        <Text size="sm">
          {t('surveys.followUps.score', { score: followUp.score })} ·{' '}
          {t(`surveys.followUps.source.${followUp.source === 'rating' ? 'rating' : 'survey'}`)} ·{' '}
          {formatDateTime(followUp.createdAt)}
        </Text>
        {followUp.comment ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            “{followUp.comment}”
          </Text>
        ) : null}
        {followUp.status === 'open' ? (
          <Group>
            <Button
              size="sm"
              loading={change.isPending}
              onClick={() => change.mutate({ status: 'in_progress' })}
            >
              {t('surveys.followUps.start')}
            </Button>
          </Group>
        ) : null}
        {followUp.status === 'in_progress' ? (
          <Stack gap="xs">
            <Textarea
              label={t('surveys.followUps.note')}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
            />
            <Group>
              <Button
                size="sm"
                disabled={note.trim() === ''}
                loading={change.isPending}
                onClick={() => change.mutate({ status: 'closed', note: note.trim() })}
              >
                {t('surveys.followUps.close')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {followUp.status === 'closed' && followUp.closingNote ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('surveys.followUps.closedWith', { note: followUp.closingNote })}
          </Text>
        ) : null}
        <ErrorAlert error={change.error} />
      </Stack>
    </Card>
  );
}

export default function FollowUpsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('surveys.followUps.title')} · ${t('app.name')}`);
  const { id } = useParams();
  const [status, setStatus] = useState<FollowUpStatus | 'all'>(id ? 'all' : 'open');
  // Four labels do not fit side by side on a phone, so they stack there.
  const narrow = useMediaQuery('(max-width: 36em)');
  const query = status === 'all' ? '' : `?status=${status}`;
  const list = useQuery({
    queryKey: ['follow-ups', status],
    queryFn: () => api.get<{ items: FollowUp[] }>(`/follow-ups${query}`),
  });

  let content;
  if (list.isPending) {
    content = <PageLoader />;
  } else if (list.isError) {
    content = <ErrorAlert error={list.error} />;
  } else if (list.data.items.length === 0) {
    content = <Alert color="gray">{t('surveys.followUps.empty')}</Alert>;
  } else {
    // The follow-up named in the address comes first.
    const items = [...list.data.items].sort((a, b) => Number(b.id === id) - Number(a.id === id));
    content = (
      <Stack>
        {items.map((followUp) => (
          <FollowUpCard key={followUp.id} followUp={followUp} highlighted={followUp.id === id} />
        ))}
      </Stack>
    );
  }

  return (
    <Stack>
      <Title order={1}>{t('surveys.followUps.title')}</Title>
      <Text>{t('surveys.followUps.intro')}</Text>
      <SegmentedControl
        aria-label={t('surveys.followUps.filter')}
        value={status}
        onChange={(value) => setStatus(value)}
        data={(['open', 'in_progress', 'closed', 'all'] as const).map((value) => ({
          value,
          label: t(`surveys.followUps.status.${value}`),
        }))}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
      />
      {content}
    </Stack>
  );
}
