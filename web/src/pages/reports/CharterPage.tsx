/**
 * The client charter report: for a month, half-year, year or range of dates, the share of cases
 * that met each target per priority, unit and category. Every count opens the list of its cases;
 * the report downloads as CSV or XLSX.
 */
import {
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { CharterOutcome, CharterTarget } from '../../../../activities/reports/charter';
import type { charterCasesSchema, charterReportSchema } from '../../../../api/schemas/reports';
import { api } from '../../api/client';
import { localName } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

type Report = z.infer<typeof charterReportSchema>;
type ReportRow = Report['rows'][number];
type Counts = ReportRow['firstResponse'];
type CaseList = z.infer<typeof charterCasesSchema>;

type PeriodKind = 'month' | 'half' | 'year' | 'range';

interface Drill {
  target: CharterTarget;
  outcome: CharterOutcome;
  row: ReportRow | null;
}

const currentYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur', year: 'numeric' }).format(
    new Date(),
  ),
);

function periodQuery(
  kind: PeriodKind,
  values: { year: number; month: number; half: number; from: string; to: string },
) {
  const params = new URLSearchParams();
  if (kind === 'range') {
    params.set('from', values.from);
    params.set('to', values.to);
  } else {
    params.set('year', String(values.year));
    if (kind === 'month') params.set('month', String(values.month));
    if (kind === 'half') params.set('half', String(values.half));
  }
  return params;
}

