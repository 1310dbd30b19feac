/**
 * The service-level clock of a case, explained per target: its state, the working time used and
 * left, and a compact timeline. The timeline shows when the clock ran, when it was paused
 * (waiting for the customer or a supplier) and which time it skipped: outside office hours,
 * weekend, a named holiday, a break or Ramadan hours. Reads GET /cases/{reference}/clock and shows
 * it in the reader's language.
 */
import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { caseClockSchema } from '../../../api/schemas/clock';
import { api } from '../api/client';
import { formatDateTime } from '../format';
import { currentLanguage } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

type CaseClock = z.infer<typeof caseClockSchema>;
type TargetClock = CaseClock['targets'][number];
type Span = TargetClock['spans'][number];

/** Spans shown before "show all"; a case open for weeks has several spans a day. */
const visibleSpans = 12;

const stateColours: Record<TargetClock['state'], string> = {
  running: 'blue',
  paused: 'gray',
  met: 'teal',
  breached: 'red',
  no_target: 'gray',
};

const spanColours: Record<Span['kind'], string> = {
  running: 'blue.9',
  paused: 'grape.8',
  skipped: 'gray.7',
};

function useSpanLabel() {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (span: Span): string => {
    if (span.kind === 'running') return t('sla.clock.running');
    if (span.kind === 'paused') return t(`sla.clock.paused.${span.waitingFor}`);
    const names = span.holidays.map((holiday) =>
      language === 'ms' ? holiday.nameMs : holiday.nameEn,
    );
    const period = span.specialPeriod
      ? language === 'ms'
        ? span.specialPeriod.nameMs
        : span.specialPeriod.nameEn
      : '';
    return t(`sla.clock.skipped.${span.reason}`, { names: names.join(', '), period });
  };
}

function formatMinutes(
  t: (key: string, options?: Record<string, unknown>) => string,
  minutes: number,
) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('sla.duration.minutes', { count: rest });
  if (rest === 0) return t('sla.duration.hours', { count: hours });
  return `${t('sla.duration.hours', { count: hours })} ${t('sla.duration.minutes', { count: rest })}`;
}

function TargetTimeline({ clock }: { clock: TargetClock }) {
  const { t } = useTranslation();
  const label = useSpanLabel();
  const [showAll, setShowAll] = useState(false);
  const spans = showAll ? clock.spans : clock.spans.slice(-visibleSpans);
  const hidden = clock.spans.length - spans.length;

  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Title order={3} size="h5">
          {t(`sla.target.${clock.target}`)}
        </Title>
        <Badge color={stateColours[clock.state]} variant="light">
          {t(`sla.state.${clock.state}`)}
        </Badge>
      </Group>
      <Text size="sm">
        {clock.dueAt
          ? t('sla.clock.due', { time: formatDateTime(clock.dueAt) })
          : t('sla.clock.noDue')}
        {' · '}
        {t('sla.clock.elapsed', { time: formatMinutes(t, clock.elapsedMinutes) })}
        {clock.remainingMinutes !== null
          ? ` · ${t('sla.clock.remaining', { time: formatMinutes(t, clock.remainingMinutes) })}`
          : ''}
        {clock.pausedMinutes > 0
          ? ` · ${t('sla.clock.pausedTotal', { time: formatMinutes(t, clock.pausedMinutes) })}`
          : ''}
      </Text>
      {hidden > 0 ? (
        <Text
          size="sm"
          c="blue.8"
          td="underline"
          component="button"
          type="button"
          style={{
            background: 'none',
            border: 0,
            padding: 0,
            cursor: 'pointer',
            textAlign: 'left',
          }}
          onClick={() => setShowAll(true)}
        >
          {t('sla.clock.showAll', { count: hidden })}
        </Text>
      ) : null}
      <List size="sm" spacing={2} listStyleType="none" styles={{ root: { paddingLeft: 0 } }}>
        {spans.map((span) => (
          <List.Item key={`${span.kind}-${span.start}`}>
            <Text size="sm" span c="dimmed">
              {formatDateTime(span.start)} – {formatDateTime(span.end)}
            </Text>{' '}
            <Text
              size="sm"
              span
              c={spanColours[span.kind]}
              fw={span.kind === 'running' ? 600 : 400}
            >
              {label(span)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

export function ClockTimeline({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const clock = useQuery({
    queryKey: ['cases', reference, 'clock'],
    queryFn: () => api.get<CaseClock>(`/cases/${encodeURIComponent(reference)}/clock`),
  });
  const targets = clock.data?.targets.filter((target) => target.state !== 'no_target') ?? [];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-clock">
      <Title order={2} size="h4" id="case-clock" mb="sm">
        {t('sla.clock.title')}
      </Title>
      <ErrorAlert error={clock.error} />
      {clock.data && targets.length === 0 ? <Text>{t('sla.clock.none')}</Text> : null}
      <Stack gap="md">
        {targets.map((target) => (
          <TargetTimeline key={target.target} clock={target} />
        ))}
      </Stack>
    </Paper>
  );
}
