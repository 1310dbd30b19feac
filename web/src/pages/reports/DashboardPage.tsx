/**
 * The management dashboard (papan pemuka pengurusan): open work by status and unit, cases at risk
 * of breaching, today's intake and satisfaction over twelve months. It refreshes itself at the
 * interval the API gives.
 */
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseStatus, Channel } from '../../../../common/enums';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

interface MonthlyMean {
  count: number;
  mean: number | null;
}

interface Dashboard {
  generatedAt: string;
  refreshSeconds: number;
  openByStatus: { status: CaseStatus; cases: number }[];
  openByUnit: {
    unitId: string | null;
    nameMs: string | null;
    nameEn: string | null;
    total: number;
    byStatus: Record<CaseStatus, number>;
  }[];
  atRisk: {
    warning: number;
    breached: number;
    cases: {
      reference: string;
      title: string;
      priority: number;
      status: CaseStatus;
      target: 'firstResponse' | 'resolution';
      level: 'warning' | 'breached';
      dueAt: string;
    }[];
  };
  todayIntake: {
    date: string;
    received: number;
    byChannel: { channel: Channel; cases: number }[];
  };
  satisfaction: { month: string; ratings: MonthlyMean; surveys: MonthlyMean; csi: MonthlyMean }[];
}

/** Shows one headline number with its label. */
function Figure({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700} c={tone}>
        {value}
      </Text>
    </Paper>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('dashboard.title')} · ${t('app.name')}`);
  const english = currentLanguage() === 'en';
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => api.get<Dashboard>('/dashboard'),
    // Refetches at the interval the API returns, or every minute before the first response.
    refetchInterval: (query) => (query.state.data?.refreshSeconds ?? 60) * 1000,
  });

  if (dashboard.isPending) return <PageLoader />;
  if (dashboard.error) return <ErrorAlert error={dashboard.error} />;
  const data = dashboard.data;
  const openTotal = data.openByStatus.reduce((sum, row) => sum + row.cases, 0);
  const unitName = (row: Dashboard['openByUnit'][number]) =>
    (english ? row.nameEn : row.nameMs) ?? t('dashboard.noUnit');

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t('dashboard.title')}</Title>
        <Text size="sm" role="status">
          {t('dashboard.updatedAt', { at: formatDateTime(data.generatedAt) })}
        </Text>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('dashboard.figures.open')} value={openTotal} />
        <Figure
          label={t('dashboard.figures.warning')}
          value={data.atRisk.warning}
          tone="orange.9"
        />
        <Figure label={t('dashboard.figures.breached')} value={data.atRisk.breached} tone="red.9" />
        <Figure label={t('dashboard.figures.today')} value={data.todayIntake.received} />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            {t('dashboard.byStatus')}
          </Title>
          <BarChart
            h={220}
            data={data.openByStatus.map((row) => ({
              status: t(`status.${row.status}`),
              cases: row.cases,
            }))}
            dataKey="status"
            orientation="vertical"
            yAxisProps={{ width: 120 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'cases', label: t('dashboard.cases'), color: 'blue.6' }]}
          />
        </Paper>
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            {t('dashboard.satisfaction')}
          </Title>
          <LineChart
            h={220}
            data={data.satisfaction.map((row) => ({
              month: row.month,
              ratings: row.ratings.mean,
              surveys: row.surveys.mean,
              csi: row.csi.mean,
            }))}
            dataKey="month"
            yAxisProps={{ domain: [1, 5] }}
            withLegend
            connectNulls
            series={[
              { name: 'ratings', label: t('dashboard.series.ratings'), color: 'blue.7' },
              { name: 'surveys', label: t('dashboard.series.surveys'), color: 'teal.7' },
              { name: 'csi', label: t('dashboard.series.csi'), color: 'grape.7' },
            ]}
          />
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.byUnit')}
        </Title>
        {data.openByUnit.length === 0 ? (
          <Text>{t('dashboard.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.unit')}</Table.Th>
                  <Table.Th>{t('dashboard.figures.open')}</Table.Th>
                  <Table.Th>{t('status.waiting_customer')}</Table.Th>
                  <Table.Th>{t('status.resolved')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.openByUnit.map((row) => (
                  <Table.Tr key={row.unitId ?? 'none'}>
                    <Table.Td>{unitName(row)}</Table.Td>
                    <Table.Td>{row.total}</Table.Td>
                    <Table.Td>{row.byStatus.waiting_customer ?? 0}</Table.Td>
                    <Table.Td>{row.byStatus.resolved ?? 0}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.atRisk')}
        </Title>
        {data.atRisk.cases.length === 0 ? (
          <Text>{t('dashboard.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.reference')}</Table.Th>
                  <Table.Th>{t('dashboard.caseTitle')}</Table.Th>
                  <Table.Th>{t('dashboard.target')}</Table.Th>
                  <Table.Th>{t('dashboard.due')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.atRisk.cases.map((row) => (
                  <Table.Tr key={`${row.reference}-${row.target}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${row.reference}`}>
                        {row.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.title}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="wrap">
                        <Text size="sm">{t(`dashboard.targets.${row.target}`)}</Text>
                        <Badge
                          color={row.level === 'breached' ? 'red.8' : 'orange.9'}
                          variant="filled"
                          radius="sm"
                        >
                          {t(`dashboard.levels.${row.level}`)}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(row.dueAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('dashboard.todayByChannel')}
        </Title>
        {data.todayIntake.byChannel.length === 0 ? (
          <Text>{t('dashboard.none')}</Text>
        ) : (
          <Group gap="xs" wrap="wrap">
            {data.todayIntake.byChannel.map((row) => (
              <Badge key={row.channel} color="blue.8" variant="filled" radius="sm">
                {t(`channel.${row.channel}`)}: {row.cases}
              </Badge>
            ))}
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
