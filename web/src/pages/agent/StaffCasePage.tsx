/**
 * One case for staff: the header with status, priority, deadlines and breach flags; the details;
 * the full timeline with internal entries marked; the composer; the actions the person may take;
 * the workflow's live state with a link to its history in the Temporal UI; the change history.
 */
import {
  Accordion,
  Alert,
  Anchor,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { api } from '../../api/client';
import type { CaseDetail } from '../../api/types';
import { useSession } from '../../auth/session';
import { localName } from '../../catalogue';
import { DueTime } from '../../components/DueTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { BreachBadge, PriorityBadge } from '../../components/PriorityBadge';
import { StatusBadge } from '../../components/StatusBadge';
import { fieldLabel, hasCode } from '../../errors';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import NotFoundPage from '../NotFoundPage';
import { CaseActions } from './CaseActions';
import { ClockTimeline } from '../../components/ClockTimeline';
import { CaseTimeline } from './CaseTimeline';
import { Composer } from './Composer';
import { allowedActions } from './permissions';

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The workflow's live state (a ComplaintState from the workflow's state query), in a few lines. */
function WorkflowPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const live = useQuery({
    queryKey: ['case', detail.reference, 'live'],
    queryFn: () => api.get<CaseDetail>(`/cases/${detail.reference}?live=true`),
    enabled: Boolean(detail.workflow),
  });
  if (!detail.workflow) return <Text size="sm">{t('agent.workflow.none')}</Text>;
  const state = live.data?.workflow?.state;
  const rows: [string, string][] = [];
  if (isRecord(state)) {
    if (typeof state.status === 'string') {
      rows.push([t('fields.status'), t(`status.${state.status}`, { defaultValue: state.status })]);
    }
    if (typeof state.priority === 'number') {
      rows.push([t('fields.priority'), t(`priority.${state.priority}`)]);
    }
    const waitingFor = state.waitingFor;
    rows.push([
      t('agent.workflow.waitingFor'),
      waitingFor === 'customer' || waitingFor === 'supplier'
        ? t(`status.waiting_${waitingFor}`)
        : '—',
    ]);
    if (typeof state.workMinutes === 'number') {
      rows.push([t('agent.workflow.workMinutes'), String(state.workMinutes)]);
    }
    if (typeof state.reopenCount === 'number') {
      rows.push([t('agent.workflow.reopenCount'), String(state.reopenCount)]);
    }
    if (typeof state.closesAt === 'string') {
      rows.push([t('agent.workflow.closesAt'), formatDateTime(state.closesAt)]);
    }
    if (typeof state.step === 'number') rows.push([t('agent.workflow.step'), String(state.step)]);
  }
  return (
    <Stack gap="xs">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {t('agent.workflow.id')}: <code>{detail.workflow.id}</code>
      </Text>
      <ErrorAlert error={live.error} />
      {live.isPending ? <Text size="sm">{t('common.loading')}</Text> : null}
      {rows.length > 0 ? (
        <Table withRowBorders={false} verticalSpacing={2} fz="sm">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" fw={500} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {live.isSuccess && !isRecord(state) ? (
        <Text size="sm">{t('agent.workflow.noState')}</Text>
      ) : null}
      <Anchor href={detail.workflow.temporalUiUrl} target="_blank" rel="noreferrer" size="sm">
        {t('agent.workflow.temporalLink')}
      </Anchor>
    </Stack>
  );
}

type HistoryEntry = NonNullable<CaseDetail['history']>[number];

/**
 * Describes a changed field for people: statuses and priorities in words, deadlines as local
 * times, and ids (unit, assignee, category, service) by the names the API sends with them.
 */
function describeChange(t: TFunction, entry: HistoryEntry, language: 'ms' | 'en'): string {
  const field = entry.field ?? '';
  const label = fieldLabel(t, field);
  const word = (value: string | null, name: HistoryEntry['newName']) => {
    if (value === null) return '—';
    if (name) return name[language];
    if (field === 'status') return t(`status.${value}`, { defaultValue: value });
    if (field === 'priority') return t(`priority.${value}`, { defaultValue: value });
    if (field === 'waitingFor') return t(`status.waiting_${value}`, { defaultValue: value });
    if (field.endsWith('DueAt')) return formatDateTime(value);
    return value;
  };
  return `${label}: ${word(entry.oldValue, entry.oldName)} → ${word(entry.newValue, entry.newName)}`;
}

