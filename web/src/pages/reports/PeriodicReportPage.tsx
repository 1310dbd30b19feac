/**
 * The periodic report: a period picker (month, quarter, year or date range), charts, tables whose
 * numbers open the records behind them, and the XLSX and PDF downloads.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Button,
  Group,
  Paper,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type {
  BreakdownRow,
  Figure,
  FigureQuery,
  PeriodicReport,
} from '../../../../activities/reports/periodic-types';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import {
  choiceParams,
  formatDay,
  malaysianToday,
  periodDays,
  periodKinds,
  readChoice,
  type PeriodChoice,
} from './periodic-period';
import { ReportSubscriptions } from './ReportSubscriptions';

/** Returns the web app's URL of the records behind a figure. */
export function recordsUrl(query: FigureQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return `/reports/periodic/records?${params.toString()}`;
}

function FigureLink({ figure, label }: { figure: Figure; label: string }) {
  return (
    <Anchor component={Link} to={recordsUrl(figure.query)} aria-label={`${label}: ${figure.value}`}>
      {figure.value}
    </Anchor>
  );
}

const percent = (share: number | null) =>
  share === null ? '–' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

function PeriodPicker({
  choice,
  onChange,
}: {
  choice: PeriodChoice;
  onChange: (next: PeriodChoice) => void;
}) {
  const { t } = useTranslation();
  const thisYear = Number(malaysianToday().slice(0, 4));
  const years = Array.from({ length: 6 }, (_, index) => String(thisYear - index));
  const monthName = new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'ms-MY', {
    month: 'long',
    timeZone: 'UTC',
  });
  const months = Array.from({ length: 12 }, (_, index) => ({
    value: String(index + 1),
    label: monthName.format(new Date(Date.UTC(2000, index, 1))),
  }));
  // Four labels do not fit side by side at 360 px, so phones stack them.
  const narrow = useMediaQuery('(max-width: 36em)');
  const quarters = [1, 2, 3, 4].map((quarter) => ({
    value: String(quarter),
    label: t('periodicReport.quarterLabel', { quarter }),
  }));

  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('periodicReport.periodKind')}
        value={choice.kind}
        onChange={(kind) => onChange({ ...choice, kind })}
        orientation={narrow ? 'vertical' : 'horizontal'}
        data={periodKinds.map((kind) => ({
          value: kind,
          label: t(`periodicReport.kinds.${kind}`),
        }))}
        fullWidth
      />
      <Group grow align="flex-end" wrap="wrap">
        {choice.kind !== 'range' && (
          <NativeSelect
            label={t('periodicReport.year')}
            data={years}
            value={String(choice.year)}
            onChange={(event) => onChange({ ...choice, year: Number(event.currentTarget.value) })}
          />
        )}
        {choice.kind === 'month' && (
          <NativeSelect
            label={t('periodicReport.month')}
            data={months}
            value={String(choice.month)}
            onChange={(event) => onChange({ ...choice, month: Number(event.currentTarget.value) })}
          />
        )}
        {choice.kind === 'quarter' && (
          <NativeSelect
            label={t('periodicReport.quarter')}
            data={quarters}
            value={String(choice.quarter)}
            onChange={(event) =>
              onChange({ ...choice, quarter: Number(event.currentTarget.value) })
            }
          />
        )}
        {choice.kind === 'range' && (
          <>
            <TextInput
              type="date"
              label={t('periodicReport.from')}
              value={choice.from}
              onChange={(event) => onChange({ ...choice, from: event.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('periodicReport.to')}
              value={choice.to}
              onChange={(event) => onChange({ ...choice, to: event.currentTarget.value })}
            />
          </>
        )}
      </Group>
    </Stack>
  );
}

