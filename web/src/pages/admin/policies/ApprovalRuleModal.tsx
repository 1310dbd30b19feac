/**
 * Creates or replaces an approval rule: which applications it matches (kind, category, unit,
 * value range) and before which others (priority), and its levels of approvers. Approval chains
 * already running keep the levels they started with.
 */
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { approvalSubjectKinds, type ApprovalSubjectKind } from '../../../../../common/approval';
import { api, apiRequest } from '../../../api/client';
import { localName } from '../../../catalogue';
import { currentLanguage } from '../../../i18n';
import type { Unit } from '../shared';
import { ApprovalLevelsEditor, newLevel, nextKey, type LevelDraft } from './ApprovalLevelsEditor';
import { FormError, isRejected, useFocusOnRejection } from './FormError';
import { approvalRulesQueryKey, type ApprovalRule, type ApprovalRuleBody } from './types';

/** Hints go below their inputs, so inputs with hints of different lengths stay in line. */
const hintBelow: Array<'label' | 'input' | 'description' | 'error'> = [
  'label',
  'input',
  'description',
  'error',
];

/** Priority of a new rule, the API's default. */
const defaultPriority = 100;

interface RuleDraft {
  name: string;
  subjectKind: ApprovalSubjectKind;
  /** '' matches every category. */
  category: string;
  unitId: string | null;
  /** '' is no limit. */
  minValue: number | '';
  maxValue: number | '';
  priority: number | '';
  levels: LevelDraft[];
  active: boolean;
}

function initialDraft(rule: ApprovalRule | null): RuleDraft {
  if (rule === null) {
    return {
      name: '',
      subjectKind: 'facilityRequest',
      category: '',
      unitId: null,
      minValue: '',
      maxValue: '',
      priority: defaultPriority,
      levels: [newLevel()],
      active: true,
    };
  }
  return {
    name: rule.name,
    subjectKind: rule.subjectKind as ApprovalSubjectKind,
    category: rule.category ?? '',
    unitId: rule.unitId,
    minValue: rule.minValue ?? '',
    maxValue: rule.maxValue ?? '',
    priority: rule.priority,
    levels: rule.levels.map((level) => ({
      key: nextKey(),
      mode: level.mode,
      approvers: level.approvers.map((spec) => ({ key: nextKey(), spec })),
    })),
    active: rule.active,
  };
}

function toBody(draft: RuleDraft): ApprovalRuleBody {
  const category = draft.category.trim();
  return {
    name: draft.name,
    subjectKind: draft.subjectKind,
    category: category === '' ? null : category,
    unitId: draft.unitId,
    minValue: draft.minValue === '' ? null : draft.minValue,
    maxValue: draft.maxValue === '' ? null : draft.maxValue,
    // An emptied priority is left out, so the API applies its default.
    priority: draft.priority === '' ? undefined : draft.priority,
    levels: draft.levels.map((level) => ({
      mode: level.mode,
      approvers: level.approvers.map((approver) => approver.spec),
    })),
    active: draft.active,
  };
}

/** Reads a number input's value, which is a string while the field is empty or half typed. */
function asNumberOrEmpty(value: number | string): number | '' {
  return typeof value === 'number' ? value : '';
}

interface ApprovalRuleModalProps {
  /** The rule to change, or null to create one. */
  rule: ApprovalRule | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (rule: ApprovalRule) => void;
}

