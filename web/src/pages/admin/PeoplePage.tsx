/**
 * People: search by name or e-mail, filter by role, 25 at a time (keyset paging), and open one
 * to change their roles, units and status, unlock the account or reset the password.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../common/enums';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PersonModal } from './PersonModal';
import { ReadOnlyNotice, useCanManage, type Person, type PersonPage } from './shared';
import { useAllUnits } from './useUnits';

const pageSize = 25;

export default function PeoplePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('admin.people.title')} · ${t('app.name')}`);
  const canManage = useCanManage();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [q] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const units = useAllUnits();

  const people = useInfiniteQuery({
    queryKey: ['admin', 'people', q, role],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (q) query.set('q', q);
      if (role) query.set('role', role);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<PersonPage>(`/people?${query.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = people.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('admin.people.title')}</Title>
        {canManage ? (
          <Button onClick={() => setEditing('new')}>{t('admin.people.create')}</Button>
        ) : null}
      </Group>
      <ReadOnlyNotice />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('admin.people.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Select
          label={t('admin.people.role')}
          placeholder={t('admin.common.any')}
          data={roles.map((value) => ({ value, label: t(`admin.roles.${value}`) }))}
          value={role}
          onChange={setRole}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
      </SimpleGrid>
      <ErrorAlert error={people.error ?? units.error} />
      {people.isPending ? <PageLoader /> : null}
      {people.isSuccess && items.length === 0 ? <Text>{t('admin.people.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((person) => (
          <Card key={person.id} withBorder component="li" padding="sm">
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                <UnstyledButton
                  onClick={() => setEditing(person)}
                  style={{ alignSelf: 'flex-start' }}
                >
                  <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
                    {person.name}
                  </Text>
                </UnstyledButton>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {person.email}
                </Text>
                {person.units.length > 0 ? (
                  <Text size="sm" c="dimmed">
                    {person.units
                      .map((unit) =>
                        unit.role === 'head'
                          ? `${unit.code} (${t('admin.units.head')})`
                          : unit.code,
                      )
                      .join(' · ')}
                  </Text>
                ) : null}
              </Stack>
              <Group gap={4} style={{ flex: '0 1 auto' }}>
                {person.roles.map((value) => (
                  <Badge key={value} variant="light" color="blue">
                    {t(`admin.roles.${value}`)}
                  </Badge>
                ))}
                {person.active ? null : (
                  <Badge variant="filled" color="gray.8">
                    {t('admin.common.inactive')}
                  </Badge>
                )}
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      {people.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void people.fetchNextPage()}
          loading={people.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('admin.common.loadMore')}
        </Button>
      ) : null}
      {editing ? (
        <PersonModal
          person={editing === 'new' ? null : editing}
          units={units.data?.items ?? []}
          readOnly={!canManage}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
