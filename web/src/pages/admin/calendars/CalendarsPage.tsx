/** The working calendars: one card per calendar, linking to its details and month view. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { currentLanguage } from '../../../i18n';
import type { CalendarSummary } from './types';

export default function CalendarsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('sla.calendars.title')} · ${t('app.name')}`);
  const language = currentLanguage();
  const calendars = useQuery({
    queryKey: ['calendars'],
    queryFn: () => api.get<{ items: CalendarSummary[] }>('/calendars'),
  });

  return (
    <Stack>
      <Title order={1}>{t('sla.calendars.title')}</Title>
      <Text c="dimmed">{t('sla.calendars.intro')}</Text>
      <ErrorAlert error={calendars.error} />
      {calendars.isPending ? <PageLoader /> : null}
      {calendars.data?.items.length === 0 ? <Text>{t('sla.calendars.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {calendars.data?.items.map((calendar) => (
          <Card key={calendar.id} withBorder component="li" padding="sm">
            <Group justify="space-between" gap="sm">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/admin/calendars/${calendar.id}`} fw={600}>
                  {localName(calendar, language)}
                </Anchor>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {calendar.code} · {calendar.timeZone}
                </Text>
              </Stack>
              {calendar.isDefault ? (
                <Badge variant="light" color="teal">
                  {t('sla.calendars.default')}
                </Badge>
              ) : null}
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
