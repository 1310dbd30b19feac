/**
 * A select of one active person, found by typing part of a name or e-mail address. The people API
 * is searched as the administrator types, and a person already chosen is read by id for the name.
 */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Person, PersonPage } from '../shared';

interface Option {
  value: string;
  label: string;
}

function toOption(person: Pick<Person, 'id' | 'name' | 'email'>): Option {
  return { value: person.id, label: `${person.name} <${person.email}>` };
}

interface PersonSelectProps {
  label: string;
  /** Id of the chosen person, or '' before anyone is chosen. */
  value: string;
  onChange: (personId: string) => void;
  error?: string;
}

export function PersonSelect({ label, value, onChange, error }: PersonSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  // The option picked last, shown until the read of the person by id arrives.
  const [picked, setPicked] = useState<Option | null>(null);

  const chosen = useQuery({
    queryKey: ['admin', 'person', value],
    queryFn: () => api.get<Person>(`/people/${value}`),
    enabled: value !== '' && picked?.value !== value,
  });
  let chosenOption: Option | null = null;
  if (picked?.value === value) chosenOption = picked;
  else if (chosen.data) chosenOption = toOption(chosen.data);

  const candidates = useQuery({
    queryKey: ['admin', 'people', 'candidates', q],
    queryFn: () =>
      api.get<PersonPage>(`/people?${new URLSearchParams({ q, limit: '10', active: 'true' })}`),
    // Choosing an option puts its label in the search box, and that label is not a search.
    enabled: q.length > 0 && q !== chosenOption?.label,
  });

  const options: Option[] = chosenOption ? [chosenOption] : [];
  for (const person of candidates.data?.items ?? []) {
    if (person.id !== chosenOption?.value) options.push(toOption(person));
  }

  return (
    <Select
      label={label}
      placeholder={t('policies.rules.approver.personPlaceholder')}
      data={options}
      value={value === '' ? null : value}
      onChange={(personId, option) => {
        setPicked(personId ? { value: personId, label: option.label } : null);
        onChange(personId ?? '');
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The API already filtered the candidates by the text typed.
      filter={({ options: all }) => all}
      nothingFoundMessage={q && !candidates.isFetching ? t('common.nothingFound') : undefined}
      error={error}
      required
    />
  );
}
