/**
 * The levels of an approval rule, in order: one to five, each decided by any one or by all of its
 * approvers. An approver is a named person, the holders of a role, the requester's unit head, a
 * named unit's head, or the head of the unit owning the resource.
 */
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { approvalModes, type ApprovalMode } from '../../../../../common/approval';
import { roles } from '../../../../../common/enums';
import { localName } from '../../../catalogue';
import { currentLanguage } from '../../../i18n';
import type { Unit } from '../shared';
import { rejectedPaths } from './FormError';
import { PersonSelect } from './PersonSelect';
import type { ApproverSpec } from './types';

/** Limits of the API's ruleLevels schema. */
export const maxLevels = 5;
const maxApproversPerLevel = 20;

const approverTypes: Array<ApproverSpec['type']> = [
  'person',
  'role',
  'requesterUnitHead',
  'unitHead',
  'ownerUnitHead',
];

/**
 * An approver as the form edits it, with '' for an id not chosen yet. `key` identifies the row
 * for React.
 */
export interface ApproverDraft {
  key: number;
  spec: ApproverSpec;
}

export interface LevelDraft {
  key: number;
  mode: ApprovalMode;
  approvers: ApproverDraft[];
}

let lastKey = 0;

/** Returns a key for a new level or approver row, unique while the page is open. */
export function nextKey(): number {
  lastKey += 1;
  return lastKey;
}

function approverOfType(type: ApproverSpec['type']): ApproverSpec {
  switch (type) {
    case 'person':
      return { type, personId: '' };
    case 'role':
      return { type, role: 'approver' };
    case 'unitHead':
      return { type, unitId: '' };
    case 'requesterUnitHead':
    case 'ownerUnitHead':
      return { type };
  }
}

/** Creates a level in which any one of the requester's unit heads decides. */
export function newLevel(): LevelDraft {
  return {
    key: nextKey(),
    mode: 'any',
    approvers: [{ key: nextKey(), spec: { type: 'requesterUnitHead' } }],
  };
}

interface LevelsEditorProps {
  levels: LevelDraft[];
  onChange: (levels: LevelDraft[]) => void;
  units: Unit[];
  /** The failed save, whose field issues are shown at their level or approver. */
  error: unknown;
}

export function ApprovalLevelsEditor({ levels, onChange, units, error }: LevelsEditorProps) {
  const { t } = useTranslation();
  const rejected = rejectedPaths(error).filter((path) => path[0] === 'levels');

  const changeLevel = (index: number, level: LevelDraft) =>
    onChange(levels.map((item, position) => (position === index ? level : item)));

  return (
    <Stack gap="sm">
      <Text fw={600}>{t('policies.rules.fields.levels')}</Text>
      {levels.map((level, index) => (
        <LevelEditor
          key={level.key}
          number={index + 1}
          level={level}
          onChange={(changed) => changeLevel(index, changed)}
          onRemove={
            levels.length > 1
              ? () => onChange(levels.filter((_, position) => position !== index))
              : undefined
          }
          units={units}
          rejected={rejected
            .filter((path) => path[1] === String(index))
            .map((path) => path.slice(2))}
        />
      ))}
      <Group gap="sm">
        <Button
          variant="light"
          onClick={() => onChange([...levels, newLevel()])}
          disabled={levels.length >= maxLevels}
        >
          {t('policies.rules.level.add')}
        </Button>
        {levels.length >= maxLevels ? (
          <Text size="sm" c="dimmed">
            {t('policies.rules.level.limit', { max: maxLevels })}
          </Text>
        ) : null}
      </Group>
    </Stack>
  );
}

interface LevelEditorProps {
  /** Position of the level, from 1. */
  number: number;
  level: LevelDraft;
  onChange: (level: LevelDraft) => void;
  /** Absent for the only level, which cannot be removed. */
  onRemove?: () => void;
  units: Unit[];
  /** Paths of the level's invalid fields below the level, such as ['approvers', '1']. */
  rejected: string[][];
}

