/**
 * The management approval, the procurement and the guarantee refund of a project, each with the
 * step that the detail's `actions` lets the signed-in person take now.
 */
import {
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  procurementDocumentKinds,
  releaseChecklistItems,
  type ReleaseChecklistItem,
} from './constants';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { DocumentForm } from './DocumentForm';
import { fieldErrors } from './fieldError';
import { formatDay, formatRinggit } from './format';
import type { ProjectDetail } from './types';
import { useProjectAction } from './useProjectAction';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

const taskStatusColor = {
  pending: 'blue.8',
  approved: 'teal.9',
  rejected: 'red.8',
  superseded: 'gray.7',
} as const;

export function ApprovalPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const decide = useProjectAction(data.reference, () => setComment(''));
  const issue = fieldErrors(t, decide.error);
  const send = (decision: 'approved' | 'rejected') =>
    decide.mutate({ path: 'approval', body: { decision, comment } });

  return (
    <Section id="project-approval-title" title={t('projects.approval.title')}>
      <Text>
        {t('projects.field.authority')}: {t(`projects.authority.${data.approval.authority}`)}
      </Text>
      {data.approval.tasks.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('projects.approval.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.approval.level')}</Table.Th>
                <Table.Th>{t('projects.approval.approver')}</Table.Th>
                <Table.Th>{t('projects.field.status')}</Table.Th>
                <Table.Th>{t('projects.approval.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.approval.tasks.map((task) => (
                <Table.Tr key={task.id}>
                  <Table.Td>{task.level}</Table.Td>
                  <Table.Td>{task.approver.name}</Table.Td>
                  <Table.Td>
                    <Badge color={taskStatusColor[task.status]} radius="sm">
                      {t(`projects.taskStatus.${task.status}`)}
                    </Badge>
                    {task.decidedAt ? (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(task.decidedAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{task.comment ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data.actions.decideApproval ? (
        <Stack gap="xs">
          <Textarea
            label={t('projects.approval.comment')}
            description={t('projects.approval.commentHelp')}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            autosize
            minRows={2}
            error={issue('comment')}
          />
          {decide.error && decide.error.issues.length === 0 ? (
            <ErrorAlert error={decide.error} />
          ) : null}
          <Group gap="xs">
            <Button loading={decide.isPending} onClick={() => send('approved')}>
              {t('projects.approval.approve')}
            </Button>
            <Button
              color="red.8"
              variant="outline"
              loading={decide.isPending}
              onClick={() => send('rejected')}
            >
              {t('projects.approval.reject')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Section>
  );
}

/** Renders the form of the waiting procurement step, or nothing when no step waits. */
function ProcurementStepForm({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const step = data.actions.procurementStep;
  const [vendorName, setVendorName] = useState('');
  const [vendorEmail, setVendorEmail] = useState('');
  const [number, setNumber] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const record = useProjectAction(data.reference);
  const issue = fieldErrors(t, record.error);
  if (step === null) return null;

  const requests = {
    documentsReady: { path: 'procurement/documents-ready', body: {} },
    evaluate: { path: 'procurement/evaluate', body: {} },
    appointVendor: { path: 'procurement/vendor', body: { vendorName, vendorEmail } },
    purchaseOrder: { path: 'procurement/purchase-order', body: { number } },
    contract: {
      path: 'procurement/contract',
      body: { value: value === '' ? null : Number(value), startsOn, endsOn },
    },
  } as const;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (step) record.mutate(requests[step]);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text fw={600}>{t(`projects.procurement.step.${step}`)}</Text>
        {step === 'appointVendor' ? (
          <Group grow align="flex-start" wrap="wrap" gap="xs">
            <TextInput
              label={t('projects.procurement.vendorName')}
              value={vendorName}
              onChange={(event) => setVendorName(event.currentTarget.value)}
              required
              error={issue('vendorName')}
              miw={180}
            />
            <TextInput
              type="email"
              label={t('projects.procurement.vendorEmail')}
              value={vendorEmail}
              onChange={(event) => setVendorEmail(event.currentTarget.value)}
              required
              error={issue('vendorEmail', 'email')}
              miw={180}
            />
          </Group>
        ) : null}
        {step === 'purchaseOrder' ? (
          <TextInput
            label={t('projects.procurement.purchaseOrderNumber')}
            value={number}
            onChange={(event) => setNumber(event.currentTarget.value)}
            required
            error={issue('number', 'purchaseOrderNumber')}
          />
        ) : null}
        {step === 'contract' ? (
          <Group grow align="flex-start" wrap="wrap" gap="xs">
            <NumberInput
              label={t('projects.procurement.contractValue')}
              value={value}
              onChange={setValue}
              min={0}
              decimalScale={2}
              thousandSeparator=","
              prefix="RM "
              required
              error={issue('value', 'estimatedValue')}
              miw={160}
            />
            <TextInput
              type="date"
              label={t('projects.procurement.startsOn')}
              value={startsOn}
              onChange={(event) => setStartsOn(event.currentTarget.value)}
              required
              error={issue('startsOn', 'date')}
              miw={140}
            />
            <TextInput
              type="date"
              label={t('projects.procurement.endsOn')}
              value={endsOn}
              onChange={(event) => setEndsOn(event.currentTarget.value)}
              required
              error={issue('endsOn', 'endDate')}
              miw={140}
            />
          </Group>
        ) : null}
        {record.error && record.error.issues.length === 0 ? (
          <ErrorAlert error={record.error} />
        ) : null}
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t(`projects.procurement.submit.${step}`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProcurementPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const { procurement, contract } = data;
  if (!procurement && !contract) return null;

  return (
    <Section id="project-procurement-title" title={t('projects.procurement.title')}>
      {procurement ? (
        <Stack gap={2}>
          <Text>
            {t('projects.procurement.method')}:{' '}
            {t(`projects.procurementMethod.${procurement.method}`)}
          </Text>
          <Text>
            {t('projects.field.status')}: {t(`projects.procurementStatus.${procurement.status}`)}
          </Text>
          {procurement.dueAt ? (
            <Group gap="xs">
              <Text>
                {t('projects.procurement.dueAt')}: {formatDateTime(procurement.dueAt)}
              </Text>
              {procurement.overdue ? (
                <Badge color="red.8" radius="sm">
                  {t('projects.procurement.overdue')}
                </Badge>
              ) : null}
            </Group>
          ) : null}
          {procurement.vendorName ? (
            <Text>
              {t('projects.procurement.vendorName')}: {procurement.vendorName}
            </Text>
          ) : null}
          {procurement.purchaseOrderNumber ? (
            <Text>
              {t('projects.procurement.purchaseOrderNumber')}: {procurement.purchaseOrderNumber}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      {contract ? (
        <Stack gap={2}>
          <Text>
            {t('projects.procurement.vendorName')}: {contract.vendorName} ({contract.vendorEmail})
          </Text>
          <Text>
            {t('projects.procurement.contractValue')}: {formatRinggit(contract.value)} ·{' '}
            {formatDay(contract.startsOn)} – {formatDay(contract.endsOn)}
          </Text>
          {contract.security ? (
            <Text>
              {t('projects.field.securityKind')}: {t(`projects.security.${contract.security.kind}`)}{' '}
              · {formatRinggit(contract.security.amount)}
            </Text>
          ) : null}
        </Stack>
      ) : null}
      {data.actions.procurementStep === 'documentsReady' ||
      data.actions.procurementStep === 'evaluate' ? (
        <Paper withBorder p="xs" bg="gray.0">
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('projects.document.heading')}
            </Text>
            <DocumentForm
              reference={data.reference}
              kinds={procurementDocumentKinds}
              idPrefix="procurement-document"
            />
          </Stack>
        </Paper>
      ) : null}
      <ProcurementStepForm data={data} />
    </Section>
  );
}

export function GuaranteePanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const act = useProjectAction(data.reference);
  const issue = fieldErrors(t, act.error);
  const { guarantee } = data;
  if (!guarantee && data.refunds.length === 0) return null;

  const confirm = (item: ReleaseChecklistItem) =>
    act.mutate({ path: 'guarantee/checklist', body: { item } });
  function release(event: FormEvent) {
    event.preventDefault();
    act.mutate({
      path: 'guarantee/release',
      body: { releaseCertificate: { kind: 'releaseCertificate', title, url: url || null } },
    });
  }

  return (
    <Section id="project-guarantee-title" title={t('projects.guarantee.title')}>
      {guarantee ? (
        <Stack gap={2}>
          <Text>
            {t('projects.field.status')}: {t(`projects.guaranteeStatus.${guarantee.status}`)}
          </Text>
          {guarantee.security ? (
            <Text>
              {t(`projects.security.${guarantee.security.kind}`)}:{' '}
              {formatRinggit(guarantee.security.amount)}
            </Text>
          ) : null}
          <Text>
            {t('projects.guarantee.defectsLiabilityEndsAt')}:{' '}
            {formatDateTime(guarantee.defectsLiabilityEndsAt)}
          </Text>
          <List size="sm">
            {releaseChecklistItems.map((item) => {
              const done = guarantee.checklist.includes(item);
              return (
                <List.Item key={item}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm">
                      {t(`projects.checklist.${item}`)} ·{' '}
                      {done ? t('projects.guarantee.confirmed') : t('projects.guarantee.pending')}
                    </Text>
                    {!done && data.actions.guaranteeChecklist ? (
                      <Button
                        size="compact-sm"
                        variant="default"
                        loading={act.isPending}
                        onClick={() => confirm(item)}
                        aria-label={t('projects.guarantee.confirmItem', {
                          item: t(`projects.checklist.${item}`),
                        })}
                      >
                        {t('projects.guarantee.confirm')}
                      </Button>
                    ) : null}
                  </Group>
                </List.Item>
              );
            })}
          </List>
        </Stack>
      ) : null}
      {data.refunds.length > 0 ? (
        <Stack gap={2}>
          <Text fw={600}>{t('projects.guarantee.refunds')}</Text>
          {data.refunds.map((refund) => (
            <Text key={`${refund.stage}-${refund.at}`} size="sm">
              {t(`projects.refundStage.${refund.stage}`)}: {formatRinggit(refund.amount)} ·{' '}
              {formatDateTime(refund.at)}
            </Text>
          ))}
        </Stack>
      ) : null}
      {data.actions.guaranteeRelease ? (
        <form onSubmit={release} noValidate>
          <Stack gap="xs">
            <Text fw={600}>{t('projects.guarantee.release')}</Text>
            <Group grow align="flex-start" wrap="wrap" gap="xs">
              <TextInput
                label={t('projects.document.title')}
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                required
                error={issue('releaseCertificate.title', 'documentTitle')}
                miw={180}
              />
              <TextInput
                type="url"
                label={t('projects.document.url')}
                placeholder="https://"
                value={url}
                onChange={(event) => setUrl(event.currentTarget.value)}
                required
                error={
                  issue('releaseCertificate.url', 'url') ??
                  issue('releaseCertificate.fileId', 'url')
                }
                miw={180}
              />
            </Group>
            <Group>
              <Button type="submit" loading={act.isPending}>
                {t('projects.guarantee.releaseSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
      {act.error && act.error.issues.length === 0 ? <ErrorAlert error={act.error} /> : null}
    </Section>
  );
}
