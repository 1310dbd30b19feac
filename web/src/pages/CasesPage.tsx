/**
 * The cases a person may see, newest first, one page of 20 at a time (keyset paging with
 * nextCursor). For a customer these are their own cases ("my cases").
 */
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { CasePage } from '../api/types';
import { isStaff, useSession } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageLoader } from '../components/PageLoader';
import { StatusBadge } from '../components/StatusBadge';
import { formatDateTime } from '../format';

const pageSize = 20;

export default function CasesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const staff = isStaff(me);
  const heading = staff ? t('cases.list.staffTitle') : t('cases.list.title');
  useDocumentTitle(`${heading} · ${t('app.name')}`);

  const cases = useInfiniteQuery({
    queryKey: ['cases', 'list'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize), sort: 'opened' });
      if (pageParam) query.set('cursor', pageParam);
      return api.get<CasePage>(`/cases?${query.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{heading}</Title>
        {staff ? null : (
          <Button component={Link} to="/cases/new">
            {t('nav.newComplaint')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={cases.error} />
      {cases.isPending ? <PageLoader /> : null}
      {cases.isSuccess && items.length === 0 ? <Text>{t('cases.list.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <Card key={item.reference} withBorder component="li" padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/cases/${item.reference}`} fw={600}>
                  {item.reference}
                </Anchor>
                <Text style={{ overflowWrap: 'anywhere' }}>{item.title}</Text>
                <Text size="sm" c="dimmed">
                  {t('cases.list.openedAt', { date: formatDateTime(item.openedAt) })}
                </Text>
              </Stack>
              <StatusBadge status={item.status} />
            </Group>
          </Card>
        ))}
      </Stack>
      {cases.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void cases.fetchNextPage()}
          loading={cases.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('cases.list.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
