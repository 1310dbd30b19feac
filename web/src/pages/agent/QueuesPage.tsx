/**
 * The agent workspace's queues: presets over GET /cases with keyword search, filters, sorting by
 * deadline and keyset paging, and bulk "tentukan & agihkan" of the selected cases.
 */
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { caseStatuses, channels, type CaseStatus } from '../../../../common/enums';
import { api } from '../../api/client';
import type { CasePage, CaseSummary } from '../../api/types';
import { hasRole, useSession } from '../../auth/session';
import { localName } from '../../catalogue';
import { DueTime } from '../../components/DueTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { BreachBadge, PriorityBadge } from '../../components/PriorityBadge';
import { StatusBadge } from '../../components/StatusBadge';
import { currentLanguage } from '../../i18n';
import { BulkAssign } from './BulkAssign';
import { useUnits } from './data';
import {
  caseListQuery,
  queuePreset,
  queuePresets,
  type QueueFilters,
  type QueueId,
  type QueueSort,
} from './queues';

const pageSize = 25;

function isCaseStatus(value: string | null): value is CaseStatus {
  return value !== null && (caseStatuses as readonly string[]).includes(value);
}

function isSort(value: string | null): value is QueueSort {
  return value === 'due' || value === 'opened' || value === 'updated';
}

interface CaseRowProps {
  item: CaseSummary;
  unitLabel: string | null;
  selectable: boolean;
  selected: boolean;
  onToggle: (reference: string) => void;
}

