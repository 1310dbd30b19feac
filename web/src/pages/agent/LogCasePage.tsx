/**
 * Logging a phone, walk-in or e-mail complaint for a customer (terima aduan) on one short form:
 * find the customer by name or e-mail or enter a new caller, then channel, category, impact,
 * urgency, title and description. The customer search has focus on arrival, and Enter in a
 * one-line field (or Ctrl+Enter in the description) sends the form.
 */
import {
  Button,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { priorityFrom, type Channel, type Level } from '../../../../common/enums';
import { api, ApiError } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { localName, useCatalogue } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { usePeopleSearch } from './data';

/** The channels an agent records for a caller, in the order the desk meets them. */
const agentChannels: readonly Channel[] = ['phone', 'walk_in', 'email', 'other'];
const levels = ['1', '2', '3'] as const;

type CallerMode = 'existing' | 'new';
type Field = 'requester' | 'name' | 'email' | 'title' | 'description';

const titleMin = 3;
const titleMax = 200;

export default function LogCasePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('agent.log.title')} · ${t('app.name')}`);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const catalogue = useCatalogue();

  const [mode, setMode] = useState<CallerMode>('existing');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const people = usePeopleSearch(debouncedSearch);
  const [requesterId, setRequesterId] = useState<string | null>(null);
  const [caller, setCaller] = useState({ name: '', email: '', phone: '' });
  const [channel, setChannel] = useState<Channel>('phone');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [impact, setImpact] = useState<string>('2');
  const [urgency, setUrgency] = useState<string>('2');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);

  const categoryGroups = (catalogue.data?.items ?? []).map((service) => ({
    group: localName(service, language),
    items: service.categories.map((category) => ({
      value: category.id,
      label: localName(category, language),
    })),
  }));
  const peopleOptions = (people.data ?? []).map((person) => ({
    value: person.id,
    label: `${person.name} · ${person.email}`,
  }));
  const priority = priorityFrom(Number(impact) as Level, Number(urgency) as Level);

  function chooseCategory(value: string | null) {
    setCategoryId(value);
    const category = catalogue.data?.items
      .flatMap((service) => service.categories)
      .find((item) => item.id === value);
    if (category) {
      setImpact(String(category.defaultImpact));
      setUrgency(String(category.defaultUrgency));
    }
  }

  function validate(): Partial<Record<Field, string>> {
    const required = t('validation.required');
    const found: Partial<Record<Field, string>> = {};
    if (mode === 'existing' && !requesterId) found.requester = required;
    if (mode === 'new') {
      if (caller.name.trim() === '') found.name = required;
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(caller.email.trim())) {
        found.email = caller.email.trim() === '' ? required : t('validation.invalid');
      }
    }
    const trimmedTitle = title.trim();
    if (trimmedTitle.length < titleMin)
      found.title = t('validation.minLength', { count: titleMin });
    if (description.trim() === '') found.description = required;
    return found;
  }

  async function handleSubmit(event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;

    const requester =
      mode === 'existing'
        ? { id: requesterId }
        : {
            name: caller.name.trim(),
            email: caller.email.trim(),
            ...(caller.phone.trim() ? { phone: caller.phone.trim() } : {}),
          };
    setSending(true);
    try {
      const created = await api.post<CaseDetail>('/cases', {
        title: title.trim(),
        description: description.trim(),
        channel,
        requester,
        ...(categoryId ? { categoryId } : {}),
        impact: Number(impact),
        urgency: Number(urgency),
      });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      queryClient.setQueryData(['case', created.reference, 'staff'], created);
      void navigate(`/cases/${created.reference}`, { state: { created: true } });
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fromServer: Partial<Record<Field, string>> = {};
        for (const issue of caught.issues) {
          const segments = issue.field.split('.');
          if (segments.includes('requester')) {
            const last = segments[segments.length - 1];
            if (last === 'name' || last === 'email') fromServer[last] = t('validation.invalid');
            else fromServer.requester = t('validation.invalid');
          } else if (segments.includes('title')) fromServer.title = t('validation.invalid');
          else if (segments.includes('description'))
            fromServer.description = t('validation.invalid');
        }
        setErrors(fromServer);
      }
      setError(caught);
    } finally {
      setSending(false);
    }
  }

  return (
    <Stack maw={860}>
      <Title order={1}>{t('agent.log.title')}</Title>
      <Text c="dimmed">{t('agent.log.intro')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <form onSubmit={(event) => void handleSubmit(event)} noValidate>
          <Stack gap="sm">
            <ErrorAlert error={error} />
            <Radio.Group
              label={t('agent.log.caller')}
              value={mode}
              onChange={(value) => setMode(value === 'new' ? 'new' : 'existing')}
            >
              <Group gap="md" mt={4}>
                <Radio value="existing" label={t('agent.log.existingCaller')} />
                <Radio value="new" label={t('agent.log.newCaller')} />
              </Group>
            </Radio.Group>
            {mode === 'existing' ? (
              <Select
                label={t('agent.log.findCustomer')}
                description={t('agent.log.findCustomerHelp')}
                placeholder={t('agent.log.findCustomerPlaceholder')}
                data={peopleOptions}
                value={requesterId}
                onChange={setRequesterId}
                searchable
                searchValue={search}
                onSearchChange={setSearch}
                filter={({ options }) => options}
                nothingFoundMessage={
                  debouncedSearch.trim().length >= 2 && !people.isFetching
                    ? t('agent.log.noCustomer')
                    : undefined
                }
                error={errors.requester}
                required
                clearable
                clearButtonProps={{ 'aria-label': t('common.clear') }}
                data-autofocus
                autoFocus
              />
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t('agent.log.callerName')}
                  value={caller.name}
                  onChange={(event) => setCaller({ ...caller, name: event.currentTarget.value })}
                  error={errors.name}
                  required
                  autoFocus
                  maxLength={200}
                />
                <TextInput
                  label={t('fields.email')}
                  type="email"
                  value={caller.email}
                  onChange={(event) => setCaller({ ...caller, email: event.currentTarget.value })}
                  error={errors.email}
                  required
                  maxLength={254}
                />
                <TextInput
                  label={t('agent.log.phone')}
                  type="tel"
                  value={caller.phone}
                  onChange={(event) => setCaller({ ...caller, phone: event.currentTarget.value })}
                  maxLength={40}
                />
              </SimpleGrid>
            )}

            <Radio.Group
              label={t('fields.channel')}
              value={channel}
              onChange={(value) => {
                const chosen = agentChannels.find((item) => item === value);
                if (chosen) setChannel(chosen);
              }}
              required
            >
              <Group gap="md" mt={4}>
                {agentChannels.map((item) => (
                  <Radio key={item} value={item} label={t(`channel.${item}`)} />
                ))}
              </Group>
            </Radio.Group>

            <Select
              label={t('fields.categoryId')}
              placeholder={t('cases.create.categoryPlaceholder')}
              data={categoryGroups}
              value={categoryId}
              onChange={chooseCategory}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              nothingFoundMessage={t('common.nothingFound')}
              disabled={catalogue.isPending}
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <Select
                label={t('fields.impact')}
                data={levels.map((level) => ({ value: level, label: t(`agent.level.${level}`) }))}
                value={impact}
                onChange={(value) => setImpact(value ?? '2')}
                allowDeselect={false}
              />
              <Select
                label={t('fields.urgency')}
                data={levels.map((level) => ({ value: level, label: t(`agent.level.${level}`) }))}
                value={urgency}
                onChange={(value) => setUrgency(value ?? '2')}
                allowDeselect={false}
              />
              <div>
                <Text size="sm" fw={500}>
                  {t('fields.priority')}
                </Text>
                <Text mt={6} role="status" data-testid="resulting-priority">
                  {t(`priority.${priority}`)}
                </Text>
              </div>
            </SimpleGrid>
            <TextInput
              label={t('fields.title')}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={errors.title}
              required
              maxLength={titleMax}
            />
            <Textarea
              label={t('fields.description')}
              description={t('agent.log.descriptionHelp')}
              autosize
              minRows={3}
              maxRows={10}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void handleSubmit();
                }
              }}
              error={errors.description}
              required
            />
            <Group justify="flex-end">
              <Button type="submit" loading={sending}>
                {t('agent.log.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