function LevelEditor({ number, level, onChange, onRemove, units, rejected }: LevelEditorProps) {
  const { t } = useTranslation();
  const levelInvalid = rejected.some((path) => path[1] === undefined);

  const changeApprover = (index: number, spec: ApproverSpec) =>
    onChange({
      ...level,
      approvers: level.approvers.map((item, position) =>
        position === index ? { ...item, spec } : item,
      ),
    });

  return (
    <Fieldset legend={t('policies.rules.level.title', { number })} p="sm">
      <Stack gap="sm">
        <Radio.Group
          label={t('policies.rules.level.mode')}
          value={level.mode}
          onChange={(mode) => onChange({ ...level, mode })}
        >
          <Group gap="md" mt={6}>
            {approvalModes.map((mode) => (
              <Radio key={mode} value={mode} label={t(`policies.rules.level.modes.${mode}`)} />
            ))}
          </Group>
        </Radio.Group>
        {level.approvers.map((approver, index) => (
          <ApproverEditor
            key={approver.key}
            level={number}
            number={index + 1}
            spec={approver.spec}
            onChange={(spec) => changeApprover(index, spec)}
            onRemove={
              level.approvers.length > 1
                ? () =>
                    onChange({
                      ...level,
                      approvers: level.approvers.filter((_, position) => position !== index),
                    })
                : undefined
            }
            units={units}
            invalid={rejected.some((path) => path[0] === 'approvers' && path[1] === String(index))}
          />
        ))}
        {levelInvalid ? (
          <Text size="sm" c="red.8">
            {t('policies.common.invalid')}
          </Text>
        ) : null}
        <Group gap="sm" justify="space-between">
          <Button
            variant="subtle"
            size="xs"
            onClick={() =>
              onChange({
                ...level,
                approvers: [...level.approvers, { key: nextKey(), spec: approverOfType('person') }],
              })
            }
            disabled={level.approvers.length >= maxApproversPerLevel}
          >
            {t('policies.rules.level.addApprover')}
          </Button>
          {onRemove ? (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              {t('policies.rules.level.remove', { number })}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Fieldset>
  );
}

interface ApproverEditorProps {
  /** Position of the level, from 1. */
  level: number;
  /** Position of the approver in the level, from 1. */
  number: number;
  spec: ApproverSpec;
  onChange: (spec: ApproverSpec) => void;
  /** Absent for a level's only approver, who cannot be removed. */
  onRemove?: () => void;
  units: Unit[];
  invalid: boolean;
}

function ApproverEditor({
  level,
  number,
  spec,
  onChange,
  onRemove,
  units,
  invalid,
}: ApproverEditorProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const error = invalid ? t('policies.rules.invalid.approver') : undefined;
  // Types that name someone get the message at that second field, the others at the type.
  const namesSomeone = spec.type === 'person' || spec.type === 'role' || spec.type === 'unitHead';
  const unitOptions = units
    .filter((unit) => unit.active || (spec.type === 'unitHead' && unit.id === spec.unitId))
    .map((unit) => ({ value: unit.id, label: `${unit.code} · ${localName(unit, language)}` }));

  return (
    <Group align="flex-start" gap="xs" wrap="nowrap">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
        <Select
          label={t('policies.rules.approver.type', { number })}
          data={approverTypes.map((type) => ({
            value: type,
            label: t(`policies.rules.approverType.${type}`),
          }))}
          value={spec.type}
          onChange={(type) => {
            if (type && type !== spec.type) onChange(approverOfType(type));
          }}
          allowDeselect={false}
          error={namesSomeone ? undefined : error}
        />
        {spec.type === 'person' ? (
          <PersonSelect
            label={t('policies.rules.approver.person')}
            value={spec.personId}
            onChange={(personId) => onChange({ type: 'person', personId })}
            error={error}
          />
        ) : null}
        {spec.type === 'role' ? (
          <Select
            label={t('policies.rules.approver.role')}
            data={roles.map((role) => ({ value: role, label: t(`admin.roles.${role}`) }))}
            value={spec.role}
            onChange={(role) => {
              if (role) onChange({ type: 'role', role: role });
            }}
            allowDeselect={false}
            error={error}
          />
        ) : null}
        {spec.type === 'unitHead' ? (
          <Select
            label={t('policies.rules.approver.unit')}
            data={unitOptions}
            value={spec.unitId === '' ? null : spec.unitId}
            onChange={(unitId) => onChange({ type: 'unitHead', unitId: unitId ?? '' })}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={error}
            required
          />
        ) : null}
      </SimpleGrid>
      {onRemove ? (
        <ActionIcon
          variant="default"
          mt={26}
          aria-label={t('policies.rules.level.removeApprover', { number, level })}
          onClick={onRemove}
        >
          ×
        </ActionIcon>
      ) : null}
    </Group>
  );
}
