/**
 * One ICT project: its header and facts, the gates in order with the waiting gate's actions, the
 * documents, the approval, procurement and guarantee with their actions, the milestones, team and
 * risks, and the history.
 */
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { ApprovalPanel, GuaranteePanel, ProcurementPanel } from './ActionPanels';
import { formatRinggit } from './format';
import { GatesPanel } from './GatesPanel';
import { GateBadge, ProjectStatusBadge } from './ProjectBadges';
import { MilestonesPanel, RisksPanel, TeamPanel } from './RecordsPanels';
import type { ProjectDetail } from './types';
import { projectPath, projectQueryKey } from './useProjectAction';

function Facts({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean | null) => {
    if (value === null) return '—';
    return value ? t('projects.common.yes') : t('projects.common.no');
  };
  const facts: [string, string][] = [
    [t('projects.field.variant'), t(`projects.variant.${data.variant}`)],
    [t('projects.field.estimatedValue'), formatRinggit(data.estimatedValue)],
    [t('projects.field.authority'), t(`projects.authority.${data.authority}`)],
    [
      t('projects.field.applicant'),
      `${data.applicant.name}${data.unit ? ` (${data.unit.code})` : ''}`,
    ],
    [t('projects.field.requestedAt'), formatDateTime(data.requestedAt)],
    [t('projects.field.procurementNeeded'), yesNo(data.procurementNeeded)],
    [
      t('projects.field.securityKind'),
      data.securityKind ? t(`projects.security.${data.securityKind}`) : '—',
    ],
    [
      t('projects.field.defectsLiabilityDays'),
      data.defectsLiabilityDays === null ? '—' : String(data.defectsLiabilityDays),
    ],
  ];
  return (
    <Paper withBorder p="md">
      <Stack gap={4}>
        <Group gap="xs">
          <Text>{t('projects.field.status')}:</Text>
          <ProjectStatusBadge status={data.status} />
          {data.currentGate ? <GateBadge gate={data.currentGate} /> : null}
        </Group>
        {facts.map(([label, value]) => (
          <Text key={label} style={{ overflowWrap: 'anywhere' }}>
            {label}: {value}
          </Text>
        ))}
        <Text style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
          {t('projects.field.description')}: {data.description}
        </Text>
      </Stack>
    </Paper>
  );
}

function Documents({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="project-documents-title">
      <Title order={2} size="h3" id="project-documents-title">
        {t('projects.documents.title')}
      </Title>
      {data.documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('projects.documents.empty')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
          {data.documents.map((document, index) => {
            const href = document.downloadPath ?? document.url;
            return (
              <li key={`${document.kind}-${index}`} style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm" span>
                  {t(`projects.documentKind.${document.kind}`)}:{' '}
                </Text>
                {href ? (
                  <Anchor href={href} size="sm" target="_blank" rel="noopener noreferrer">
                    {document.title}
                  </Anchor>
                ) : (
                  <Text size="sm" span>
                    {document.title}
                  </Text>
                )}
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

/** Returns a function that words a history entry: its action, with the gate or reason it names. */
function useHistoryText() {
  const { t } = useTranslation();
  return (entry: ProjectDetail['history'][number]): string => {
    const action = t(`projects.history.${entry.action}`, { defaultValue: entry.action });
    const gate = typeof entry.details.gate === 'string' ? entry.details.gate : null;
    const reason = typeof entry.details.reason === 'string' ? entry.details.reason : '';
    const parts = [action];
    if (gate) parts.push(t(`projects.gate.${gate}`, { defaultValue: gate }));
    if (reason) parts.push(`“${reason}”`);
    return parts.join(' · ');
  };
}

function History({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const text = useHistoryText();
  return (
    <Stack gap="xs" component="section" aria-labelledby="project-history-title">
      <Title order={2} size="h3" id="project-history-title">
        {t('projects.history.title')}
      </Title>
      <Timeline bulletSize={14} active={data.history.length - 1}>
        {data.history.map((entry) => (
          <Timeline.Item
            key={`${entry.source}-${entry.step}-${entry.at}`}
            title={<span style={{ overflowWrap: 'anywhere' }}>{text(entry)}</span>}
          >
            <Text size="sm" c="dimmed">
              {formatDateTime(entry.at)}
              {entry.actorName ? ` · ${entry.actorName}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

export default function ProjectPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const project = useQuery({
    queryKey: projectQueryKey(reference),
    queryFn: () => api.get<ProjectDetail>(projectPath(reference)),
  });

  if (project.isPending) return <PageLoader />;
  if (project.isError) return <ErrorAlert error={project.error} />;
  const data = project.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {data.reference}
          </Title>
          <Text size="lg" style={{ overflowWrap: 'anywhere' }}>
            {data.title}
          </Text>
        </Stack>
        <Button component={Link} to={`/projects/${data.reference}/timeline`} variant="default">
          {t('projects.timeline.open')}
        </Button>
      </Group>
      <Facts data={data} />
      {data.status === 'rejected' ? (
        <Alert color="red" title={t('projects.rejected.title')}>
          {t('projects.rejected.body', {
            step: data.rejectedAt
              ? t(`projects.gate.${data.rejectedAt}`, { defaultValue: data.rejectedAt })
              : '—',
            reason: data.reason ?? '—',
          })}
        </Alert>
      ) : null}
      <GatesPanel data={data} />
      <Documents data={data} />
      <ApprovalPanel data={data} />
      <ProcurementPanel data={data} />
      <GuaranteePanel data={data} />
      <MilestonesPanel data={data} />
      <TeamPanel data={data} />
      <RisksPanel data={data} />
      <History data={data} />
    </Stack>
  );
}
