/**
 * Creates or replaces an SLA policy: its scope (workflow type, category, priority), both targets,
 * the statuses that pause the clock, what reopening does, when warnings go out and what happens
 * at a breach. Saving makes open complaints recompute their deadlines (the API starts that).
 */
import {
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { priorities, type Priority } from '../../../../../common/enums';
import {
  defaultEscalation,
  defaultWarningShares,
  pausableStatuses,
  reopenModes,
  slaWorkflowTypes,
  type PausableStatus,
  type ReopenMode,
  type SlaEscalation,
  type SlaWorkflowType,
} from '../../../../../common/sla';
import { api, apiRequest } from '../../../api/client';
import { localName } from '../../../catalogue';
import { currentLanguage } from '../../../i18n';
import type { AdminService } from '../shared';
import { FormError, isRejected, useFocusOnRejection } from './FormError';
import {
  fromTargetDraft,
  percentToShare,
  shareToPercent,
  toTargetDraft,
  type TargetDraft,
} from './slaTargets';
import { TargetField } from './TargetField';
import { slaPoliciesQueryKey, type SlaPolicy, type SlaPolicyBody } from './types';

/** Maximum number of warning shares, as the API's policyBody allows. */
const maxWarnings = 5;

const escalationOptions: Array<keyof SlaEscalation> = [
  'notifyUnitHead',
  'raisePriority',
  'reassignToUnitQueue',
];

interface PolicyDraft {
  code: string;
  nameMs: string;
  nameEn: string;
  workflowType: SlaWorkflowType;
  categoryId: string | null;
  /** 'all' or a priority such as '1'. */
  priority: string;
  firstResponse: TargetDraft;
  resolution: TargetDraft;
  pauseStatuses: string[];
  reopenMode: ReopenMode;
  /** Warning shares as the percentages typed, such as '50' and '75'. */
  warningPercents: string[];
  escalation: SlaEscalation;
  active: boolean;
}

function initialDraft(policy: SlaPolicy | null, workflowType: SlaWorkflowType): PolicyDraft {
  if (policy === null) {
    return {
      code: '',
      nameMs: '',
      nameEn: '',
      workflowType,
      categoryId: null,
      priority: 'all',
      firstResponse: toTargetDraft({ kind: 'workingMinutes', minutes: 60 }),
      resolution: toTargetDraft({ kind: 'workingDays', days: 1 }),
      pauseStatuses: [...pausableStatuses],
      reopenMode: 'continue',
      warningPercents: defaultWarningShares.map(shareToPercent),
      escalation: { ...defaultEscalation },
      active: true,
    };
  }
  return {
    code: policy.code,
    nameMs: policy.nameMs,
    nameEn: policy.nameEn,
    workflowType: policy.workflowType,
    categoryId: policy.categoryId,
    priority: policy.priority === null ? 'all' : String(policy.priority),
    firstResponse: toTargetDraft(policy.firstResponse),
    resolution: toTargetDraft(policy.resolution),
    pauseStatuses: [...policy.pauseStatuses],
    reopenMode: policy.reopenMode,
    warningPercents: policy.warningShares.map(shareToPercent),
    escalation: { ...policy.escalation },
    active: policy.active,
  };
}

function toBody(draft: PolicyDraft): SlaPolicyBody {
  return {
    code: draft.code,
    nameMs: draft.nameMs,
    nameEn: draft.nameEn,
    workflowType: draft.workflowType,
    categoryId: draft.categoryId,
    priority: draft.priority === 'all' ? null : (Number(draft.priority) as Priority),
    firstResponse: fromTargetDraft(draft.firstResponse),
    resolution: fromTargetDraft(draft.resolution),
    pauseStatuses: draft.pauseStatuses as PausableStatus[],
    reopenMode: draft.reopenMode,
    warningShares: draft.warningPercents.map(percentToShare),
    escalation: draft.escalation,
    active: draft.active,
  };
}

/**
 * Builds the category options grouped by service. Inactive entries can still be chosen, and
 * their names say that they are inactive.
 */
function categoryOptions(t: TFunction, services: AdminService[], language: 'ms' | 'en') {
  const mark = (record: { nameMs: string; nameEn: string; active: boolean }) => {
    const name = localName(record, language);
    return record.active ? name : t('policies.sla.inactiveCategory', { name });
  };
  return services
    .filter((service) => service.categories.length > 0)
    .map((service) => ({
      group: mark(service),
      items: service.categories.map((category) => ({ value: category.id, label: mark(category) })),
    }));
}

interface SlaPolicyModalProps {
  /** The policy to change, or null to create one. */
  policy: SlaPolicy | null;
  /** Workflow type of a new policy, such as the one the list is filtered by. */
  workflowType: SlaWorkflowType;
  services: AdminService[];
  onClose: () => void;
  onSaved: (policy: SlaPolicy) => void;
}

export function SlaPolicyModal({
  policy,
  workflowType,
  services,
  onClose,
  onSaved,
}: SlaPolicyModalProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => initialDraft(policy, workflowType));

  const set = <Key extends keyof PolicyDraft>(key: Key, value: PolicyDraft[Key]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const body = toBody(draft);
      return policy
        ? apiRequest<SlaPolicy>('PUT', `/sla-policies/${policy.id}`, body)
        : api.post<SlaPolicy>('/sla-policies', body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: slaPoliciesQueryKey });
      onSaved(saved);
    },
  });

  const form = useRef<HTMLFormElement>(null);
  useFocusOnRejection(form, save.error);

  /** Returns the message shown at a field the API rejected, or undefined. */
  const fieldError = (name: keyof SlaPolicyBody): string | undefined => {
    if (!isRejected(save.error, name)) return undefined;
    switch (name) {
      case 'code':
        return t('policies.sla.invalid.code');
      case 'nameMs':
      case 'nameEn':
        return t('policies.common.required', { max: 200 });
      case 'firstResponse':
      case 'resolution':
        return t('policies.sla.invalid.target');
      case 'warningShares':
        return t('policies.sla.invalid.warningShares');
      default:
        return t('policies.common.invalid');
    }
  };

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const title = policy
    ? t('policies.sla.editTitle', { name: localName(policy, language) })
    : t('policies.sla.createTitle');

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={title}
    >
      <form ref={form} onSubmit={handleSubmit} noValidate>
        <Stack>
          <FormError
            error={save.error}
            labelOf={(path) =>
              t(`policies.sla.fields.${path[0] ?? ''}`, { defaultValue: path[0] ?? '' })
            }
            conflictMessage={t('policies.sla.conflict')}
          />
          <TextInput
            label={t('policies.sla.fields.code')}
            description={t('policies.sla.hints.code')}
            required
            value={draft.code}
            onChange={(event) => set('code', event.currentTarget.value)}
            error={fieldError('code')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('policies.sla.fields.nameMs')}
              required
              value={draft.nameMs}
              onChange={(event) => set('nameMs', event.currentTarget.value)}
              error={fieldError('nameMs')}
            />
            <TextInput
              label={t('policies.sla.fields.nameEn')}
              required
              value={draft.nameEn}
              onChange={(event) => set('nameEn', event.currentTarget.value)}
              error={fieldError('nameEn')}
            />
          </SimpleGrid>

          <ScopeFields draft={draft} set={set} services={services} fieldError={fieldError} />

          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <TargetField
              label={t('policies.sla.fields.firstResponse')}
              draft={draft.firstResponse}
              onChange={(value) => set('firstResponse', value)}
              error={fieldError('firstResponse')}
            />
            <TargetField
              label={t('policies.sla.fields.resolution')}
              draft={draft.resolution}
              onChange={(value) => set('resolution', value)}
              error={fieldError('resolution')}
            />
          </SimpleGrid>

          <ClockFields draft={draft} set={set} fieldError={fieldError} />

          <Switch
            label={t('policies.sla.fields.active')}
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

