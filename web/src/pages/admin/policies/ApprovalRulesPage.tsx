/**
 * Approval rules: every rule with what it matches and how many levels it has, and the form that
 * creates or changes one. A table on wide screens, one card per rule on narrow ones.
 */
import {
  Alert,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../common/enums';
import { api } from '../../../api/client';
import { localName } from '../../../catalogue';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { currentLanguage } from '../../../i18n';
import { useAllUnits } from '../useUnits';
import { ActiveBadge } from './ActiveBadge';
import { ApprovalRuleModal } from './ApprovalRuleModal';
import { approvalRulesQueryKey, type ApprovalRule } from './types';

/** A rule as one row of the list shows it, every field in words. */
interface RuleRow {
  rule: ApprovalRule;
  subjectKind: string;
  category: string;
  unit: string;
  valueRange: string;
  levels: string;
}

/** Describes the value range a rule matches: the minimum included, the maximum excluded. */
function describeRange(t: TFunction, rule: ApprovalRule, language: Language): string {
  const ringgit = new Intl.NumberFormat(language === 'en' ? 'en-MY' : 'ms-MY', {
    style: 'currency',
    currency: 'MYR',
  });
  const min = rule.minValue === null ? null : ringgit.format(rule.minValue);
  const max = rule.maxValue === null ? null : ringgit.format(rule.maxValue);
  if (min !== null && max !== null) return t('policies.rules.range.between', { min, max });
  if (min !== null) return t('policies.rules.range.from', { min });
  if (max !== null) return t('policies.rules.range.below', { max });
  return t('policies.rules.range.any');
}

export default function ApprovalRulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('policies.rules.title')} · ${t('app.name')}`);
  const language = currentLanguage();
  const units = useAllUnits();
  const [editing, setEditing] = useState<ApprovalRule | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const rules = useQuery({
    queryKey: approvalRulesQueryKey,
    queryFn: () => api.get<{ items: ApprovalRule[] }>('/approval-rules'),
  });

  const unitName = (unitId: string | null) => {
    if (unitId === null) return t('policies.rules.anyUnit');
    const unit = units.data?.items.find((item) => item.id === unitId);
    return unit ? localName(unit, language) : '';
  };

  const rows: RuleRow[] = (rules.data?.items ?? []).map((rule) => ({
    rule,
    subjectKind: t(`approvals.kind.${rule.subjectKind}`, { defaultValue: rule.subjectKind }),
    category: rule.category ?? t('policies.rules.anyCategory'),
    unit: unitName(rule.unitId),
    valueRange: describeRange(t, rule, language),
    levels: t('policies.rules.levelCount', { count: rule.levels.length }),
  }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('policies.rules.title')}</Title>
        <Button
          onClick={() => {
            setSaved(null);
            setEditing('new');
          }}
        >
          {t('policies.rules.create')}
        </Button>
      </Group>
      <Text c="dimmed">{t('policies.rules.intro')}</Text>
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
      <ErrorAlert error={rules.error ?? units.error} />
      {rules.isPending ? <PageLoader /> : null}
      {rules.isSuccess && rows.length === 0 ? <Text>{t('policies.rules.empty')}</Text> : null}
      {rows.length > 0 ? (
        <>
          <RuleTable rows={rows} onEdit={setEditing} />
          <RuleCards rows={rows} onEdit={setEditing} />
        </>
      ) : null}
      {editing ? (
        <ApprovalRuleModal
          rule={editing === 'new' ? null : editing}
          units={units.data?.items ?? []}
          onClose={() => setEditing(null)}
          onSaved={(rule) => {
            setEditing(null);
            setSaved(t('policies.rules.saved', { name: rule.name }));
          }}
        />
      ) : null}
    </Stack>
  );
}

interface ListProps {
  rows: RuleRow[];
  onEdit: (rule: ApprovalRule) => void;
}

function RuleName({ rule, onEdit }: { rule: ApprovalRule; onEdit: ListProps['onEdit'] }) {
  return (
    <UnstyledButton onClick={() => onEdit(rule)} style={{ alignSelf: 'flex-start' }}>
      <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
        {rule.name}
      </Text>
    </UnstyledButton>
  );
}

function RuleTable({ rows, onEdit }: ListProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760} visibleFrom="md">
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('policies.rules.columns.name')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.subjectKind')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.category')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.unit')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.valueRange')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.priority')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.levels')}</Table.Th>
            <Table.Th>{t('policies.rules.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.rule.id}>
              <Table.Td>
                <RuleName rule={row.rule} onEdit={onEdit} />
              </Table.Td>
              <Table.Td>{row.subjectKind}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.category}</Table.Td>
              <Table.Td>{row.unit}</Table.Td>
              <Table.Td>{row.valueRange}</Table.Td>
              <Table.Td>{row.rule.priority}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.levels}</Table.Td>
              <Table.Td>
                <ActiveBadge active={row.rule.active} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RuleCards({ rows, onEdit }: ListProps) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="sm"
      component="ul"
      hiddenFrom="md"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {rows.map((row) => (
        <Card key={row.rule.id} withBorder component="li" padding="sm">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <RuleName rule={row.rule} onEdit={onEdit} />
              <ActiveBadge active={row.rule.active} />
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {[row.subjectKind, row.category, row.unit].join(' · ')}
            </Text>
            <Text size="sm">{row.valueRange}</Text>
            <Text size="sm">
              {t('policies.rules.columns.priority')}: {row.rule.priority} · {row.levels}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