function groupQuery(params: URLSearchParams, row: ReportRow | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (row) {
    next.set('priority', String(row.priority));
    next.set('unitId', row.unit?.id ?? 'none');
    next.set('categoryId', row.category?.id ?? 'none');
  }
  return next;
}

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 1000) / 10} %`;
}

function CountButton({
  value,
  label,
  onOpen,
}: {
  value: number;
  label: string;
  onOpen: () => void;
}) {
  if (value === 0) return <Text size="sm">0</Text>;
  return (
    <UnstyledButton onClick={onOpen} aria-label={label}>
      <Text size="sm" c="blue.8" td="underline">
        {value}
      </Text>
    </UnstyledButton>
  );
}

function TargetCells({
  counts,
  target,
  row,
  onDrill,
}: {
  counts: Counts;
  target: CharterTarget;
  row: ReportRow | null;
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useTranslation();
  const outcomes: Array<[CharterOutcome, number]> = [
    ['met', counts.met],
    ['breached', counts.breached],
    ['pending', counts.pending],
  ];
  return (
    <>
      <Table.Td fw={600}>{percent(counts.share)}</Table.Td>
      {outcomes.map(([outcome, value]) => (
        <Table.Td key={outcome}>
          <CountButton
            value={value}
            label={t('sla.charter.openList', {
              count: value,
              outcome: t(`sla.charter.outcome.${outcome}`),
              target: t(`sla.target.${target}`),
            })}
            onOpen={() => onDrill({ target, outcome, row })}
          />
        </Table.Td>
      ))}
    </>
  );
}

function DrillModal({
  drill,
  params,
  onClose,
}: {
  drill: Drill;
  params: URLSearchParams;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const query = groupQuery(params, drill.row);
  query.set('target', drill.target);
  query.set('outcome', drill.outcome);
  const list = useQuery({
    queryKey: ['reports', 'charter', 'cases', query.toString()],
    queryFn: () => api.get<CaseList>(`/reports/charter/cases?${query.toString()}`),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': t('sla.common.close') }}
      title={t('sla.charter.listTitle', {
        outcome: t(`sla.charter.outcome.${drill.outcome}`),
        target: t(`sla.target.${drill.target}`),
      })}
    >
      <ErrorAlert error={list.error} />
      {list.isPending ? <PageLoader /> : null}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.data?.items.map((item) => (
          <li key={item.reference}>
            <Anchor component={Link} to={`/cases/${item.reference}`} fw={600}>
              {item.reference}
            </Anchor>{' '}
            <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
              {item.title}
            </Text>
            <Text size="xs" c="dimmed">
              {t('sla.charter.caseTimes', {
                opened: formatDateTime(item.openedAt),
                due: item.dueAt ? formatDateTime(item.dueAt) : '—',
                met: item.metAt ? formatDateTime(item.metAt) : '—',
              })}
            </Text>
          </li>
        ))}
      </Stack>
    </Modal>
  );
}

function ReportTable({ report, onDrill }: { report: Report; onDrill: (drill: Drill) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const targetHeaders = (target: CharterTarget) => (
    <>
      <Table.Th>{t(`sla.target.${target}`)}</Table.Th>
      <Table.Th>{t('sla.charter.outcome.met')}</Table.Th>
      <Table.Th>{t('sla.charter.outcome.breached')}</Table.Th>
      <Table.Th>{t('sla.charter.outcome.pending')}</Table.Th>
    </>
  );
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sla.charter.priority')}</Table.Th>
            <Table.Th>{t('sla.charter.unit')}</Table.Th>
            <Table.Th>{t('sla.charter.category')}</Table.Th>
            <Table.Th>{t('sla.charter.cases')}</Table.Th>
            {targetHeaders('first_response')}
            {targetHeaders('resolution')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Table.Tr key={`${row.priority}-${row.unit?.id ?? ''}-${row.category?.id ?? ''}`}>
              <Table.Td>P{row.priority}</Table.Td>
              <Table.Td>
                {row.unit ? localName(row.unit, language) : t('sla.charter.none')}
              </Table.Td>
              <Table.Td>
                {row.category ? localName(row.category, language) : t('sla.charter.none')}
              </Table.Td>
              <Table.Td>{row.cases}</Table.Td>
              <TargetCells
                counts={row.firstResponse}
                target="first_response"
                row={row}
                onDrill={onDrill}
              />
              <TargetCells
                counts={row.resolution}
                target="resolution"
                row={row}
                onDrill={onDrill}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={3}>{t('sla.charter.total')}</Table.Th>
            <Table.Th>{report.totals.cases}</Table.Th>
            <TargetCells
              counts={report.totals.firstResponse}
              target="first_response"
              row={null}
              onDrill={onDrill}
            />
            <TargetCells
              counts={report.totals.resolution}
              target="resolution"
              row={null}
              onDrill={onDrill}
            />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function CharterPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('sla.charter.title')} · ${t('app.name')}`);
  const [kind, setKind] = useState<PeriodKind>('month');
  const [year, setYear] = useState(currentYear);
  const [month, setMonth] = useState(1);
  const [half, setHalf] = useState(1);
  const [from, setFrom] = useState(`${currentYear}-01-01`);
  const [to, setTo] = useState(`${currentYear}-12-31`);
  const [drill, setDrill] = useState<Drill | null>(null);
  const params = periodQuery(kind, { year, month, half, from, to });
  const report = useQuery({
    queryKey: ['reports', 'charter', params.toString()],
    queryFn: () => api.get<Report>(`/reports/charter?${params.toString()}`),
  });
  const download = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams(params);
    query.set('format', format);
    return `/api/v1/reports/charter?${query.toString()}`;
  };

  return (
    <Stack>
      <Title order={1}>{t('sla.charter.title')}</Title>
      <Text c="dimmed">{t('sla.charter.intro')}</Text>
      <Paper withBorder p="md" component="section" aria-label={t('sla.charter.filters')}>
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('sla.charter.periodKind')}
            value={kind}
            onChange={(value) => setKind(value)}
            data={(['month', 'half', 'year', 'range'] as const).map((value) => ({
              value,
              label: t(`sla.charter.period.${value}`),
            }))}
            style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
          />
          <Group gap="sm" align="flex-end" wrap="wrap">
            {kind === 'range' ? (
              <>
                <TextInput
                  type="date"
                  label={t('sla.charter.from')}
                  value={from}
                  onChange={(event) => setFrom(event.currentTarget.value)}
                />
                <TextInput
                  type="date"
                  label={t('sla.charter.to')}
                  value={to}
                  onChange={(event) => setTo(event.currentTarget.value)}
                />
              </>
            ) : (
              <NumberInput
                label={t('sla.charter.year')}
                value={year}
                min={2000}
                max={2100}
                w={110}
                onChange={(value) => setYear(Number(value) || currentYear)}
              />
            )}
            {kind === 'month' ? (
              <Select
                label={t('sla.charter.month')}
                w={160}
                allowDeselect={false}
                value={String(month)}
                onChange={(value) => setMonth(Number(value ?? 1))}
                data={Array.from({ length: 12 }, (_, index) => ({
                  value: String(index + 1),
                  label: t(`sla.monthName.${index + 1}`),
                }))}
              />
            ) : null}
            {kind === 'half' ? (
              <Select
                label={t('sla.charter.half')}
                w={200}
                allowDeselect={false}
                value={String(half)}
                onChange={(value) => setHalf(Number(value ?? 1))}
                data={[
                  { value: '1', label: t('sla.charter.halfOf.1') },
                  { value: '2', label: t('sla.charter.halfOf.2') },
                ]}
              />
            ) : null}
          </Group>
          <Group gap="sm">
            <Button component="a" href={download('csv')} variant="light">
              {t('sla.charter.downloadCsv')}
            </Button>
            <Button component="a" href={download('xlsx')} variant="light">
              {t('sla.charter.downloadXlsx')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <ErrorAlert error={report.error} />
      {report.isPending ? <PageLoader /> : null}
      {report.data && report.data.rows.length === 0 ? <Text>{t('sla.charter.empty')}</Text> : null}
      {report.data && report.data.rows.length > 0 ? (
        <ReportTable report={report.data} onDrill={setDrill} />
      ) : null}
      {drill ? <DrillModal drill={drill} params={params} onClose={() => setDrill(null)} /> : null}
    </Stack>
  );
}