type Setter = <Key extends keyof PolicyDraft>(key: Key, value: PolicyDraft[Key]) => void;
type FieldError = (name: keyof SlaPolicyBody) => string | undefined;

/** Workflow type, category and priority: the cases the policy applies to. */
function ScopeFields({
  draft,
  set,
  services,
  fieldError,
}: {
  draft: PolicyDraft;
  set: Setter;
  services: AdminService[];
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label={t('policies.sla.fields.workflowType')}
        data={slaWorkflowTypes.map((value) => ({
          value,
          label: t(`policies.sla.workflowType.${value}`),
        }))}
        value={draft.workflowType}
        onChange={(value) => {
          if (value) set('workflowType', value);
        }}
        allowDeselect={false}
        error={fieldError('workflowType')}
        required
      />
      <Select
        label={t('policies.sla.fields.priority')}
        data={[
          { value: 'all', label: t('policies.sla.anyPriority') },
          ...priorities.map((value) => ({ value: String(value), label: t(`priority.${value}`) })),
        ]}
        value={draft.priority}
        onChange={(value) => set('priority', value ?? 'all')}
        allowDeselect={false}
        error={fieldError('priority')}
      />
      <Select
        label={t('policies.sla.fields.categoryId')}
        placeholder={t('policies.sla.anyCategory')}
        data={categoryOptions(t, services, language)}
        value={draft.categoryId}
        onChange={(value) => set('categoryId', value)}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        searchable
        nothingFoundMessage={t('common.nothingFound')}
        error={fieldError('categoryId')}
        style={{ gridColumn: '1 / -1' }}
      />
    </SimpleGrid>
  );
}

/** Pauses, reopening, warnings and escalation: how the clock runs and what a breach does. */
function ClockFields({
  draft,
  set,
  fieldError,
}: {
  draft: PolicyDraft;
  set: Setter;
  fieldError: FieldError;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Checkbox.Group
          label={t('policies.sla.fields.pauseStatuses')}
          description={t('policies.sla.hints.pauseStatuses')}
          value={draft.pauseStatuses}
          onChange={(value) => set('pauseStatuses', value)}
          error={fieldError('pauseStatuses')}
        >
          <Stack gap={6} mt={6}>
            {pausableStatuses.map((status) => (
              <Checkbox key={status} value={status} label={t(`status.${status}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Radio.Group
          label={t('policies.sla.fields.reopenMode')}
          value={draft.reopenMode}
          onChange={(value) => set('reopenMode', value)}
          error={fieldError('reopenMode')}
        >
          <Stack gap={6} mt={6}>
            {reopenModes.map((mode) => (
              <Radio key={mode} value={mode} label={t(`policies.sla.reopen.${mode}`)} />
            ))}
          </Stack>
        </Radio.Group>
      </SimpleGrid>
      <TagsInput
        label={t('policies.sla.fields.warningShares')}
        description={t('policies.sla.hints.warningShares')}
        value={draft.warningPercents}
        onChange={(value) => set('warningPercents', value)}
        maxTags={maxWarnings}
        splitChars={[',', ' ']}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        error={fieldError('warningShares')}
      />
      <Stack gap={6} component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" fw={500} size="sm" mb={4}>
          {t('policies.sla.fields.escalation')}
        </Text>
        {escalationOptions.map((option) => (
          <Switch
            key={option}
            label={t(`policies.sla.escalation.${option}`)}
            checked={draft.escalation[option]}
            onChange={(event) =>
              set('escalation', { ...draft.escalation, [option]: event.currentTarget.checked })
            }
          />
        ))}
      </Stack>
    </>
  );
}
