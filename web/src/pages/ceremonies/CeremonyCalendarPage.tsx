/** The events calendar: one week at a time, events listed under each day of the week. */
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDate, formatDateTime } from '../../format';
import { CeremonyStatusBadge } from './CeremonyStatusBadge';
import type { CeremonySummary } from './types';

const dayMs = 24 * 60 * 60 * 1000;

/** Returns local midnight of the Monday of the week that contains the date. */
function mondayOf(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const offset = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - offset);
  return start;
}

export default function CeremonyCalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('ceremony.calendar.title')} · ${t('app.name')}`);
  const [weekStart, setWeekStart] = useState(() => mondayOf(new Date()));
  const weekEnd = new Date(weekStart.getTime() + 7 * dayMs);
  const events = useQuery({
    queryKey: ['ceremonies', 'calendar', weekStart.toISOString()],
    queryFn: () =>
      api.get<{ items: CeremonySummary[] }>(
        `/ceremonies/calendar?from=${encodeURIComponent(weekStart.toISOString())}&to=${encodeURIComponent(weekEnd.toISOString())}`,
      ),
  });
  const shiftWeek = (weeks: number) => {
    const next = new Date(weekStart);
    next.setDate(next.getDate() + weeks * 7);
    setWeekStart(next);
  };
  const days = Array.from({ length: 7 }, (_, index) => {
    const day = new Date(weekStart);
    day.setDate(day.getDate() + index);
    return day;
  });

  return (
    <Stack>
      <Title order={1}>{t('ceremony.calendar.title')}</Title>
      <Group justify="space-between">
        <Button variant="default" onClick={() => shiftWeek(-1)}>
          {t('ceremony.calendar.previous')}
        </Button>
        <Text fw={600}>
          {t('ceremony.calendar.week', {
            from: formatDate(weekStart.toISOString()),
            to: formatDate(new Date(weekEnd.getTime() - dayMs).toISOString()),
          })}
        </Text>
        <Button variant="default" onClick={() => shiftWeek(1)}>
          {t('ceremony.calendar.next')}
        </Button>
      </Group>
      {events.isPending ? <PageLoader /> : null}
      {events.isError ? <ErrorAlert error={events.error} /> : null}
      {events.data && events.data.items.length === 0 ? (
        <Text>{t('ceremony.calendar.empty')}</Text>
      ) : null}
      {events.data
        ? days.map((day) => {
            const next = new Date(day);
            next.setDate(next.getDate() + 1);
            const onDay = events.data.items.filter(
              (event) =>
                Date.parse(event.startsAt) < next.getTime() &&
                Date.parse(event.endsAt) > day.getTime(),
            );
            if (onDay.length === 0) return null;
            return (
              <Stack key={day.toISOString()} gap="xs">
                <Title order={2} size="h4">
                  {formatDate(day.toISOString())}
                </Title>
                {onDay.map((event) => (
                  <Paper key={event.reference} withBorder p="sm">
                    <Group justify="space-between" wrap="wrap">
                      <Stack gap={2}>
                        <Anchor component={Link} to={`/ceremonies/${event.reference}`}>
                          {event.title}
                        </Anchor>
                        <Text size="sm">
                          {formatDateTime(event.startsAt)} – {formatDateTime(event.endsAt)} ·{' '}
                          {event.venue}
                        </Text>
                      </Stack>
                      <CeremonyStatusBadge event={event} />
                    </Group>
                  </Paper>
                ))}
              </Stack>
            );
          })
        : null}
    </Stack>
  );
}