function HistoryList({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const history = detail.history ?? [];
  return (
    <Accordion variant="contained">
      <Accordion.Item value="history">
        <Accordion.Control>{t('agent.history.title', { count: history.length })}</Accordion.Control>
        <Accordion.Panel>
          {history.length === 0 ? <Text size="sm">{t('agent.history.empty')}</Text> : null}
          <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {history.map((entry, index) => (
              <Text
                key={`${entry.at}-${index}`}
                component="li"
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {formatDateTime(entry.at)} · {entry.actor?.name ?? t('agent.timeline.system')} ·{' '}
                {t(`agent.history.actions.${entry.action}`, { defaultValue: entry.action })}
                {entry.field ? ` (${describeChange(t, entry, currentLanguage())})` : ''}
              </Text>
            ))}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

export default function StaffCasePage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  const location = useLocation();
  const { me } = useSession();
  const language = currentLanguage();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const created = (location.state as { created?: boolean } | null)?.created === true;

  const query = useQuery({
    queryKey: ['case', reference, 'staff'],
    queryFn: () => api.get<CaseDetail>(`/cases/${reference}`),
  });

  if (query.isPending) return <PageLoader />;
  if (hasCode(query.error, 'not_found', 'validation_failed')) return <NotFoundPage />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const detail = query.data;
  const allowed = allowedActions(me, detail);
  const paused = detail.status === 'waiting_customer' || detail.status === 'waiting_supplier';
  const resolved = detail.status === 'resolved' || detail.status === 'closed';

  return (
    <Stack>
      {created ? (
        <Alert color="teal" title={t('agent.log.createdTitle')} role="status">
          {t('agent.log.createdBody', { reference: detail.reference, name: detail.requester.name })}
        </Alert>
      ) : null}

      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{detail.reference}</Text>
          <StatusBadge status={detail.status} />
          <PriorityBadge priority={detail.priority} />
          {detail.sla.firstResponseBreached ? (
            <BreachBadge label={t('agent.sla.firstResponseBreached')} />
          ) : null}
          {detail.sla.resolutionBreached ? (
            <BreachBadge label={t('agent.sla.resolutionBreached')} />
          ) : null}
          {detail.reopenCount > 0 ? (
            <Text size="sm" c="dimmed">
              {t('cases.view.reopened', { count: detail.reopenCount })}
            </Text>
          ) : null}
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {detail.title}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
          <Detail label={t('fields.firstResponseDueAt')}>
            <DueTime
              dueAt={detail.sla.firstResponseDueAt}
              breached={detail.sla.firstResponseBreached}
              paused={paused}
              done={detail.firstRespondedAt !== null || resolved}
              size="md"
            />
          </Detail>
          <Detail label={t('fields.resolutionDueAt')}>
            <DueTime
              dueAt={detail.sla.resolutionDueAt}
              breached={detail.sla.resolutionBreached}
              paused={paused}
              done={resolved}
              size="md"
            />
          </Detail>
        </SimpleGrid>
      </Stack>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Section id="case-details" title={t('cases.view.details')}>
              <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} component="dl" m={0} spacing="sm">
                <Detail label={t('fields.requester')}>
                  {detail.requester.name}
                  {detail.requester.email ? (
                    <Text span size="sm" c="dimmed" display="block">
                      {detail.requester.email}
                    </Text>
                  ) : null}
                </Detail>
                <Detail label={t('fields.channel')}>{t(`channel.${detail.channel}`)}</Detail>
                <Detail label={t('fields.openedAt')}>{formatDateTime(detail.openedAt)}</Detail>
                <Detail label={t('fields.serviceId')}>
                  {localName(detail.service, language) || '—'}
                </Detail>
                <Detail label={t('fields.categoryId')}>
                  {localName(detail.category, language) || '—'}
                </Detail>
                <Detail label={t('agent.details.impactUrgency')}>
                  {t(`agent.level.${detail.impact}`)} / {t(`agent.level.${detail.urgency}`)}
                </Detail>
                <Detail label={t('fields.unit')}>{localName(detail.unit, language) || '—'}</Detail>
                <Detail label={t('fields.assignee')}>
                  {detail.assignee?.name ?? t('agent.queue.noAssignee')}
                </Detail>
                <Detail label={t('agent.details.workMinutes')}>
                  {t('agent.timeline.minutes', { count: detail.workMinutes ?? 0 })}
                </Detail>
              </SimpleGrid>
              <Title order={3} size="h5" mt="md">
                {t('fields.description')}
              </Title>
              <Text className="preserve-lines">{detail.description}</Text>
              {detail.resolutionNote ? (
                <>
                  <Title order={3} size="h5" mt="md">
                    {t('fields.resolutionNote')}
                  </Title>
                  <Text className="preserve-lines">{detail.resolutionNote}</Text>
                </>
              ) : null}
            </Section>

            <Section id="case-timeline" title={t('agent.timeline.title')}>
              <CaseTimeline
                reference={detail.reference}
                entries={detail.timeline}
                attachments={detail.attachments}
              />
            </Section>

            {allowed.has('reply') || allowed.has('note') || allowed.has('workLog') ? (
              <Section id="case-composer" title={t('agent.composer.title')}>
                <Composer reference={detail.reference} allowed={allowed} />
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Section id="case-actions" title={t('agent.actions.title')}>
              <CaseActions detail={detail} allowed={allowed} />
            </Section>
            <Section id="case-workflow" title={t('agent.workflow.title')}>
              <WorkflowPanel detail={detail} />
            </Section>
            <ClockTimeline reference={detail.reference} />
            <HistoryList detail={detail} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
