/**
 * Delegations (delegasi kelulusan): an approver names who decides for them between two dates,
 * lists the delegations they gave or received, and revokes one.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRequest, type ApiError } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDay, malaysianToday } from '../../format';

interface Delegation {
  id: string;
  approverId: string;
  approverName: string;
  delegateId: string;
  delegateName: string;
  startsOn: string;
  endsOn: string;
  reason: string;
  revoked: boolean;
}

function statusOf(
  delegation: Delegation,
  today: string,
): 'revoked' | 'ended' | 'active' | 'planned' {
  if (delegation.revoked) return 'revoked';
  if (delegation.endsOn < today) return 'ended';
  return delegation.startsOn <= today ? 'active' : 'planned';
}

const statusColours = { active: 'teal.9', planned: 'blue.8', ended: 'gray.7', revoked: 'red.8' };

function DelegationForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = malaysianToday();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const [delegateId, setDelegateId] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(today);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);

  const candidates = useQuery({
    queryKey: ['delegations', 'candidates', query],
    queryFn: () =>
      api.get<{ items: { id: string; name: string }[] }>(
        `/delegations/candidates?q=${encodeURIComponent(query)}`,
      ),
    enabled: query.length >= 2,
  });
  const create = useMutation<Delegation, ApiError>({
    mutationFn: () =>
      api.post<Delegation>('/delegations', { delegateId, startsOn, endsOn, reason }),
    onSuccess: () => {
      setSaved(true);
      setDelegateId(null);
      setSearch('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['delegations', 'list'] });
    },
  });
  // The API's field messages are English, so each field shows its own translated sentence.
  const issue = (field: 'delegateId' | 'startsOn' | 'endsOn' | 'reason') =>
    create.error?.issues.some((entry) => entry.field === `body.${field}`)
      ? t(`delegations.error.${field}`)
      : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    create.mutate();
  }

  return (
    <Card withBorder component="section" aria-labelledby="delegation-form-title">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="delegation-form-title">
            {t('delegations.form.title')}
          </Title>
          <Text size="sm">{t('delegations.form.help')}</Text>
          <Select
            label={t('delegations.field.delegate')}
            placeholder={t('delegations.field.delegatePlaceholder')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={(candidates.data?.items ?? []).map((person) => ({
              value: person.id,
              label: person.name,
            }))}
            value={delegateId}
            onChange={setDelegateId}
            nothingFoundMessage={query.length >= 2 ? t('delegations.field.noMatch') : undefined}
            required
            error={issue('delegateId')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              type="date"
              label={t('delegations.field.startsOn')}
              value={startsOn}
              onChange={(event) => setStartsOn(event.currentTarget.value)}
              required
              error={issue('startsOn')}
              miw={140}
            />
            <TextInput
              type="date"
              label={t('delegations.field.endsOn')}
              value={endsOn}
              onChange={(event) => setEndsOn(event.currentTarget.value)}
              required
              error={issue('endsOn')}
              miw={140}
            />
          </Group>
          <Textarea
            label={t('delegations.field.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={500}
            error={issue('reason')}
          />
          {create.error && create.error.issues.length === 0 ? (
            <ErrorAlert error={create.error} />
          ) : null}
          {saved ? (
            <Text role="status" c="teal.9">
              {t('delegations.form.saved')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('delegations.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export default function DelegationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('delegations.title')} · ${t('app.name')}`);
  const { me } = useSession();
  const queryClient = useQueryClient();
  const today = malaysianToday();
  const list = useQuery({
    queryKey: ['delegations', 'list'],
    queryFn: () => api.get<{ items: Delegation[] }>('/delegations'),
  });
  const revoke = useMutation<void, ApiError, string>({
    mutationFn: (id) => apiRequest<void>('DELETE', `/delegations/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['delegations', 'list'] }),
  });
  const mayRevoke = (delegation: Delegation) =>
    !delegation.revoked &&
    delegation.endsOn >= today &&
    (delegation.approverId === me?.id || hasRole(me, 'admin'));

  return (
    <Stack>
      <Title order={1}>{t('delegations.title')}</Title>
      <DelegationForm />
      <Title order={2} size="h3">
        {t('delegations.list.title')}
      </Title>
      {revoke.error ? <ErrorAlert error={revoke.error} /> : null}
      {list.isPending ? (
        <PageLoader />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('delegations.list.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('delegations.list.approver')}</Table.Th>
                <Table.Th>{t('delegations.list.delegate')}</Table.Th>
                <Table.Th>{t('delegations.list.period')}</Table.Th>
                <Table.Th>{t('delegations.list.reason')}</Table.Th>
                <Table.Th>{t('delegations.list.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('delegations.list.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((delegation) => {
                const status = statusOf(delegation, today);
                return (
                  <Table.Tr key={delegation.id}>
                    <Table.Td>{delegation.approverName}</Table.Td>
                    <Table.Td>{delegation.delegateName}</Table.Td>
                    <Table.Td>
                      {formatDay(delegation.startsOn)} – {formatDay(delegation.endsOn)}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{delegation.reason}</Table.Td>
                    <Table.Td>
                      <Badge color={statusColours[status]} variant="filled" radius="sm">
                        {t(`delegations.status.${status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {mayRevoke(delegation) ? (
                        <Button
                          size="xs"
                          variant="default"
                          loading={revoke.isPending && revoke.variables === delegation.id}
                          onClick={() => revoke.mutate(delegation.id)}
                          aria-label={t('delegations.list.revokeNamed', {
                            name: delegation.delegateName,
                          })}
                        >
                          {t('delegations.list.revoke')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
