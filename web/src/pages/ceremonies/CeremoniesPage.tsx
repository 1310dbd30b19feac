/** My event support requests (customers) or every event (support staff), newest first. */
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { isStaff, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { CeremonyStatusBadge } from './CeremonyStatusBadge';
import type { CeremonySummary } from './types';

export default function CeremoniesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const scope = isStaff(me) ? 'all' : 'mine';
  const title = t(`ceremony.list.${scope}`);
  useDocumentTitle(`${title} · ${t('app.name')}`);
  const events = useQuery({
    queryKey: ['ceremonies', scope],
    queryFn: () => api.get<{ items: CeremonySummary[] }>(`/ceremonies?scope=${scope}`),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Button component={Link} to="/ceremonies/new">
          {t('ceremony.request.button')}
        </Button>
      </Group>
      {events.isPending ? <PageLoader /> : null}
      {events.isError ? <ErrorAlert error={events.error} /> : null}
      {events.data && events.data.items.length === 0 ? (
        <Text>{t('ceremony.list.empty')}</Text>
      ) : null}
      {events.data && events.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ceremony.field.reference')}</Table.Th>
                <Table.Th>{t('ceremony.field.title')}</Table.Th>
                <Table.Th>{t('ceremony.field.period')}</Table.Th>
                <Table.Th>{t('ceremony.field.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((event) => (
                <Table.Tr key={event.reference}>
                  <Table.Td>
                    <Anchor component={Link} to={`/ceremonies/${event.reference}`}>
                      {event.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {event.title} · {event.venue}
                  </Table.Td>
                  <Table.Td>
                    {formatDateTime(event.startsAt)} – {formatDateTime(event.endsAt)}
                  </Table.Td>
                  <Table.Td>
                    <CeremonyStatusBadge event={event} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
