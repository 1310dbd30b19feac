/**
 * Units: the list with member counts, a new unit, and one unit's details and members (member or
 * unit head). Units are deactivated, never deleted.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRequest } from '../../api/client';
import { localName } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { currentLanguage } from '../../i18n';
import {
  ReadOnlyNotice,
  useCanManage,
  type PersonPage,
  type Unit,
  type UnitDetail,
} from './shared';
import { useAllUnits } from './useUnits';

export default function UnitsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('admin.units.title')} · ${t('app.name')}`);
  const language = currentLanguage();
  const canManage = useCanManage();
  const units = useAllUnits();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('admin.units.title')}</Title>
        {canManage ? (
          <Button onClick={() => setEditing('new')}>{t('admin.units.create')}</Button>
        ) : null}
      </Group>
      <ReadOnlyNotice />
      <ErrorAlert error={units.error} />
      {units.isPending ? <PageLoader /> : null}
      {units.data?.items.length === 0 ? <Text>{t('admin.units.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {units.data?.items.map((unit) => (
          <Card key={unit.id} withBorder component="li" padding="sm">
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                <UnstyledButton
                  onClick={() => setEditing(unit)}
                  style={{ alignSelf: 'flex-start' }}
                >
                  <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
                    {localName(unit, language)}
                  </Text>
                </UnstyledButton>
                <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[unit.code, unit.email].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <Group gap={4}>
                <Badge variant="light" color="blue">
                  {t('admin.units.memberCount', { count: unit.memberCount })}
                </Badge>
                {unit.active ? null : (
                  <Badge variant="filled" color="gray.8">
                    {t('admin.common.inactive')}
                  </Badge>
                )}
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
      {editing ? (
        <UnitModal
          unit={editing === 'new' ? null : editing}
          readOnly={!canManage}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

interface Member {
  personId: string;
  name: string;
  role: 'member' | 'head';
}

function UnitModal({
  unit,
  readOnly,
  onClose,
}: {
  unit: Unit | null;
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(unit?.code ?? '');
  const [nameMs, setNameMs] = useState(unit?.nameMs ?? '');
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '');
  const [email, setEmail] = useState(unit?.email ?? '');
  const [active, setActive] = useState(unit?.active ?? true);

  const save = useMutation({
    mutationFn: () => {
      const body = { code, nameMs, nameEn, email };
      return unit
        ? api.patch<UnitDetail>(`/units/${unit.id}`, { ...body, active })
        : api.post<UnitDetail>('/units', body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!readOnly) save.mutate();
  }

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={
        unit
          ? t('admin.units.editTitle', { name: localName(unit, language) })
          : t('admin.units.createTitle')
      }
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('admin.common.code')}
            required
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameMs')}
            required
            value={nameMs}
            onChange={(event) => setNameMs(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.nameEn')}
            required
            value={nameEn}
            onChange={(event) => setNameEn(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.units.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            disabled={readOnly}
          />
          {unit ? (
            <Switch
              label={t('admin.units.activeLabel')}
              checked={active}
              onChange={(event) => setActive(event.currentTarget.checked)}
              disabled={readOnly}
            />
          ) : null}
          {readOnly ? null : (
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('admin.common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('admin.common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
      {unit ? <UnitMembers unitId={unit.id} readOnly={readOnly} /> : null}
    </Modal>
  );
}

function UnitMembers({ unitId, readOnly }: { unitId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['admin', 'units', unitId],
    queryFn: () => api.get<UnitDetail>(`/units/${unitId}`),
  });
  const [members, setMembers] = useState<Member[] | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [saved, setSaved] = useState(false);
  const current: Member[] =
    members ??
    detail.data?.members.map((member) => ({
      personId: member.personId,
      name: `${member.name} <${member.email}>`,
      role: member.role,
    })) ??
    [];

  const candidates = useQuery({
    queryKey: ['admin', 'people', 'candidates', q],
    queryFn: () =>
      api.get<PersonPage>(`/people?${new URLSearchParams({ q, limit: '10', active: 'true' })}`),
    enabled: !readOnly && q.length > 0,
  });
  const options = (candidates.data?.items ?? [])
    .filter((person) => !current.some((member) => member.personId === person.id))
    .map((person) => ({ value: person.id, label: `${person.name} <${person.email}>` }));

  const save = useMutation({
    mutationFn: () =>
      apiRequest<UnitDetail>('PUT', `/units/${unitId}/members`, {
        members: current.map(({ personId, role }) => ({ personId, role })),
      }),
    onSuccess: async () => {
      setMembers(null);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });

  function change(next: Member[]) {
    setSaved(false);
    setMembers(next);
  }

  return (
    <Stack mt="lg" gap="xs">
      <Title order={3} size="h5">
        {t('admin.units.members')}
      </Title>
      <ErrorAlert error={detail.error ?? save.error} />
      {detail.isPending ? <PageLoader /> : null}
      {detail.isSuccess && current.length === 0 ? (
        <Text size="sm">{t('admin.units.noMembers')}</Text>
      ) : null}
      {current.map((member) => (
        <Group key={member.personId} gap="xs" wrap="wrap">
          <Text size="sm" style={{ flex: '1 1 180px', overflowWrap: 'anywhere' }}>
            {member.name}
          </Text>
          <Select
            aria-label={`${t('admin.people.unitRole')}: ${member.name}`}
            data={[
              { value: 'member', label: t('admin.units.member') },
              { value: 'head', label: t('admin.units.head') },
            ]}
            value={member.role}
            onChange={(value) =>
              change(
                current.map((item) =>
                  item.personId === member.personId
                    ? { ...item, role: value === 'head' ? 'head' : 'member' }
                    : item,
                ),
              )
            }
            allowDeselect={false}
            disabled={readOnly}
            w={150}
          />
          {readOnly ? null : (
            <ActionIcon
              variant="default"
              aria-label={t('admin.units.removeMember', { name: member.name })}
              onClick={() => change(current.filter((item) => item.personId !== member.personId))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {readOnly ? null : (
        <>
          <Select
            label={t('admin.units.findPerson')}
            data={options}
            value={null}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            onChange={(value) => {
              const option = options.find((item) => item.value === value);
              if (option) {
                change([
                  ...current,
                  { personId: option.value, name: option.label, role: 'member' },
                ]);
                setSearch('');
              }
            }}
            nothingFoundMessage={q ? t('common.nothingFound') : undefined}
          />
          <Group justify="space-between">
            {saved ? (
              <Text size="sm" role="status">
                {t('admin.common.saved')}
              </Text>
            ) : (
              <span />
            )}
            <Button
              variant="light"
              onClick={() => save.mutate()}
              loading={save.isPending}
              disabled={members === null}
            >
              {t('admin.units.saveMembers')}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
