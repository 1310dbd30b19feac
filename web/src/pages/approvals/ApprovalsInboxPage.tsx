/**
 * The approvals inbox (tugasan kelulusan): every gate waiting for me or for an approver I
 * represent, with the record behind it. Each task is approved or rejected with a comment, and the
 * page then shows what the decision did.
 */
import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { DecisionForm } from './DecisionForm';
import type { ApprovalTask, DecisionInput, DecisionResult } from './types';

/** Returns the translation key of the sentence that describes the decision's effect. */
function effectKey(result: DecisionResult): string {
  if (result.task.status === 'rejected') return 'approvals.effect.rejected';
  if (result.approved) return 'approvals.effect.approved';
  if (result.levelClosed) return 'approvals.effect.nextLevel';
  return 'approvals.effect.waitingOthers';
}

function TaskCard({
  task,
  onDecided,
}: {
  task: ApprovalTask;
  onDecided: (r: DecisionResult) => void;
}) {
  const { t } = useTranslation();
  const decide = useMutation({
    mutationFn: (input: DecisionInput) =>
      api.post<DecisionResult>(`/approvals/${task.id}/decision`, input),
    onSuccess: onDecided,
  });
  return (
    <Card withBorder component="article" aria-labelledby={`task-${task.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={task.link} id={`task-${task.id}`} fw={600}>
            {task.reference}
          </Anchor>
          <Badge color="blue.8" variant="filled" radius="sm">
            {t(`approvals.kind.${task.kind}`)}
          </Badge>
        </Group>
        <Text style={{ overflowWrap: 'anywhere' }}>{task.title}</Text>
        <Text size="sm" c="dimmed">
          {t('approvals.meta', {
            requester: task.requester.name,
            level: task.level,
            since: formatDateTime(task.since),
          })}
        </Text>
        {task.onBehalfOf ? (
          <Text size="sm">{t('approvals.onBehalfOf', { name: task.approver.name })}</Text>
        ) : null}
        <DecisionForm
          id={task.id}
          onDecide={(input) => decide.mutate(input)}
          pending={decide.isPending}
          error={decide.error}
        />
      </Stack>
    </Card>
  );
}

export default function ApprovalsInboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('approvals.title')} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const [results, setResults] = useState<DecisionResult[]>([]);
  const inbox = useQuery({
    queryKey: ['approvals', 'inbox'],
    queryFn: () => api.get<{ items: ApprovalTask[] }>('/approvals'),
  });

  function handleDecided(result: DecisionResult) {
    setResults((previous) => [result, ...previous]);
    void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  }

  return (
    <Stack>
      <Title order={1}>{t('approvals.title')}</Title>
      {results.map((result) => (
        <Alert
          key={result.task.id}
          role="status"
          color={result.task.status === 'rejected' ? 'red' : 'teal'}
          title={result.task.reference}
        >
          {t(effectKey(result))}{' '}
          <Anchor component={Link} to={result.task.link}>
            {t('approvals.openRecord')}
          </Anchor>
        </Alert>
      ))}
      {inbox.isPending ? <PageLoader /> : null}
      <ErrorAlert error={inbox.error} />
      {inbox.data && inbox.data.items.length === 0 ? (
        <Text c="dimmed">{t('approvals.empty')}</Text>
      ) : null}
      {inbox.data?.items.map((task) => (
        <TaskCard key={task.id} task={task} onDecided={handleDecided} />
      ))}
    </Stack>
  );
}