export function ApprovalRuleModal({ rule, units, onClose, onSaved }: ApprovalRuleModalProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => initialDraft(rule));

  const set = <Key extends keyof RuleDraft>(key: Key, value: RuleDraft[Key]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const body = toBody(draft);
      return rule
        ? apiRequest<ApprovalRule>('PUT', `/approval-rules/${rule.id}`, body)
        : api.post<ApprovalRule>('/approval-rules', body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: approvalRulesQueryKey });
      onSaved(saved);
    },
  });

  const form = useRef<HTMLFormElement>(null);
  useFocusOnRejection(form, save.error);

  /** Returns the message shown at a field the API rejected, or undefined. */
  const fieldError = (name: keyof ApprovalRuleBody): string | undefined => {
    if (!isRejected(save.error, name)) return undefined;
    switch (name) {
      case 'name':
        return t('policies.common.required', { max: 200 });
      case 'category':
        return t('policies.rules.invalid.category');
      case 'minValue':
        return t('policies.rules.invalid.money');
      case 'maxValue':
        return draft.minValue !== '' && draft.maxValue !== '' && draft.maxValue <= draft.minValue
          ? t('policies.rules.invalid.maxValue')
          : t('policies.rules.invalid.money');
      case 'priority':
        return t('policies.rules.invalid.priority');
      default:
        return t('policies.common.invalid');
    }
  };

  /** Names the field at an invalid path, down to the level and approver. */
  const labelOf = (path: string[]): string => {
    const [field = '', level, , approver] = path;
    if (field === 'levels' && level !== undefined) {
      const numbers = { level: Number(level) + 1, approver: Number(approver) + 1 };
      return approver === undefined
        ? t('policies.rules.errorAt.level', numbers)
        : t('policies.rules.errorAt.approver', numbers);
    }
    return t(`policies.rules.fields.${field}`, { defaultValue: field });
  };

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const unitOptions = units
    .filter((unit) => unit.active || unit.id === draft.unitId)
    .map((unit) => ({ value: unit.id, label: `${unit.code} · ${localName(unit, language)}` }));

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="xl"
      title={
        rule ? t('policies.rules.editTitle', { name: rule.name }) : t('policies.rules.createTitle')
      }
    >
      <form ref={form} onSubmit={handleSubmit} noValidate>
        <Stack>
          <FormError error={save.error} labelOf={labelOf} />
          <TextInput
            label={t('policies.rules.fields.name')}
            required
            value={draft.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={fieldError('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('policies.rules.fields.subjectKind')}
              data={approvalSubjectKinds.map((kind) => ({
                value: kind,
                label: t(`approvals.kind.${kind}`),
              }))}
              value={draft.subjectKind}
              onChange={(value) => {
                if (value) set('subjectKind', value);
              }}
              allowDeselect={false}
              error={fieldError('subjectKind')}
              required
            />
            <NumberInput
              label={t('policies.rules.fields.priority')}
              description={t('policies.rules.hints.priority')}
              inputWrapperOrder={hintBelow}
              value={draft.priority}
              onChange={(value) => set('priority', asNumberOrEmpty(value))}
              min={0}
              max={10_000}
              allowDecimal={false}
              allowNegative={false}
              error={fieldError('priority')}
            />
            <TextInput
              label={t('policies.rules.fields.category')}
              description={t('policies.rules.hints.category')}
              inputWrapperOrder={hintBelow}
              placeholder={t('policies.rules.anyCategory')}
              value={draft.category}
              onChange={(event) => set('category', event.currentTarget.value)}
              error={fieldError('category')}
            />
            <Select
              label={t('policies.rules.fields.unitId')}
              description={t('policies.rules.hints.unitId')}
              inputWrapperOrder={hintBelow}
              placeholder={t('policies.rules.anyUnit')}
              data={unitOptions}
              value={draft.unitId}
              onChange={(value) => set('unitId', value)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              error={fieldError('unitId')}
            />
            <NumberInput
              label={t('policies.rules.fields.minValue')}
              description={t('policies.rules.hints.minValue')}
              inputWrapperOrder={hintBelow}
              value={draft.minValue}
              onChange={(value) => set('minValue', asNumberOrEmpty(value))}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              allowNegative={false}
              error={fieldError('minValue')}
            />
            <NumberInput
              label={t('policies.rules.fields.maxValue')}
              description={t('policies.rules.hints.maxValue')}
              inputWrapperOrder={hintBelow}
              value={draft.maxValue}
              onChange={(value) => set('maxValue', asNumberOrEmpty(value))}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              allowNegative={false}
              error={fieldError('maxValue')}
            />
          </SimpleGrid>
          <ApprovalLevelsEditor
            levels={draft.levels}
            onChange={(levels) => set('levels', levels)}
            units={units}
            error={save.error}
          />
          <Switch
            label={t('policies.rules.fields.active')}
            checked={draft.active}
            onChange={(event) => set('active', event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
