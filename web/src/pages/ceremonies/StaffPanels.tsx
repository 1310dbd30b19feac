/** The work panels of an event page: team, readiness checklist, the day's log, reconciliation. */
import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reconcileOutcomes, type ReconcileOutcome } from '../../../../common/ceremony';
import { formatDateTime } from '../../format';
import type { CeremonyStep } from './CeremonyPage';
import type { CeremonyDetail } from './types';

interface PanelProps {
  data: CeremonyDetail;
  pending: boolean;
  send: (step: CeremonyStep, body: object) => void;
}

export function TeamPanel({ data, pending, send }: PanelProps) {
  const { t } = useTranslation();
  const [technicianIds, setTechnicianIds] = useState<string[]>(
    data.team.map((member) => member.id),
  );
  if (data.status === 'pending_approval' || data.status === 'rejected') return null;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ceremony.team.title')}
        </Title>
        {data.team.length === 0 ? (
          <Text>{t('ceremony.team.empty')}</Text>
        ) : (
          <Text>{data.team.map((member) => member.name).join(', ')}</Text>
        )}
        {data.actions.assignTeam ? (
          <>
            <MultiSelect
              label={t('ceremony.field.technicians')}
              data={data.supportStaff.map((person) => ({ value: person.id, label: person.name }))}
              value={technicianIds}
              onChange={setTechnicianIds}
              searchable
            />
            <Group>
              <Button
                loading={pending}
                disabled={technicianIds.length === 0}
                onClick={() => send('team', { technicianIds })}
              >
                {t('ceremony.team.submit')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

export function ChecklistPanel({ data, pending, send }: PanelProps) {
  const { t } = useTranslation();
  if (data.status === 'pending_approval' || data.status === 'rejected') return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('ceremony.checklist.title')}
        </Title>
        {data.checklist.map((item) => (
          <Checkbox
            key={item.key}
            checked={item.tickedAt !== null}
            disabled={!data.actions.tick || pending}
            onChange={(input) =>
              send('checklist', { key: item.key, ticked: input.currentTarget.checked })
            }
            label={`${t(`ceremony.need.${item.need}`)}: ${t(`ceremony.kind.${item.kind}`)}`}
            description={
              item.tickedAt && item.tickedByName
                ? `${t('ceremony.checklist.tickedBy', { name: item.tickedByName })} · ${formatDateTime(item.tickedAt)}`
                : undefined
            }
          />
        ))}
      </Stack>
    </Paper>
  );
}

export function LogPanel({ data, pending, send }: PanelProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  if (!data.actions.log && data.log.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {t('ceremony.log.title')}
        </Title>
        {data.log.length === 0 ? <Text>{t('ceremony.log.empty')}</Text> : null}
        {data.log.map((entry) => (
          <Text key={`${entry.at}-${entry.authorName}`} style={{ overflowWrap: 'anywhere' }}>
            {formatDateTime(entry.at)} · {entry.authorName}: {entry.body}
          </Text>
        ))}
        {data.actions.log ? (
          <>
            <Textarea
              label={t('ceremony.field.logEntry')}
              value={body}
              onChange={(input) => setBody(input.currentTarget.value)}
            />
            <Group>
              <Button
                loading={pending}
                disabled={body.trim() === ''}
                onClick={() => {
                  send('log', { body });
                  setBody('');
                }}
              >
                {t('ceremony.log.submit')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}

interface ItemDraft {
  outcome: ReconcileOutcome;
  location: string;
  damage: string;
}

export function ReconcilePanel({ data, pending, send }: PanelProps) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>({});
  if (data.equipment.length === 0) return null;
  const draftOf = (resourceId: string): ItemDraft =>
    drafts[resourceId] ?? { outcome: 'returned', location: '', damage: '' };
  const change = (resourceId: string, patch: Partial<ItemDraft>) =>
    setDrafts({ ...drafts, [resourceId]: { ...draftOf(resourceId), ...patch } });

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          {data.actions.reconcile ? t('ceremony.reconcile.title') : t('ceremony.field.equipment')}
        </Title>
        {data.equipment.map((item) => {
          const draft = draftOf(item.resourceId);
          return (
            <Stack key={item.resourceId} gap="xs">
              <Text fw={600}>
                {item.name} ({item.tag})
                {item.outcome ? ` · ${t(`ceremony.outcome.${item.outcome}`)}` : ''}
              </Text>
              {item.damageCaseReference ? (
                <Text size="sm">
                  {t('ceremony.reconcile.damageCase', { reference: item.damageCaseReference })}
                </Text>
              ) : null}
              {data.actions.reconcile ? (
                <>
                  <Select
                    label={`${t('ceremony.field.outcome')}: ${item.tag}`}
                    data={reconcileOutcomes.map((value) => ({
                      value,
                      label: t(`ceremony.outcome.${value}`),
                    }))}
                    value={draft.outcome}
                    onChange={(value) =>
                      change(item.resourceId, {
                        outcome: value ?? 'returned',
                      })
                    }
                    allowDeselect={false}
                  />
                  {draft.outcome === 'moved' ? (
                    <TextInput
                      label={t('ceremony.field.location')}
                      value={draft.location}
                      onChange={(input) =>
                        change(item.resourceId, { location: input.currentTarget.value })
                      }
                    />
                  ) : null}
                  {draft.outcome === 'damaged' ? (
                    <TextInput
                      label={t('ceremony.field.damage')}
                      value={draft.damage}
                      onChange={(input) =>
                        change(item.resourceId, { damage: input.currentTarget.value })
                      }
                    />
                  ) : null}
                </>
              ) : null}
            </Stack>
          );
        })}
        {data.actions.reconcile ? (
          <Group>
            <Button
              loading={pending}
              onClick={() =>
                send('reconcile', {
                  items: data.equipment.map((item) => ({
                    resourceId: item.resourceId,
                    ...draftOf(item.resourceId),
                  })),
                })
              }
            >
              {t('ceremony.reconcile.submit')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
