/**
 * SLA policies (the client charter's targets): every policy with its scope and both targets in
 * words, filtered by workflow type, and the form that creates or changes one. A table on wide
 * screens, one card per policy on narrow ones.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { slaWorkflowTypes, type SlaWorkflowType } from '../../../../../common/sla';
import { api } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { currentLanguage } from '../../../i18n';
import type { AdminService } from '../shared';
import { ActiveBadge } from './ActiveBadge';
import { describeTarget } from './slaTargets';
import { SlaPolicyModal } from './SlaPolicyModal';
import { slaPoliciesQueryKey, type SlaPolicy } from './types';

/** A policy as one row of the list shows it, every field in words. */
interface PolicyRow {
  policy: SlaPolicy;
  name: string;
  workflowType: string;
  category: string;
  priority: string;
  firstResponse: string;
  resolution: string;
}

export default function SlaPoliciesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('policies.sla.title')} · ${t('app.name')}`);
  const language = currentLanguage();
  const [workflowType, setWorkflowType] = useState<SlaWorkflowType | null>(null);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const policies = useQuery({
    queryKey: slaPoliciesQueryKey,
    queryFn: () => api.get<{ items: SlaPolicy[] }>('/sla-policies'),
  });
  const services = useQuery({
    queryKey: ['admin', 'catalogue'],
    queryFn: () => api.get<{ items: AdminService[] }>('/catalogue/services?includeInactive=true'),
  });

  const categoryNames = new Map<string, string>();
  for (const service of services.data?.items ?? []) {
    for (const category of service.categories) {
      categoryNames.set(category.id, localName(category, language));
    }
  }

  const rows: PolicyRow[] = (policies.data?.items ?? [])
    .filter((policy) => workflowType === null || policy.workflowType === workflowType)
    .map((policy) => ({
      policy,
      name: localName(policy, language),
      workflowType: t(`policies.sla.workflowType.${policy.workflowType}`),
      category:
        policy.categoryId === null
          ? t('policies.sla.anyCategory')
          : (categoryNames.get(policy.categoryId) ?? ''),
      priority:
        policy.priority === null ? t('policies.sla.anyPriority') : t(`priority.${policy.priority}`),
      firstResponse: describeTarget(t, policy.firstResponse),
      resolution: describeTarget(t, policy.resolution),
    }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('policies.sla.title')}</Title>
        <Button
          onClick={() => {
            setSaved(null);
            setEditing('new');
          }}
        >
          {t('policies.sla.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('policies.sla.intro')}</Text>
      {saved ? (
        <Alert
          color="teal"
          variant="light"
          role="status"
          withCloseButton
          closeButtonLabel={t('admin.common.close')}
          onClose={() => setSaved(null)}
        >
          {saved}
        </Alert>
      ) : null}
      <Select
        label={t('policies.sla.fields.workflowType')}
        placeholder={t('policies.sla.anyWorkflowType')}
        data={slaWorkflowTypes.map((value) => ({
          value,
          label: t(`policies.sla.workflowType.${value}`),
        }))}
        value={workflowType}
        onChange={setWorkflowType}
        clearable
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        maw={360}
      />
      <ErrorAlert error={policies.error ?? services.error} />
      {policies.isPending ? <PageLoader /> : null}
      {policies.isSuccess && rows.length === 0 ? (
        <Text>{workflowType ? t('policies.sla.emptyFiltered') : t('policies.sla.empty')}</Text>
      ) : null}
      {rows.length > 0 ? (
        <>
          <PolicyTable rows={rows} onEdit={setEditing} />
          <PolicyCards rows={rows} onEdit={setEditing} />
        </>
      ) : null}
      {editing ? (
        <SlaPolicyModal
          policy={editing === 'new' ? null : editing}
          workflowType={workflowType ?? 'complaint'}
          services={services.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(policy) => {
            setEditing(null);
            setSaved(t('policies.sla.saved', { name: localName(policy, language) }));
          }}
        />
      ) : null}
    </Stack>
  );
}

interface ListProps {
  rows: PolicyRow[];
  onEdit: (policy: SlaPolicy) => void;
}

function PolicyName({ row, onEdit }: { row: PolicyRow; onEdit: ListProps['onEdit'] }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <UnstyledButton onClick={() => onEdit(row.policy)} style={{ alignSelf: 'flex-start' }}>
        <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
          {row.name}
        </Text>
      </UnstyledButton>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {row.policy.code}
      </Text>
    </Stack>
  );
}

function PolicyTable({ rows, onEdit }: ListProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720} visibleFrom="md">
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policies.sla.columns.name')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.workflowType')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.category')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.priority')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.firstResponse')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.resolution')}</Table.Th>
            <Table.Th>{t('policies.sla.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.policy.id}>
              <Table.Td>
                <PolicyName row={row} onEdit={onEdit} />
              </Table.Td>
              <Table.Td>{row.workflowType}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.category}</Table.Td>
              <Table.Td>{row.priority}</Table.Td>
              <Table.Td>{row.firstResponse}</Table.Td>
              <Table.Td>{row.resolution}</Table.Td>
              <Table.Td>
                <ActiveBadge active={row.policy.active} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PolicyCards({ rows, onEdit }: ListProps) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="sm"
      component="ul"
      hiddenFrom="md"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {rows.map((row) => (
        <Card key={row.policy.id} withBorder component="li" padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <PolicyName row={row} onEdit={onEdit} />
              <ActiveBadge active={row.policy.active} />
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {[row.workflowType, row.category, row.priority].join(' · ')}
            </Text>
            <Text size="sm">
              {t('policies.sla.columns.firstResponse')}: {row.firstResponse}
            </Text>
            <Text size="sm">
              {t('policies.sla.columns.resolution')}: {row.resolution}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
