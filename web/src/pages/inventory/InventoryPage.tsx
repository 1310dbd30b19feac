/** The ICT inventory (inventori ICT): every resource with its status, condition and location. */
import { Anchor, Badge, Stack, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import type { Resource } from '../loans/types';

export default function InventoryPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('inventory.title')} · ${t('app.name')}`);
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const resources = useQuery({
    queryKey: ['inventory', query],
    queryFn: () =>
      api.get<{ items: Resource[] }>(
        `/inventory?limit=200${query ? `&q=${encodeURIComponent(query)}` : ''}`,
      ),
  });

  return (
    <Stack>
      <Title order={1}>{t('inventory.title')}</Title>
      <TextInput
        label={t('inventory.search')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={360}
      />
      {resources.isPending ? <PageLoader /> : null}
      {resources.isError ? <ErrorAlert error={resources.error} /> : null}
      {resources.data ? (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inventory.field.tag')}</Table.Th>
                <Table.Th>{t('inventory.field.name')}</Table.Th>
                <Table.Th>{t('inventory.field.location')}</Table.Th>
                <Table.Th>{t('inventory.field.status')}</Table.Th>
                <Table.Th>{t('inventory.field.condition')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {resources.data.items.map((resource) => (
                <Table.Tr key={resource.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/inventory/${resource.id}`}>
                      {resource.tag}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{resource.name}</Table.Td>
                  <Table.Td>{resource.location}</Table.Td>
                  <Table.Td>
                    <Badge>{t(`inventory.status.${resource.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{t(`loans.condition.${resource.condition}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
