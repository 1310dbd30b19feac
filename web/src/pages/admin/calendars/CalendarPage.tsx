/**
 * One working calendar: its time zone, weekly office hours (several ranges a day), weekend rules
 * by date, special periods such as Ramadan, the month view, and its holidays, which
 * administrators add, edit and delete.
 */
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { currentLanguage } from '../../../i18n';
import { HolidaysSection } from './HolidaysSection';
import { MonthView } from './MonthView';
import {
  formatLocalDate,
  formatRanges,
  weekdayNumbers,
  type CalendarDetail,
  type WeeklyHours,
} from './types';

function HoursTable({ hours, caption }: { hours: WeeklyHours; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={280}>
      <Table striped captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Tbody>
          {weekdayNumbers.map((weekday) => {
            const ranges = hours[String(weekday)] ?? [];
            return (
              <Table.Tr key={weekday}>
                <Table.Th scope="row" w="40%">
                  {t(`sla.weekday.${weekday}`)}
                </Table.Th>
                <Table.Td>
                  {ranges.length > 0 ? formatRanges(ranges) : t('sla.calendar.noHours')}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RulesSection({ calendar }: { calendar: CalendarDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-rules">
      <Stack gap="md">
        <Title order={2} size="h4" id="calendar-rules">
          {t('sla.calendar.hours')}
        </Title>
        {calendar.weeklyHours.map((rule) => (
          <HoursTable
            key={rule.effectiveFrom}
            hours={rule.hours}
            caption={t('sla.calendar.from', { date: formatLocalDate(rule.effectiveFrom) })}
          />
        ))}
        <Title order={3} size="h5">
          {t('sla.calendar.weekends')}
        </Title>
        <Stack gap={4} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
          {calendar.weekends.map((rule) => (
            <li key={rule.effectiveFrom}>
              <Text size="sm">
                {t('sla.calendar.from', { date: formatLocalDate(rule.effectiveFrom) })}:{' '}
                {rule.weekdays.map((weekday) => t(`sla.weekday.${weekday}`)).join(', ')}
              </Text>
            </li>
          ))}
        </Stack>
        <Title order={3} size="h5">
          {t('sla.calendar.specialPeriods')}
        </Title>
        {calendar.specialPeriods.length === 0 ? (
          <Text size="sm">{t('sla.calendar.noSpecialPeriods')}</Text>
        ) : null}
        {calendar.specialPeriods.map((period) => (
          <HoursTable
            key={period.startDate}
            hours={period.hours}
            caption={`${localName(period, language)}: ${formatLocalDate(period.startDate)} – ${formatLocalDate(period.endDate)}`}
          />
        ))}
      </Stack>
    </Paper>
  );
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const language = currentLanguage();
  const calendar = useQuery({
    queryKey: ['calendars', id],
    queryFn: () => api.get<CalendarDetail>(`/calendars/${encodeURIComponent(id)}`),
  });
  const name = calendar.data ? localName(calendar.data, language) : '';
  useDocumentTitle(`${name || t('sla.calendars.title')} · ${t('app.name')}`);

  return (
    <Stack>
      <Anchor component={Link} to="/admin/calendars" size="sm">
        {t('sla.calendars.back')}
      </Anchor>
      <ErrorAlert error={calendar.error} />
      {calendar.isPending ? <PageLoader /> : null}
      {calendar.data ? (
        <>
          <Group gap="sm" align="center" wrap="wrap">
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            {calendar.data.isDefault ? (
              <Badge variant="light" color="teal">
                {t('sla.calendars.default')}
              </Badge>
            ) : null}
          </Group>
          <Text>{t('sla.calendar.timeZone', { zone: calendar.data.timeZone })}</Text>
          <MonthView calendarId={id} />
          <RulesSection calendar={calendar.data} />
          <HolidaysSection calendarId={id} holidays={calendar.data.holidays} />
        </>
      ) : null}
    </Stack>
  );
}
