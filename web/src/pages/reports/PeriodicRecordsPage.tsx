/**
 * The records behind one number of the periodic report: the page's query string is the figure's
 * query, sent unchanged to GET /reports/periodic/records.
 */
import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { CaseStatus } from '../../../../common/enums';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import type { ReportRecord } from '../../../../activities/reports/periodic-types';
import { formatDay } from './periodic-period';

interface RecordsResponse {
  total: number;
  limit: number;
  items: ReportRecord[];
}

export default function PeriodicRecordsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('reportRecords.title')} · Khidmat`);
  const [params] = useSearchParams();
  const query = params.toString();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const figure = params.get('figure') ?? '';

  const records = useQuery({
    queryKey: ['reports', 'periodic', 'records', query],
    queryFn: () => api.get<RecordsResponse>(`/reports/periodic/records?${query}`),
  });
  const backParams = new URLSearchParams({ kind: 'range', from, to });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/reports/periodic?${backParams.toString()}`} size="sm">
        {t('reportRecords.back')}
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {t('reportRecords.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('reportRecords.figure', {
            figure: t(`periodicReport.figures.${figure}`, { defaultValue: figure }),
            from: from ? formatDay(from) : '',
            to: to ? formatDay(to) : '',
          })}
        </Text>
      </div>
      <ErrorAlert error={records.error} />
      {records.isPending && <PageLoader />}
      {records.data && (
        <Paper withBorder p="sm">
          <Text fw={500} mb="xs" data-testid="records-total">
            {t('reportRecords.total', { count: records.data.total })}
          </Text>
          {records.data.total > records.data.items.length && (
            <Text size="sm" c="dimmed" mb="xs">
              {t('reportRecords.truncated', {
                limit: records.data.limit,
                count: records.data.total,
              })}
            </Text>
          )}
          {records.data.items.length === 0 ? (
            <Text c="dimmed">{t('reportRecords.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={320}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reportRecords.reference')}</Table.Th>
                    <Table.Th>{t('reportRecords.titleColumn')}</Table.Th>
                    <Table.Th>{t('reportRecords.status')}</Table.Th>
                    <Table.Th>{t('reportRecords.opened')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {records.data.items.map((item) => (
                    <Table.Tr key={item.reference}>
                      <Table.Td>
                        <Anchor component={Link} to={`/cases/${item.reference}`}>
                          {item.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{item.title}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={item.status as CaseStatus} />
                      </Table.Td>
                      <Table.Td>{formatDateTime(item.openedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </Stack>
  );
}
