/**
 * Creates or changes a person: name, e-mail, roles, units (member or head) and status; for an
 * existing person also unlocks the account and resets the password. Auditors see it read-only.
 */
import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, personKinds, roles, type Role } from '../../../../common/enums';
import { api } from '../../api/client';
import { localName } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import type { Person, Unit } from './shared';

interface Membership {
  unitId: string;
  role: 'member' | 'head';
}

interface PersonModalProps {
  /** The person to change; null to create one. */
  person: Person | null;
  units: Unit[];
  readOnly: boolean;
  onClose: () => void;
}

export function PersonModal({ person, units, readOnly, onClose }: PersonModalProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [kind, setKind] = useState<string>(person?.kind ?? 'staff');
  const [personLanguage, setPersonLanguage] = useState<string>(person?.language ?? 'ms');
  const [roleList, setRoleList] = useState<string[]>(person?.roles ?? ['customer']);
  const [active, setActive] = useState(person?.active ?? true);
  const [password, setPassword] = useState('');
  const [memberships, setMemberships] = useState<Membership[]>(
    person?.units.map((unit) => ({ unitId: unit.unitId, role: unit.role })) ?? [],
  );
  const [newPassword, setNewPassword] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin'] });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        email,
        phone,
        kind,
        language: personLanguage,
        roles: roleList,
        active,
        units: memberships,
      };
      return person
        ? api.patch<Person>(`/people/${person.id}`, body)
        : api.post<Person>('/people', password ? { ...body, password } : body);
    },
    onSuccess: async () => {
      await refresh();
      onClose();
    },
  });

  const unlock = useMutation({
    mutationFn: () => api.patch<Person>(`/people/${person?.id}`, { unlock: true }),
    onSuccess: async () => {
      setNotice(t('admin.people.unlocked'));
      await refresh();
    },
  });

  const reset = useMutation({
    mutationFn: () => api.patch<Person>(`/people/${person?.id}`, { password: newPassword }),
    onSuccess: () => {
      setNewPassword('');
      setNotice(t('admin.people.passwordReset'));
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!readOnly) save.mutate();
  }

  const unitOptions = units.map((unit) => ({
    value: unit.id,
    label: `${unit.code} · ${localName(unit, language)}`,
  }));
  const unusedUnits = unitOptions.filter(
    (option) => !memberships.some((membership) => membership.unitId === option.value),
  );
  const unitName = (unitId: string) =>
    unitOptions.find((option) => option.value === unitId)?.label ?? unitId;
  const locked = person?.lockedUntil && new Date(person.lockedUntil).getTime() > Date.now();

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={
        person ? t('admin.people.editTitle', { name: person.name }) : t('admin.people.createTitle')
      }
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <ErrorAlert error={save.error ?? unlock.error ?? reset.error} />
          {notice ? (
            <Alert color="teal" variant="light" role="status">
              {notice}
            </Alert>
          ) : null}
          <TextInput
            label={t('admin.people.name')}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.common.email')}
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            disabled={readOnly}
          />
          <TextInput
            label={t('admin.people.phone')}
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            disabled={readOnly}
          />
          <Group grow align="flex-start" wrap="wrap">
            <Select
              label={t('admin.people.kind')}
              data={personKinds.map((value) => ({ value, label: t(`admin.kinds.${value}`) }))}
              value={kind}
              onChange={(value) => setKind(value ?? 'staff')}
              allowDeselect={false}
              disabled={readOnly}
              miw={160}
            />
            <Select
              label={t('admin.people.language')}
              data={languages.map((value) => ({ value, label: t(`admin.languages.${value}`) }))}
              value={personLanguage}
              onChange={(value) => setPersonLanguage(value ?? 'ms')}
              allowDeselect={false}
              disabled={readOnly}
              miw={160}
            />
          </Group>
          <MultiSelect
            label={t('admin.people.roles')}
            data={roles.map((value: Role) => ({ value, label: t(`admin.roles.${value}`) }))}
            value={roleList}
            onChange={setRoleList}
            disabled={readOnly}
            searchable
            required
          />

          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('admin.people.units')}
            </Title>
            {memberships.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('admin.common.none')}
              </Text>
            ) : null}
            {memberships.map((membership) => (
              <Group key={membership.unitId} gap="xs" wrap="wrap">
                <Text size="sm" style={{ flex: '1 1 160px', overflowWrap: 'anywhere' }}>
                  {unitName(membership.unitId)}
                </Text>
                <Select
                  aria-label={`${t('admin.people.unitRole')}: ${unitName(membership.unitId)}`}
                  data={[
                    { value: 'member', label: t('admin.units.member') },
                    { value: 'head', label: t('admin.units.head') },
                  ]}
                  value={membership.role}
                  onChange={(value) =>
                    setMemberships((current) =>
                      current.map((item) =>
                        item.unitId === membership.unitId
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
                    aria-label={t('admin.people.removeUnit', {
                      unit: unitName(membership.unitId),
                    })}
                    onClick={() =>
                      setMemberships((current) =>
                        current.filter((item) => item.unitId !== membership.unitId),
                      )
                    }
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            ))}
            {readOnly ? null : (
              <Select
                label={t('admin.people.addUnit')}
                data={unusedUnits}
                value={null}
                onChange={(value) => {
                  if (value)
                    setMemberships((current) => [...current, { unitId: value, role: 'member' }]);
                }}
                searchable
                nothingFoundMessage={t('common.nothingFound')}
              />
            )}
          </Stack>

          <Switch
            label={t('admin.people.activeLabel')}
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
            disabled={readOnly}
          />
          {person ? null : (
            <PasswordInput
              label={t('admin.people.password')}
              description={t('admin.people.passwordHint')}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              autoComplete="new-password"
            />
          )}
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

      {person && !readOnly ? (
        <Stack mt="lg">
          <Divider />
          {locked ? (
            <Group justify="space-between" wrap="wrap">
              <Text size="sm">
                {t('admin.people.locked', { date: formatDateTime(person.lockedUntil ?? '') })}
              </Text>
              <Button variant="light" onClick={() => unlock.mutate()} loading={unlock.isPending}>
                {t('admin.people.unlock')}
              </Button>
            </Group>
          ) : null}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              reset.mutate();
            }}
            noValidate
          >
            <Stack gap="xs">
              <PasswordInput
                label={t('admin.people.newPassword')}
                description={t('admin.people.resetHint')}
                value={newPassword}
                onChange={(event) => setNewPassword(event.currentTarget.value)}
                autoComplete="new-password"
              />
              <Button
                type="submit"
                variant="default"
                loading={reset.isPending}
                disabled={newPassword.length === 0}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('admin.people.resetPassword')}
              </Button>
            </Stack>
          </form>
        </Stack>
      ) : null}
    </Modal>
  );
}
