/** One resource of the inventory with its history of changes, moves, handovers and returns. */
import { Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import type { ResourceDetail } from '../loans/types';

function describeChange(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

export default function ResourcePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const resource = useQuery({
    queryKey: ['inventory-item', id],
    queryFn: () => api.get<ResourceDetail>(`/inventory/${encodeURIComponent(id)}`),
  });
  useDocumentTitle(`${resource.data?.tag ?? t('inventory.title')} · ${t('app.name')}`);

  if (resource.isPending) return <PageLoader />;
  if (resource.isError) return <ErrorAlert error={resource.error} />;
  const data = resource.data;
  return (
    <Stack>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {data.name}
      </Title>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Text>
            {t('inventory.field.tag')}: {data.tag}
            {data.serialNumber ? ` · ${t('inventory.field.serial')}: ${data.serialNumber}` : ''}
          </Text>
          <Text>
            {t('inventory.field.location')}: {data.location}
          </Text>
          <Text>
            {t('inventory.field.status')}: {t(`inventory.status.${data.status}`)} ·{' '}
            {t('inventory.field.condition')}: {t(`loans.condition.${data.condition}`)}
          </Text>
          <Text>
            {t('inventory.field.unit')}: {data.owningUnitCode} ·{' '}
            {t('loans.maxHours', { hours: data.maxLoanHours })}
          </Text>
        </Stack>
      </Paper>
      {data.history.length > 0 ? (
        <>
          <Title order={2} size="h3">
            {t('inventory.history')}
          </Title>
          <Timeline bulletSize={14}>
            {data.history.map((entry) => (
              <Timeline.Item key={entry.id} title={t(`inventory.event.${entry.event}`)}>
                <Text size="sm">
                  {formatDateTime(entry.at)}
                  {entry.actorName ? ` · ${entry.actorName}` : ''}
                  {entry.holderReference ? ` · ${entry.holderReference}` : ''}
                </Text>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {describeChange(entry.newValues)}
                  {entry.note ? ` · ${entry.note}` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </>
      ) : null}
    </Stack>
  );
}
