/**
 * Subscriptions to the periodic report by e-mail (langganan laporan): the signed-in person's
 * subscriptions, a form to add one (period, language, format and an optional unit), and cancelling.
 * The reports are sent on the first working day after each period.
 */
import {
  Button,
  Card,
  Group,
  NativeSelect,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRequest, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';

const kinds = ['monthly', 'quarterly', 'annual'] as const;
const formats = ['xlsx', 'pdf'] as const;

interface Subscription {
  id: string;
  kind: (typeof kinds)[number];
  language: 'ms' | 'en';
  format: (typeof formats)[number];
  filters: { unitId?: string };
}

interface UnitOption {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
}

export function ReportSubscriptions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const english = currentLanguage() === 'en';
  const [kind, setKind] = useState<string>('monthly');
  const [language, setLanguage] = useState<string>(currentLanguage());
  const [format, setFormat] = useState<string>('xlsx');
  const [unitId, setUnitId] = useState<string | null>(null);

  const subscriptions = useQuery({
    queryKey: ['report-subscriptions'],
    queryFn: () => api.get<{ items: Subscription[] }>('/report-subscriptions'),
  });
  const units = useQuery({
    queryKey: ['units', 'active'],
    queryFn: () => api.get<{ items: UnitOption[] }>('/units'),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['report-subscriptions'] });
  const subscribe = useMutation<Subscription, ApiError>({
    mutationFn: () =>
      api.post<Subscription>('/report-subscriptions', {
        kind,
        language,
        format,
        filters: unitId ? { unitId } : {},
      }),
    onSuccess: refresh,
  });
  const cancel = useMutation<void, ApiError, string>({
    mutationFn: (id) => apiRequest<void>('DELETE', `/report-subscriptions/${id}`),
    onSuccess: refresh,
  });

  const unitName = (id: string | undefined) => {
    if (!id) return t('subscriptions.allUnits');
    const unit = units.data?.items.find((entry) => entry.id === id);
    if (!unit) return id;
    return english ? unit.nameEn : unit.nameMs;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    subscribe.mutate();
  }

  return (
    <Card withBorder component="section" aria-labelledby="subscriptions-title">
      <Stack>
        <Title order={2} size="h4" id="subscriptions-title">
          {t('subscriptions.title')}
        </Title>
        <Text size="sm">{t('subscriptions.help')}</Text>
        <ErrorAlert error={subscriptions.error} />
        {subscriptions.data && subscriptions.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={420}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('subscriptions.kind')}</Table.Th>
                  <Table.Th>{t('subscriptions.unit')}</Table.Th>
                  <Table.Th>{t('subscriptions.format')}</Table.Th>
                  <Table.Th>{t('subscriptions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {subscriptions.data.items.map((row) => (
                  <Table.Tr key={row.id}>
                    <Table.Td>{t(`subscriptions.kinds.${row.kind}`)}</Table.Td>
                    <Table.Td>{unitName(row.filters.unitId)}</Table.Td>
                    <Table.Td>
                      {row.format.toUpperCase()} · {t(`subscriptions.languages.${row.language}`)}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        loading={cancel.isPending && cancel.variables === row.id}
                        onClick={() => cancel.mutate(row.id)}
                        aria-label={t('subscriptions.cancelNamed', {
                          kind: t(`subscriptions.kinds.${row.kind}`),
                        })}
                      >
                        {t('subscriptions.cancel')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm">{t('subscriptions.none')}</Text>
        )}
        <ErrorAlert error={cancel.error} />
        <form onSubmit={submit}>
          <Group align="flex-end" wrap="wrap" gap="sm">
            <NativeSelect
              label={t('subscriptions.kind')}
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value)}
              data={kinds.map((value) => ({ value, label: t(`subscriptions.kinds.${value}`) }))}
            />
            <Select
              label={t('subscriptions.unit')}
              placeholder={t('subscriptions.allUnits')}
              clearable
              searchable
              value={unitId}
              onChange={setUnitId}
              data={(units.data?.items ?? []).map((unit) => ({
                value: unit.id,
                label: `${unit.code} · ${english ? unit.nameEn : unit.nameMs}`,
              }))}
            />
            <NativeSelect
              label={t('subscriptions.language')}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value)}
              data={(['ms', 'en'] as const).map((value) => ({
                value,
                label: t(`subscriptions.languages.${value}`),
              }))}
            />
            <NativeSelect
              label={t('subscriptions.format')}
              value={format}
              onChange={(event) => setFormat(event.currentTarget.value)}
              data={formats.map((value) => ({ value, label: value.toUpperCase() }))}
            />
            <Button type="submit" loading={subscribe.isPending}>
              {t('subscriptions.subscribe')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={subscribe.error} />
      </Stack>
    </Card>
  );
}
