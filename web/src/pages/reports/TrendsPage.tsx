/**
 * Complaint trend analysis: a week picker, the series flagged with a significant rise (their last
 * 12 weekly counts against the expected count), every series tested that week, the repeated faults,
 * and the corrective-action candidates, which managers, auditors and administrators may raise.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import { formatDay, malaysianToday } from './periodic-period';

const dimensions = ['category', 'service', 'unit'] as const;
type Dimension = (typeof dimensions)[number];

/** One series of GET /reports/trends. */
interface TrendResult {
  key: string;
  labelMs: string | null;
  labelEn: string | null;
  observed: number;
  previous: number;
  expected: number;
  basis: 'seasonal' | 'recent';
  pValue: number;
  threshold: number;
  flagged: boolean;
  recentWeeks: number[];
}

interface RepeatedFault {
  serviceId: string;
  serviceMs: string;
  serviceEn: string;
  requesterId: string;
  requesterName: string;
  count: number;
  caseReferences: string[];
}

interface TrendsResponse {
  weekStart: string;
  dimension: Dimension;
  results: TrendResult[];
  repeatedFaults: { windowDays: number; minCases: number; groups: RepeatedFault[] };
}

interface Candidate {
  id: string;
  dimension: string;
  seriesKey: string;
  weekStart: string;
  observed: number;
  expected: number;
  status: string;
  labelMs: string | null;
  labelEn: string | null;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Returns the calendar day `days` after `day` (both YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

const decimal = (value: number) => (Math.round(value * 10) / 10).toString();
const scientific = (value: number) => (value < 0.001 ? value.toExponential(1) : value.toFixed(3));

function useLabel() {
  const { t } = useTranslation();
  const english = currentLanguage() === 'en';
  return (item: { labelMs: string | null; labelEn: string | null }) =>
    (english ? item.labelEn : item.labelMs) ?? t('reports.trends.unnamed');
}

function FlaggedSeries({
  result,
  weekStart,
  dimension,
  canRaise,
}: {
  result: TrendResult;
  weekStart: string;
  dimension: Dimension;
  canRaise: boolean;
}) {
  const { t } = useTranslation();
  const label = useLabel()(result);
  const queryClient = useQueryClient();
  const raise = useMutation({
    mutationFn: () =>
      api.post<Candidate>('/reports/trends/candidates', {
        dimension,
        key: result.key,
        week: weekStart,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reports', 'trend-candidates'] }),
  });
  const firstWeek = addDays(weekStart, -7 * (result.recentWeeks.length - 1));
  const data = result.recentWeeks.map((count, index) => ({
    week: formatDay(addDays(firstWeek, 7 * index)).slice(0, 5),
    count,
  }));

  return (
    <Paper withBorder p="sm" component="section" aria-label={label}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={3} size="h5">
          {label}
        </Title>
        <Badge color="red">{t('reports.trends.flag')}</Badge>
      </Group>
      <Text size="sm" mt={4}>
        {t('reports.trends.flagSummary', {
          observed: result.observed,
          expected: decimal(result.expected),
          basis: t(`reports.trends.basis.${result.basis}`),
          pValue: scientific(result.pValue),
          threshold: scientific(result.threshold),
        })}
      </Text>
      <Text size="xs" c="dimmed" mt="xs">
        {t('reports.trends.chartLabel')}
      </Text>
      <BarChart
        h={180}
        data={data}
        dataKey="week"
        referenceLines={[
          {
            y: result.expected,
            color: 'orange.7',
            label: `${t('reports.trends.expected')} ${decimal(result.expected)}`,
          },
        ]}
        series={[{ name: 'count', label: t('reports.trends.weekCount'), color: 'blue.6' }]}
      />
      {canRaise && (
        <Stack gap={4} mt="xs" align="flex-start">
          <Button
            size="xs"
            onClick={() => raise.mutate()}
            loading={raise.isPending}
            disabled={raise.isSuccess}
          >
            {t('reports.trends.raise')}
          </Button>
          {raise.isSuccess && (
            <Text size="sm" fw={500} role="status">
              {t('reports.trends.raised')}
            </Text>
          )}
          <ErrorAlert error={raise.error} />
        </Stack>
      )}
    </Paper>
  );
}

function SeriesTable({ results }: { results: TrendResult[] }) {
  const { t } = useTranslation();
  const labelOf = useLabel();
  if (results.length === 0) return <Text c="dimmed">{t('reports.trends.noSeries')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped fz="sm" horizontalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.trends.series')}</Table.Th>
            <Table.Th ta="right">{t('reports.trends.observed')}</Table.Th>
            <Table.Th ta="right">{t('reports.trends.previous')}</Table.Th>
            <Table.Th ta="right">{t('reports.trends.expected')}</Table.Th>
            <Table.Th ta="right">{t('reports.trends.pValue')}</Table.Th>
            <Table.Th>{t('reports.trends.flag')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((result) => (
            <Table.Tr key={result.key}>
              <Table.Td>{labelOf(result)}</Table.Td>
              <Table.Td ta="right">{result.observed}</Table.Td>
              <Table.Td ta="right">{result.previous}</Table.Td>
              <Table.Td ta="right">{decimal(result.expected)}</Table.Td>
              <Table.Td ta="right">{scientific(result.pValue)}</Table.Td>
              <Table.Td>
                {result.flagged ? t('reports.trends.yes') : t('reports.trends.no')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RepeatedFaults({ repeated }: { repeated: TrendsResponse['repeatedFaults'] }) {
  const { t } = useTranslation();
  const english = currentLanguage() === 'en';
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4">
        {t('reports.trends.repeated.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('reports.trends.repeated.rule', {
          minCases: repeated.minCases,
          days: repeated.windowDays,
        })}
      </Text>
      {repeated.groups.length === 0 ? (
        <Text c="dimmed">{t('reports.trends.repeated.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped fz="sm" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.trends.repeated.service')}</Table.Th>
                <Table.Th>{t('reports.trends.repeated.requester')}</Table.Th>
                <Table.Th ta="right">{t('reports.trends.repeated.count')}</Table.Th>
                <Table.Th>{t('reports.trends.repeated.cases')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {repeated.groups.map((group) => (
                <Table.Tr key={`${group.serviceId}:${group.requesterId}`}>
                  <Table.Td>{english ? group.serviceEn : group.serviceMs}</Table.Td>
                  <Table.Td>{group.requesterName}</Table.Td>
                  <Table.Td ta="right">{group.count}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      {group.caseReferences.map((reference) => (
                        <Anchor key={reference} component={Link} to={`/cases/${reference}`}>
                          {reference}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Candidates() {
  const { t } = useTranslation();
  const labelOf = useLabel();
  const candidates = useQuery({
    queryKey: ['reports', 'trend-candidates'],
    queryFn: () => api.get<{ items: Candidate[] }>('/reports/trends/candidates'),
  });
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h4" mb="xs">
        {t('reports.trends.candidates.title')}
      </Title>
      <ErrorAlert error={candidates.error} />
      {candidates.data && candidates.data.items.length === 0 && (
        <Text c="dimmed">{t('reports.trends.candidates.none')}</Text>
      )}
      {candidates.data && candidates.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped fz="sm" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.trends.candidates.weekStart')}</Table.Th>
                <Table.Th>{t('reports.trends.candidates.series')}</Table.Th>
                <Table.Th ta="right">{t('reports.trends.candidates.observedExpected')}</Table.Th>
                <Table.Th>{t('reports.trends.candidates.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {candidates.data.items.map((candidate) => (
                <Table.Tr key={candidate.id}>
                  <Table.Td>{formatDay(candidate.weekStart)}</Table.Td>
                  <Table.Td>
                    {labelOf(candidate)} (
                    {t(`reports.trends.dimensions.${candidate.dimension}`, {
                      defaultValue: candidate.dimension,
                    })}
                    )
                  </Table.Td>
                  <Table.Td ta="right">
                    {candidate.observed} / {decimal(candidate.expected)}
                  </Table.Td>
                  <Table.Td>
                    {t(`reports.trends.candidates.statuses.${candidate.status}`, {
                      defaultValue: candidate.status,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function readDimension(value: string | null): Dimension {
  return dimensions.find((dimension) => dimension === value) ?? 'category';
}

export default function TrendsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('reports.trends.title')} · Khidmat`);
  const { me } = useSession();
  const canRaise = hasRole(me, 'manager', 'auditor', 'admin');
  const [params, setParams] = useSearchParams();
  const dimension = readDimension(params.get('dimension'));
  const weekParam = params.get('week');
  const week = weekParam && /^\d{4}-\d{2}-\d{2}$/.test(weekParam) ? weekParam : malaysianToday();
  const choose = (next: { dimension?: Dimension; week?: string }) =>
    setParams(
      { dimension: next.dimension ?? dimension, week: next.week ?? week },
      { replace: true },
    );

  const trends = useQuery({
    queryKey: ['reports', 'trends', dimension, week],
    queryFn: () =>
      api.get<TrendsResponse>(
        `/reports/trends?${new URLSearchParams({ dimension, week }).toString()}`,
      ),
  });
  const data = trends.data;
  const flagged = data?.results.filter((result) => result.flagged) ?? [];

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('reports.trends.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('reports.trends.intro')}
        </Text>
      </div>
      <SegmentedControl
        aria-label={t('reports.trends.dimension')}
        value={dimension}
        onChange={(value) => choose({ dimension: readDimension(value) })}
        data={dimensions.map((value) => ({
          value,
          label: t(`reports.trends.dimensions.${value}`),
        }))}
        fullWidth
      />
      <Group align="flex-end" wrap="wrap" gap="xs">
        <TextInput
          type="date"
          label={t('reports.trends.week')}
          value={week}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value) choose({ week: value });
          }}
        />
        <Button variant="default" onClick={() => choose({ week: addDays(week, -7) })}>
          {t('reports.trends.previousWeek')}
        </Button>
        <Button variant="default" onClick={() => choose({ week: addDays(week, 7) })}>
          {t('reports.trends.nextWeek')}
        </Button>
      </Group>
      {data && (
        <Text fw={500} data-testid="week-shown">
          {t('reports.trends.weekShown', {
            from: formatDay(data.weekStart),
            to: formatDay(addDays(data.weekStart, 6)),
          })}
        </Text>
      )}
      <ErrorAlert error={trends.error} />
      {trends.isPending && <PageLoader />}
      {data && (
        <>
          <Title order={2} size="h4">
            {t('reports.trends.flagged')}
          </Title>
          {flagged.length === 0 ? (
            <Text c="dimmed">{t('reports.trends.noneFlagged')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {flagged.map((result) => (
                <FlaggedSeries
                  key={result.key}
                  result={result}
                  weekStart={data.weekStart}
                  dimension={data.dimension}
                  canRaise={canRaise}
                />
              ))}
            </SimpleGrid>
          )}
          <Text size="xs" c="dimmed">
            {t('reports.trends.methodNote')}
          </Text>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              {t('reports.trends.allSeries')}
            </Title>
            <SeriesTable results={data.results} />
          </Paper>
          <RepeatedFaults repeated={data.repeatedFaults} />
        </>
      )}
      {canRaise && <Candidates />}
    </Stack>
  );
}
