/**
 * The staff actions on a case, each a small form in an accordion, offered only when the person
 * may take it in the case's state: classify, assign, wait, resume, record a new finding, resolve
 * and reopen.
 */
import {
  Accordion,
  Button,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { priorityFrom, type Level } from '../../../../common/enums';
import type { CaseDetail } from '../../api/types';
import { localName, useCatalogue } from '../../catalogue';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { AssignFields, validateAssignment, type AssignValue } from './AssignFields';
import { useCaseAction, type CaseActionPath } from './data';
import type { CaseAction } from './permissions';

const levelOptions = ['1', '2', '3'] as const;

function toLevel(value: string | null): Level | null {
  return value === '1' || value === '2' || value === '3' ? (Number(value) as Level) : null;
}

/** A form with one error alert and one submit button that sends a case action. */
function ActionForm({
  reference,
  path,
  submitLabel,
  build,
  children,
  color,
}: {
  reference: string;
  path: CaseActionPath;
  submitLabel: string;
  /** Returns the request body, or null when a field is invalid (the form shows why). */
  build: () => unknown;
  children?: ReactNode;
  color?: string;
}) {
  const action = useCaseAction(reference);
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const body = build();
    if (body !== null) action.mutate({ path, body });
  }
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={action.error} />
        {children}
        <Group justify="flex-end">
          <Button type="submit" loading={action.isPending} color={color}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Category, impact and urgency, with the priority they give. */
function ClassifyForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const catalogue = useCatalogue();
  const [categoryId, setCategoryId] = useState<string | null>(detail.category?.id ?? null);
  const [impact, setImpact] = useState<string | null>(String(detail.impact));
  const [urgency, setUrgency] = useState<string | null>(String(detail.urgency));
  const impactLevel = toLevel(impact);
  const urgencyLevel = toLevel(urgency);
  const priority = impactLevel && urgencyLevel ? priorityFrom(impactLevel, urgencyLevel) : null;
  const groups = (catalogue.data?.items ?? []).map((service) => ({
    group: localName(service, language),
    items: service.categories.map((category) => ({
      value: category.id,
      label: localName(category, language),
    })),
  }));

  return (
    <ActionForm
      reference={detail.reference}
      path="classify"
      submitLabel={t('agent.actions.classifySubmit')}
      build={() =>
        impactLevel && urgencyLevel
          ? { categoryId, impact: impactLevel, urgency: urgencyLevel }
          : null
      }
    >
      <Select
        label={t('fields.categoryId')}
        data={groups}
        value={categoryId}
        onChange={setCategoryId}
        searchable
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        nothingFoundMessage={t('common.nothingFound')}
      />
      <Group grow wrap="wrap" gap="sm">
        <Select
          label={t('fields.impact')}
          data={levelOptions.map((level) => ({ value: level, label: t(`agent.level.${level}`) }))}
          value={impact}
          onChange={setImpact}
          allowDeselect={false}
          miw={140}
        />
        <Select
          label={t('fields.urgency')}
          data={levelOptions.map((level) => ({ value: level, label: t(`agent.level.${level}`) }))}
          value={urgency}
          onChange={setUrgency}
          allowDeselect={false}
          miw={140}
        />
      </Group>
      <Text size="sm" role="status">
        {priority
          ? t('agent.actions.resultingPriority', { priority: t(`priority.${priority}`) })
          : ''}
      </Text>
    </ActionForm>
  );
}

function AssignForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AssignValue>({
    unitId: detail.unit?.id ?? null,
    assigneeId: detail.assignee?.id ?? null,
    reason: '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof AssignValue, string>>>({});
  return (
    <ActionForm
      reference={detail.reference}
      path="assign"
      submitLabel={t('agent.actions.assignSubmit')}
      build={() => {
        const found = validateAssignment(value, t('validation.required'));
        setErrors(found);
        if (Object.keys(found).length > 0) return null;
        return { unitId: value.unitId, assigneeId: value.assigneeId, reason: value.reason.trim() };
      }}
    >
      <AssignFields value={value} onChange={setValue} errors={errors} idPrefix="case-assign" />
    </ActionForm>
  );
}

/** A form with a single required text field, such as the resolution note or the reopen reason. */
function TextActionForm({
  detail,
  path,
  field,
  label,
  submitLabel,
  multiline,
  extra,
}: {
  detail: CaseDetail;
  path: CaseActionPath;
  field: string;
  label: string;
  submitLabel: string;
  multiline: boolean;
  extra?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const input = multiline ? (
    <Textarea
      label={label}
      autosize
      minRows={3}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      error={missing ? t('validation.required') : undefined}
      required
    />
  ) : (
    <TextInput
      label={label}
      value={text}
      maxLength={500}
      onChange={(event) => setText(event.currentTarget.value)}
      error={missing ? t('validation.required') : undefined}
      required
    />
  );
  return (
    <ActionForm
      reference={detail.reference}
      path={path}
      submitLabel={submitLabel}
      build={() => {
        const empty = text.trim() === '';
        setMissing(empty);
        return empty ? null : { ...extra, [field]: text.trim() };
      }}
    >
      {input}
    </ActionForm>
  );
}

function WaitForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<'customer' | 'supplier'>('customer');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <ActionForm
      reference={detail.reference}
      path="wait"
      submitLabel={t('agent.actions.waitSubmit')}
      build={() => {
        const empty = text.trim() === '';
        setMissing(empty);
        return empty ? null : { reason, body: text.trim() };
      }}
    >
      <Radio.Group
        label={t('agent.actions.waitFor')}
        value={reason}
        onChange={(value) => setReason(value === 'supplier' ? 'supplier' : 'customer')}
      >
        <Group gap="md" mt={4}>
          <Radio value="customer" label={t('status.waiting_customer')} />
          <Radio value="supplier" label={t('status.waiting_supplier')} />
        </Group>
      </Radio.Group>
      <Textarea
        label={t('agent.actions.waitMessage')}
        autosize
        minRows={2}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        error={missing ? t('validation.required') : undefined}
        required
      />
    </ActionForm>
  );
}

function FindingForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState<{ title?: boolean; body?: boolean }>({});
  return (
    <ActionForm
      reference={detail.reference}
      path="findings"
      submitLabel={t('agent.actions.findingSubmit')}
      build={() => {
        const found = { title: title.trim() === '', body: body.trim() === '' };
        setMissing(found);
        return found.title || found.body ? null : { title: title.trim(), body: body.trim() };
      }}
    >
      <TextInput
        label={t('fields.title')}
        value={title}
        maxLength={500}
        onChange={(event) => setTitle(event.currentTarget.value)}
        error={missing.title ? t('validation.required') : undefined}
        required
      />
      <Textarea
        label={t('agent.actions.findingBody')}
        autosize
        minRows={3}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        error={missing.body ? t('validation.required') : undefined}
        required
      />
    </ActionForm>
  );
}

export function CaseActions({ detail, allowed }: { detail: CaseDetail; allowed: Set<CaseAction> }) {
  const { t } = useTranslation();
  const items: { id: CaseAction; content: ReactNode }[] = [];
  if (allowed.has('assign')) items.push({ id: 'assign', content: <AssignForm detail={detail} /> });
  if (allowed.has('classify'))
    items.push({ id: 'classify', content: <ClassifyForm detail={detail} /> });
  if (allowed.has('resolve'))
    items.push({
      id: 'resolve',
      content: (
        <TextActionForm
          detail={detail}
          path="resolve"
          field="resolutionNote"
          label={t('fields.resolutionNote')}
          submitLabel={t('agent.actions.resolveSubmit')}
          multiline
        />
      ),
    });
  if (allowed.has('wait')) items.push({ id: 'wait', content: <WaitForm detail={detail} /> });
  if (allowed.has('resume'))
    items.push({
      id: 'resume',
      content: (
        <ActionForm
          reference={detail.reference}
          path="resume"
          submitLabel={t('agent.actions.resumeSubmit')}
          build={() => ({})}
        >
          <Text size="sm">{t('agent.actions.resumeHelp')}</Text>
        </ActionForm>
      ),
    });
  if (allowed.has('finding'))
    items.push({ id: 'finding', content: <FindingForm detail={detail} /> });
  if (allowed.has('reopen'))
    items.push({
      id: 'reopen',
      content: (
        <TextActionForm
          detail={detail}
          path="reopen"
          field="reason"
          label={t('fields.reason')}
          submitLabel={t('agent.actions.reopenSubmit')}
          multiline={false}
        />
      ),
    });

  if (items.length === 0) return <Text size="sm">{t('agent.actions.none')}</Text>;
  return (
    <Accordion variant="separated" chevronPosition="right">
      {items.map((item) => (
        <Accordion.Item key={item.id} value={item.id}>
          <Accordion.Control>{t(`agent.actions.${item.id}`)}</Accordion.Control>
          <Accordion.Panel>{item.content}</Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
