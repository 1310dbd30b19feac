/**
 * One month of a calendar, a row per day: its office hours and working time, or why it is not
 * worked (weekend, a named holiday, no office hours), and any special period such as Ramadan.
 */
import { ActionIcon, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { currentLanguage } from '../../../i18n';
import { formatLocalDate, formatRanges, type Month, type MonthDay } from './types';

/** Returns the current year and month in Malaysia. */
function thisMonth(): { year: number; month: number } {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Kuala_Lumpur',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  return { year: year ?? 2026, month: month ?? 1 };
}

function shift(value: { year: number; month: number }, by: number) {
  const index = value.year * 12 + value.month - 1 + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function DayStatus({ day }: { day: MonthDay }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (day.working) {
    return (
      <Text size="sm">
        {formatRanges(day.ranges)}{' '}
        <Text span size="sm" c="dimmed">
          (
          {t('sla.month.workingHours', {
            hours: Math.round((day.workingMinutes / 60) * 100) / 100,
          })}
          )
        </Text>
      </Text>
    );
  }
  if (day.reason === 'holiday') {
    return (
      <Text size="sm" c="red.9" fw={600}>
        {day.holidays.map((holiday) => localName(holiday, language)).join(' · ')}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      {t(`sla.month.reason.${day.reason ?? 'no_hours'}`)}
    </Text>
  );
}

export function MonthView({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [shown, setShown] = useState(thisMonth);
  const month = useQuery({
    queryKey: ['calendars', calendarId, 'month', shown.year, shown.month],
    queryFn: () =>
      api.get<Month>(
        `/calendars/${encodeURIComponent(calendarId)}/month?year=${shown.year}&month=${shown.month}`,
      ),
  });
  const title = t('sla.month.title', {
    month: t(`sla.monthName.${shown.month}`),
    year: shown.year,
  });
  const workedDays = month.data?.days.filter((day) => day.working).length ?? 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-month">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="calendar-month">
            {title}
          </Title>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              aria-label={t('sla.month.previous')}
              onClick={() => setShown((value) => shift(value, -1))}
            >
              ‹
            </ActionIcon>
            <ActionIcon
              variant="default"
              aria-label={t('sla.month.next')}
              onClick={() => setShown((value) => shift(value, 1))}
            >
              ›
            </ActionIcon>
          </Group>
        </Group>
        <ErrorAlert error={month.error} />
        {month.isPending ? <PageLoader /> : null}
        {month.data ? (
          <>
            <Text size="sm">{t('sla.month.workedDays', { count: workedDays })}</Text>
            <Table.ScrollContainer minWidth={300}>
              <Table striped withRowBorders={false} verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sla.month.day')}</Table.Th>
                    <Table.Th>{t('sla.month.hours')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {month.data.days.map((day) => (
                    <Table.Tr key={day.date} bg={day.working ? undefined : 'gray.1'}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm" fw={500}>
                          {t(`sla.weekdayShort.${day.weekday}`)} {formatLocalDate(day.date)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="wrap">
                          <DayStatus day={day} />
                          {day.specialPeriod ? (
                            <Badge size="sm" variant="light" color="grape">
                              {localName(day.specialPeriod, language)}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
