/**
 * The gates of a project in order, each passed, waiting, rejected or upcoming with its required
 * and missing documents. At the waiting gate the applicant and management attach documents, and
 * management decides yes or no (a "no" needs the reason sent to the applicant).
 */
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentStages,
  gateDocuments,
  projectDocumentKinds,
  type ProjectDocumentKind,
  type ProjectGate,
} from '../../../../common/ict-project';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { DocumentForm } from './DocumentForm';
import { fieldErrors } from './fieldError';
import { GateStateBadge } from './ProjectBadges';
import type { GateProgress, ProjectDetail } from './types';
import { useProjectAction } from './useProjectAction';

/** Kinds attached at a gate: the gate's own first, then those of the other gates. */
function gateKindsFor(gate: ProjectGate): ProjectDocumentKind[] {
  const others = projectDocumentKinds.filter(
    (kind) => documentStages[kind] !== 'procurement' && documentStages[kind] !== 'guarantee',
  );
  return [...gateDocuments[gate], ...others.filter((kind) => !gateDocuments[gate].includes(kind))];
}

function DecisionForm({ reference, gate }: { reference: string; gate: ProjectGate }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const decide = useProjectAction(reference, () => setReason(''));
  const issue = fieldErrors(t, decide.error);
  const send = (decision: 'yes' | 'no') =>
    decide.mutate({ path: `gates/${gate}`, body: { decision, reason } });

  return (
    <Stack gap="xs">
      <Textarea
        label={t('projects.decide.reason')}
        description={t('projects.decide.reasonHelp')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        autosize
        minRows={2}
        error={issue('reason')}
      />
      {issue('documents') ? (
        <Text c="red.8" size="sm" role="alert">
          {t('projects.error.documents')}
        </Text>
      ) : null}
      {decide.error && decide.error.issues.length === 0 ? (
        <ErrorAlert error={decide.error} />
      ) : null}
      <Group gap="xs">
        <Button loading={decide.isPending} onClick={() => send('yes')}>
          {t(gate === 'presentation' ? 'projects.decide.accepted' : 'projects.decide.yes')}
        </Button>
        <Button
          color="red.8"
          variant="outline"
          loading={decide.isPending}
          onClick={() => send('no')}
        >
          {t(gate === 'presentation' ? 'projects.decide.notAccepted' : 'projects.decide.no')}
        </Button>
      </Group>
    </Stack>
  );
}

function GateItem({ data, gate }: { data: ProjectDetail; gate: GateProgress }) {
  const { t } = useTranslation();
  const waiting = gate.state === 'waiting';
  const documentList = (kinds: readonly ProjectDocumentKind[]) =>
    kinds.map((kind) => t(`projects.documentKind.${kind}`)).join(', ');

  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      aria-label={t(`projects.gate.${gate.gate}`)}
      style={waiting ? { borderColor: 'var(--mantine-color-blue-8)', borderWidth: 2 } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t(`projects.gate.${gate.gate}`)}
          </Text>
          <GateStateBadge state={gate.state} />
        </Group>
        {gate.requiredDocuments.length > 0 ? (
          <Text size="sm">
            {t('projects.gates.required')}: {documentList(gate.requiredDocuments)}
          </Text>
        ) : null}
        {gate.missingDocuments.length > 0 && waiting ? (
          <Text size="sm" c="red.8">
            {t('projects.gates.missing')}: {documentList(gate.missingDocuments)}
          </Text>
        ) : null}
        {gate.decidedAt ? (
          <Text size="sm" c="dimmed">
            {t('projects.gates.decided', {
              at: formatDateTime(gate.decidedAt),
              by: gate.decidedBy ?? '—',
            })}
          </Text>
        ) : null}
        {gate.rounds > 0 ? (
          <Text size="sm">{t('projects.gates.rounds', { count: gate.rounds })}</Text>
        ) : null}
        {waiting && data.actions.attachDocument ? (
          <Paper withBorder p="xs" bg="gray.0">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('projects.document.heading')}
              </Text>
              <DocumentForm
                reference={data.reference}
                kinds={gateKindsFor(gate.gate)}
                idPrefix={`gate-${gate.gate}-document`}
              />
            </Stack>
          </Paper>
        ) : null}
        {waiting && data.actions.decideGate === gate.gate ? (
          <DecisionForm reference={data.reference} gate={gate.gate} />
        ) : null}
      </Stack>
    </Paper>
  );
}

export function GatesPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="section" aria-labelledby="project-gates-title">
      <Title order={2} size="h3" id="project-gates-title">
        {t('projects.gates.title')}
      </Title>
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data.gates.map((gate) => (
          <GateItem key={gate.gate} data={data} gate={gate} />
        ))}
      </Stack>
    </Stack>
  );
}
