/**
 * The reservation calendar: one week, one row per bookable resource, each day listing the times
 * it is reserved. Days start at local midnight in the browser's zone.
 */
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDate } from '../../format';
import type { CalendarWeek } from '../loans/types';

const dayMs = 24 * 60 * 60 * 1000;

function startOfWeek(date: Date): Date {
  const start = new Date(date);
  start.setHours(0, 0, 0, 0);
  // Monday is the first day of the working week.
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}

function timeOf(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export default function CalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('inventory.calendar.title')} · ${t('app.name')}`);
  const [weekStart, setWeekStart] = useState(() => startOfWeek(new Date()));
  const from = weekStart.toISOString();
  const week = useQuery({
    queryKey: ['inventory-calendar', from],
    queryFn: () =>
      api.get<CalendarWeek>(`/inventory/calendar?from=${encodeURIComponent(from)}&days=7`),
  });
  const days = Array.from(
    { length: 7 },
    (_, index) => new Date(weekStart.getTime() + index * dayMs),
  );
  const shift = (weeks: number) => setWeekStart(new Date(weekStart.getTime() + weeks * 7 * dayMs));

  return (
    <Stack>
      <Title order={1}>{t('inventory.calendar.title')}</Title>
      <Group>
        <Button variant="default" onClick={() => shift(-1)}>
          {t('inventory.calendar.previous')}
        </Button>
        <Text>
          {formatDate(days[0]?.toISOString() ?? from)} –{' '}
          {formatDate(days[6]?.toISOString() ?? from)}
        </Text>
        <Button variant="default" onClick={() => shift(1)}>
          {t('inventory.calendar.next')}
        </Button>
      </Group>
      {week.isPending ? <PageLoader /> : null}
      {week.isError ? <ErrorAlert error={week.error} /> : null}
      {week.data ? (
        <Table.ScrollContainer minWidth={900}>
          <Table withColumnBorders aria-label={t('inventory.calendar.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('loans.field.resource')}</Table.Th>
                {days.map((day) => (
                  <Table.Th key={day.toISOString()}>{formatDate(day.toISOString())}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {week.data.resources.map((resource) => (
                <Table.Tr key={resource.id}>
                  <Table.Th scope="row">
                    <Text size="sm" fw={600}>
                      {resource.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {resource.tag}
                    </Text>
                  </Table.Th>
                  {days.map((day) => {
                    const dayEnd = day.getTime() + dayMs;
                    const entries = resource.reservations.filter(
                      (entry) =>
                        Date.parse(entry.startsAt) < dayEnd &&
                        Date.parse(entry.endsAt) > day.getTime(),
                    );
                    return (
                      <Table.Td key={day.toISOString()}>
                        <Stack gap={2}>
                          {entries.map((entry) => (
                            <Badge
                              key={`${entry.startsAt}-${entry.holderReference ?? ''}`}
                              variant="light"
                              radius="sm"
                              style={{ textTransform: 'none' }}
                            >
                              {timeOf(entry.startsAt)}–{timeOf(entry.endsAt)}
                              {entry.holderReference ? ` ${entry.holderReference}` : ''}
                            </Badge>
                          ))}
                        </Stack>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
