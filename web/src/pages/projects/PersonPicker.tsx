/** Picks an active person by part of their name or e-mail from the directory (GET /people). */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';

interface Props {
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
  required?: boolean;
  error?: string;
}

export function PersonPicker({ label, value, onChange, required, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const people = useQuery({
    queryKey: ['people', 'search', query],
    queryFn: () =>
      api.get<{ items: { id: string; name: string; email: string }[] }>(
        `/people?active=true&limit=20&q=${encodeURIComponent(query)}`,
      ),
    enabled: query.length >= 2,
  });

  return (
    <Select
      label={label}
      placeholder={t('projects.records.personPlaceholder')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={(people.data?.items ?? []).map((person) => ({
        value: person.id,
        label: `${person.name} (${person.email})`,
      }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage={query.length >= 2 ? t('projects.records.noMatch') : undefined}
      clearable={!required}
      required={required}
      error={error}
      miw={200}
    />
  );
}