function CaseRow({ item, unitLabel, selectable, selected, onToggle }: CaseRowProps) {
  const { t } = useTranslation();
  const paused = item.status === 'waiting_customer' || item.status === 'waiting_supplier';
  const done = item.status === 'resolved' || item.status === 'closed';
  const breached = item.firstResponseBreached || item.resolutionBreached;
  return (
    <Card withBorder component="li" padding="sm" data-reference={item.reference}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        {selectable ? (
          <Checkbox
            mt={4}
            checked={selected}
            onChange={() => onToggle(item.reference)}
            aria-label={t('agent.queue.select', { reference: item.reference })}
          />
        ) : null}
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/cases/${item.reference}`} fw={600}>
              {item.reference}
            </Anchor>
            <StatusBadge status={item.status} />
            <PriorityBadge priority={item.priority} />
            {breached ? <BreachBadge label={t('agent.sla.breached')} /> : null}
          </Group>
          <Text style={{ overflowWrap: 'anywhere' }}>{item.title}</Text>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {[
              item.requester?.name,
              t(`channel.${item.channel}`),
              unitLabel,
              item.assignee ? item.assignee.name : t('agent.queue.noAssignee'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          <Group gap={6} wrap="wrap">
            <Text size="sm" c="dimmed">
              {t('fields.resolutionDueAt')}:
            </Text>
            <DueTime
              dueAt={item.resolutionDueAt}
              breached={item.resolutionBreached}
              paused={paused}
              done={done}
              level={item.resolutionDueLevel}
              remainingWorkingMinutes={item.resolutionRemainingMinutes}
            />
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}

export default function QueuesPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const units = useUnits();

  const ownUnits = me?.units ?? [];
  const canAssign = hasRole(me, 'agent', 'admin') || ownUnits.some((unit) => unit.role === 'head');
  const canLog = hasRole(me, 'agent', 'supervisor', 'manager', 'admin');
  const defaultQueue: QueueId = hasRole(me, 'agent') ? 'unassigned' : 'mine';
  const preset = queuePreset(params.get('queue')) ?? queuePreset(defaultQueue)!;
  useDocumentTitle(`${t(`agent.queues.${preset.id}`)} · ${t('app.name')}`);

  const statusParam = params.get('status');
  const sortParam = params.get('sort');
  const unitParam = params.get('unit');
  // The "my units" queue shows every unit of the person until one of them is chosen.
  const chosenUnit = preset.ownUnits
    ? (ownUnits.find((unit) => unit.unitId === unitParam)?.unitId ?? null)
    : unitParam;
  let unitIds: string[] = [];
  if (chosenUnit) unitIds = [chosenUnit];
  else if (preset.ownUnits) unitIds = ownUnits.map((unit) => unit.unitId);
  const filters: QueueFilters = {
    q: params.get('q') ?? '',
    status: isCaseStatus(statusParam) ? statusParam : null,
    unitIds,
    priority: params.get('priority'),
    channel: params.get('channel'),
    sort: isSort(sortParam) ? sortParam : preset.sort,
  };
  const [search, setSearch] = useState(filters.q);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The bulk panel stays after the selection empties, so its per-case results remain readable.
  const [bulkShown, setBulkShown] = useState(false);

  const blockedForUnits = preset.ownUnits === true && ownUnits.length === 0;
  const cases = useInfiniteQuery({
    queryKey: ['cases', 'queue', preset.id, filters],
    enabled: !blockedForUnits,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<CasePage>(`/cases?${caseListQuery(preset, filters, pageParam, pageSize)}`),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = cases.data?.pages.flatMap((page) => page.items) ?? [];
  const unitById = new Map((units.data ?? []).map((unit) => [unit.id, unit]));

  function setParam(name: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  function handleSearch(event: FormEvent) {
    event.preventDefault();
    setParam('q', search.trim() || null);
  }

  function toggle(reference: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(reference)) next.delete(reference);
      else next.add(reference);
      return next;
    });
  }

  const selectable = (item: CaseSummary) =>
    canAssign && item.status !== 'resolved' && item.status !== 'closed';
  const selectableItems = items.filter(selectable);
  const allSelected =
    selectableItems.length > 0 && selectableItems.every((item) => selected.has(item.reference));

  const unitOptions = (
    preset.ownUnits
      ? ownUnits.map((unit) => ({
          id: unit.unitId,
          code: unit.code,
          nameMs: unit.nameMs,
          nameEn: unit.nameEn,
        }))
      : (units.data ?? [])
  ).map((unit) => ({ value: unit.id, label: `${unit.code} · ${localName(unit, language)}` }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('agent.queues.title')}</Title>
        {canLog ? (
          <Button component={Link} to="/agent/new">
            {t('agent.nav.logCase')}
          </Button>
        ) : null}
      </Group>

      <nav aria-label={t('agent.queues.label')}>
        <Group gap="xs" wrap="wrap">
          {queuePresets.map((queue) => {
            const current = queue.id === preset.id;
            return (
              <Button
                key={queue.id}
                component={Link}
                to={`/agent?queue=${queue.id}`}
                variant={current ? 'filled' : 'default'}
                size="xs"
                aria-current={current ? 'page' : undefined}
                onClick={() => {
                  setSelected(new Set());
                  setBulkShown(false);
                  setSearch('');
                }}
              >
                {t(`agent.queues.${queue.id}`)}
              </Button>
            );
          })}
        </Group>
      </nav>

      <Paper withBorder p="sm" component="section" aria-label={t('agent.queue.filters')}>
        <Stack gap="sm">
          <form onSubmit={handleSearch} role="search">
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('agent.queue.search')}
                placeholder={t('agent.queue.searchPlaceholder')}
                value={search}
                onChange={(event) => setSearch(event.currentTarget.value)}
                style={{ flex: 1, minWidth: 0 }}
                type="search"
              />
              <Button type="submit" variant="default">
                {t('agent.queue.searchSubmit')}
              </Button>
            </Group>
          </form>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
            <Select
              label={t('fields.status')}
              placeholder={t('agent.queue.any')}
              data={preset.statuses.map((status) => ({
                value: status,
                label: t(`status.${status}`),
              }))}
              value={filters.status}
              onChange={(value) => setParam('status', value)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              disabled={preset.statuses.length < 2}
            />
            <Select
              label={t('fields.unit')}
              placeholder={t('agent.queue.any')}
              data={unitOptions}
              value={chosenUnit}
              onChange={(value) => setParam('unit', value)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
              searchable
              nothingFoundMessage={t('common.nothingFound')}
            />
            <Select
              label={t('fields.priority')}
              placeholder={t('agent.queue.any')}
              data={[1, 2, 3, 4].map((level) => ({
                value: String(level),
                label: t(`priority.${level}`),
              }))}
              value={filters.priority}
              onChange={(value) => setParam('priority', value)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <Select
              label={t('fields.channel')}
              placeholder={t('agent.queue.any')}
              data={channels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
              value={filters.channel}
              onChange={(value) => setParam('channel', value)}
              clearable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <Select
              label={t('agent.queue.sort')}
              data={(['due', 'opened', 'updated'] as const).map((sort) => ({
                value: sort,
                label: t(`agent.queue.sortBy.${sort}`),
              }))}
              value={filters.sort}
              onChange={(value) => setParam('sort', value)}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Stack>
      </Paper>

      {canAssign && (selected.size > 0 || bulkShown) ? (
        <BulkAssign
          references={[...selected]}
          onDone={(succeeded) => {
            setBulkShown(true);
            setSelected(
              (current) => new Set([...current].filter((ref) => !succeeded.includes(ref))),
            );
          }}
        />
      ) : null}

      {blockedForUnits ? <Text>{t('agent.queue.noUnits')}</Text> : null}
      <ErrorAlert error={cases.error} />
      {cases.isPending && !blockedForUnits ? <PageLoader /> : null}
      {cases.isSuccess && items.length === 0 ? <Text>{t('agent.queue.empty')}</Text> : null}

      {canAssign && selectableItems.length > 0 ? (
        <Checkbox
          label={t('agent.queue.selectAll')}
          checked={allSelected}
          indeterminate={
            !allSelected && selectableItems.some((item) => selected.has(item.reference))
          }
          onChange={() =>
            setSelected(
              allSelected ? new Set() : new Set(selectableItems.map((item) => item.reference)),
            )
          }
        />
      ) : null}

      <Stack
        gap="sm"
        component="ul"
        aria-label={t(`agent.queues.${preset.id}`)}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {items.map((item) => {
          const unit = item.unitId ? unitById.get(item.unitId) : undefined;
          return (
            <CaseRow
              key={item.reference}
              item={item}
              unitLabel={unit ? unit.code : null}
              selectable={selectable(item)}
              selected={selected.has(item.reference)}
              onToggle={toggle}
            />
          );
        })}
      </Stack>
      {cases.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void cases.fetchNextPage()}
          loading={cases.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('cases.list.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