function BreakdownTable({
  title,
  rows,
  labelOf,
  withBacklog = true,
}: {
  title: string;
  rows: BreakdownRow[];
  labelOf: (row: BreakdownRow) => string;
  withBacklog?: boolean;
}) {
  const { t } = useTranslation();
  const figures = withBacklog
    ? (['received', 'resolved', 'backlog'] as const)
    : (['received', 'resolved'] as const);
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('periodicReport.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={280}>
          <Table striped fz="sm" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {figures.map((name) => (
                  <Table.Th key={name} ta="right">
                    {t(`periodicReport.figures.${name}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{labelOf(row)}</Table.Td>
                  {figures.map((name) => (
                    <Table.Td key={name} ta="right">
                      <FigureLink
                        figure={row[name]}
                        label={`${labelOf(row)}, ${t(`periodicReport.figures.${name}`)}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function formatMinutes(t: TFunction, minutes: number | null) {
  if (minutes === null) return '–';
  if (minutes < 120) return t('periodicReport.minutes', { value: minutes });
  return t('periodicReport.hours', { value: (minutes / 60).toFixed(1) });
}

function ReportBody({ report }: { report: PeriodicReport }) {
  const { t } = useTranslation();
  const english = currentLanguage() === 'en';
  const { totals, times, satisfaction } = report;
  const none = t('periodicReport.none');
  const named = (row: BreakdownRow) =>
    row.key === 'none' ? none : ((english ? row.labelEn : row.labelMs) ?? row.key);
  const summary: [string, Figure][] = [
    [t('periodicReport.figures.received'), totals.received],
    [t('periodicReport.figures.resolved'), totals.resolved],
    [t('periodicReport.figures.closed'), totals.closed],
    [t('periodicReport.figures.reopened'), totals.reopened],
    [t('periodicReport.figures.backlog'), totals.backlog],
    [t('periodicReport.figures.breached'), totals.breached],
  ];

  return (
    <Stack gap="md">
      <Paper withBorder p="sm">
        <Title order={2} size="h4" mb="xs">
          {t('periodicReport.summary')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          {summary.map(([label, figure]) => (
            <Stack key={label} gap={0}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text size="xl" fw={700}>
                <FigureLink figure={figure} label={label} />
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Group gap="lg" mt="sm">
          <Text size="sm">
            {t('periodicReport.reopenRate')}: <b>{percent(totals.reopenRate)}</b>
          </Text>
          <Text size="sm">
            {t('periodicReport.attainment')}: <b>{percent(totals.resolutionAttainment)}</b>
          </Text>
          <Text size="sm">
            {t('periodicReport.meanRating')}: <b>{satisfaction.mean ?? '–'}</b>
          </Text>
        </Group>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('periodicReport.chartMonths')}
          </Title>
          <BarChart
            h={220}
            data={report.byMonth.map((row) => ({
              month: row.key,
              received: row.received.value,
              resolved: row.resolved.value,
            }))}
            dataKey="month"
            withLegend
            series={[
              { name: 'received', label: t('periodicReport.figures.received'), color: 'blue.6' },
              { name: 'resolved', label: t('periodicReport.figures.resolved'), color: 'teal.6' },
            ]}
          />
        </Paper>
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('periodicReport.chartCategories')}
          </Title>
          <BarChart
            h={220}
            data={report.byCategory.map((row) => ({
              category: named(row),
              received: row.received.value,
            }))}
            dataKey="category"
            orientation="vertical"
            yAxisProps={{ width: 110 }}
            series={[
              { name: 'received', label: t('periodicReport.figures.received'), color: 'blue.6' },
            ]}
          />
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="sm">
        <Title order={3} size="h5" mb="xs">
          {t('periodicReport.times')}
        </Title>
        <Table.ScrollContainer minWidth={280}>
          <Table fz="sm" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">{t('periodicReport.cases')}</Table.Th>
                <Table.Th ta="right">{t('periodicReport.median')}</Table.Th>
                <Table.Th ta="right">{t('periodicReport.p90')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['firstResponse', 'resolution'] as const).map((name) => (
                <Table.Tr key={name}>
                  <Table.Td>{t(`periodicReport.${name}`)}</Table.Td>
                  <Table.Td ta="right">{times[name].cases}</Table.Td>
                  <Table.Td ta="right">{formatMinutes(t, times[name].medianMinutes)}</Table.Td>
                  <Table.Td ta="right">{formatMinutes(t, times[name].p90Minutes)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('periodicReport.timeMeasure')}
        </Text>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BreakdownTable
          title={t('periodicReport.byType')}
          rows={report.byType}
          labelOf={(row) => t(`periodicReport.types.${row.key}`, { defaultValue: row.key })}
        />
        <BreakdownTable
          title={t('periodicReport.byChannel')}
          rows={report.byChannel}
          labelOf={(row) => t(`channel.${row.key}`, { defaultValue: row.key })}
        />
        <BreakdownTable
          title={t('periodicReport.byCategory')}
          rows={report.byCategory}
          labelOf={named}
        />
        <BreakdownTable title={t('periodicReport.byUnit')} rows={report.byUnit} labelOf={named} />
        <BreakdownTable
          title={t('periodicReport.byMonth')}
          rows={report.byMonth}
          labelOf={(row) => row.key}
          withBacklog={false}
        />
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('periodicReport.ageing')}
          </Title>
          <Table>
            <Table.Tbody>
              {report.ageing.map((bucket) => (
                <Table.Tr key={bucket.key}>
                  <Table.Td>{t('periodicReport.ageDays', { key: bucket.key })}</Table.Td>
                  <Table.Td ta="right">
                    <FigureLink
                      figure={bucket.backlog}
                      label={`${t('periodicReport.figures.backlog')}, ${t('periodicReport.ageDays', { key: bucket.key })}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('periodicReport.satisfaction')}
          </Title>
          <Table>
            <Table.Tbody>
              {satisfaction.distribution.map((entry) => (
                <Table.Tr key={entry.rating}>
                  <Table.Td>{t('periodicReport.rating', { rating: entry.rating })}</Table.Td>
                  <Table.Td ta="right">
                    <FigureLink
                      figure={entry.rated}
                      label={t('periodicReport.rating', { rating: entry.rating })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

export default function PeriodicReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('periodicReport.title')} · Khidmat`);
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params);
  const { from, to } = periodDays(choice);
  const validRange = from <= to;
  const query = new URLSearchParams({ from, to }).toString();
  const language = currentLanguage();

  const report = useQuery({
    queryKey: ['reports', 'periodic', from, to],
    queryFn: () => api.get<PeriodicReport>(`/reports/periodic?${query}`),
    enabled: validRange,
  });

  const download = (format: 'xlsx' | 'pdf') =>
    `/api/v1/reports/periodic?${query}&format=${format}&language=${language}`;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('periodicReport.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('periodicReport.intro')}
        </Text>
      </div>
      <PeriodPicker
        choice={choice}
        onChange={(next) => setParams(choiceParams(next), { replace: true })}
      />
      <Group justify="space-between" wrap="wrap">
        <Text fw={500} data-testid="period-shown">
          {t('periodicReport.periodShown', { from: formatDay(from), to: formatDay(to) })}
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            href={download('xlsx')}
            download
            variant="light"
            disabled={!validRange}
          >
            {t('periodicReport.downloadXlsx')}
          </Button>
          <Button
            component="a"
            href={download('pdf')}
            download
            variant="light"
            disabled={!validRange}
          >
            {t('periodicReport.downloadPdf')}
          </Button>
        </Group>
      </Group>
      {!validRange && <Text c="red">{t('periodicReport.invalidRange')}</Text>}
      <ErrorAlert error={report.error} />
      {report.isPending && validRange && <PageLoader />}
      {report.data && <ReportBody report={report.data} />}
      <ReportSubscriptions />
    </Stack>
  );
}
