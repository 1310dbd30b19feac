/**
 * The holidays of a calendar, with their kind (public, state, one-off, replacement day) and
 * whether the date is confirmed. Administrators add, edit and delete them; others read.
 */
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayKinds, type HolidayKind } from '../../../../../common/working-time/types';
import { api, apiRequest } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentLanguage } from '../../../i18n';
import { useCanManage } from '../shared';
import { formatLocalDate, type Holiday } from './types';

function HolidayModal({
  calendarId,
  holiday,
  onClose,
}: {
  calendarId: string;
  holiday: Holiday | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(holiday?.date ?? '');
  const [nameMs, setNameMs] = useState(holiday?.nameMs ?? '');
  const [nameEn, setNameEn] = useState(holiday?.nameEn ?? '');
  const [kind, setKind] = useState<HolidayKind>(holiday?.kind ?? 'one_off');
  const [confirmed, setConfirmed] = useState(holiday?.confirmed ?? true);

  const save = useMutation({
    mutationFn: () => {
      const body = { date, nameMs, nameEn, kind, confirmed };
      const base = `/calendars/${encodeURIComponent(calendarId)}/holidays`;
      return holiday
        ? api.patch<Holiday>(`${base}/${holiday.id}`, body)
        : api.post<Holiday>(base, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['calendars', calendarId] });
      onClose();
    },
  });

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Modal
      opened
      onClose={onClose}
      closeButtonProps={{ 'aria-label': t('sla.common.close') }}
      title={holiday ? t('sla.holidays.editTitle') : t('sla.holidays.addTitle')}
    >
      <form onSubmit={handleSubmit}>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            type="date"
            label={t('sla.holidays.date')}
            required
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
          />
          <TextInput
            label={t('sla.holidays.nameMs')}
            required
            maxLength={200}
            value={nameMs}
            onChange={(event) => setNameMs(event.currentTarget.value)}
          />
          <TextInput
            label={t('sla.holidays.nameEn')}
            required
            maxLength={200}
            value={nameEn}
            onChange={(event) => setNameEn(event.currentTarget.value)}
          />
          <Select
            label={t('sla.holidays.kind')}
            data={holidayKinds.map((value) => ({ value, label: t(`sla.holidayKind.${value}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(value) => {
              if (value) setKind(value);
            }}
          />
          <Checkbox
            label={t('sla.holidays.confirmed')}
            checked={confirmed}
            onChange={(event) => setConfirmed(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('sla.common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('sla.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function HolidaysSection({
  calendarId,
  holidays,
}: {
  calendarId: string;
  holidays: readonly Holiday[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const canManage = useCanManage();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);

  const remove = useMutation({
    mutationFn: (holiday: Holiday) =>
      apiRequest<void>(
        'DELETE',
        `/calendars/${encodeURIComponent(calendarId)}/holidays/${holiday.id}`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendars', calendarId] }),
  });

  function confirmRemove(holiday: Holiday) {
    const name = localName(holiday, language);
    if (
      window.confirm(t('sla.holidays.deleteConfirm', { name, date: formatLocalDate(holiday.date) }))
    ) {
      remove.mutate(holiday);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-holidays">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="calendar-holidays">
            {t('sla.holidays.title')}
          </Title>
          {canManage ? (
            <Button size="sm" onClick={() => setEditing('new')}>
              {t('sla.holidays.add')}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={remove.error} />
        {holidays.length === 0 ? <Text>{t('sla.holidays.empty')}</Text> : null}
        <Table.ScrollContainer minWidth={320}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sla.holidays.date')}</Table.Th>
                <Table.Th>{t('sla.holidays.name')}</Table.Th>
                {canManage ? <Table.Th>{t('sla.holidays.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holidays.map((holiday) => (
                <Table.Tr key={holiday.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatLocalDate(holiday.date)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm">{localName(holiday, language)}</Text>
                      <Group gap={4}>
                        <Badge size="xs" variant="light">
                          {t(`sla.holidayKind.${holiday.kind}`)}
                        </Badge>
                        {holiday.confirmed ? null : (
                          <Badge size="xs" variant="outline" color="dark">
                            {t('sla.holidays.estimate')}
                          </Badge>
                        )}
                      </Group>
                    </Stack>
                  </Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setEditing(holiday)}
                        >
                          {t('sla.holidays.edit')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="light"
                          color="red"
                          onClick={() => confirmRemove(holiday)}
                        >
                          {t('sla.holidays.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {editing ? (
        <HolidayModal
          calendarId={calendarId}
          holiday={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Paper>
  );
}
