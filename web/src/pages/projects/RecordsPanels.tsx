/**
 * A project's own records: milestones, the technical and management team, and the risk register,
 * each a table, with an add form and remove buttons for project officers (`actions.manageRecords`).
 */
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
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
  maxRiskLevel,
  milestoneStatuses,
  projectTeamRoles,
  riskStatuses,
  type MilestoneStatus,
  type ProjectTeamRole,
  type RiskStatus,
} from '../../../../common/ict-project';
import type { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrors } from './fieldError';
import { formatDay } from './format';
import { PersonPicker } from './PersonPicker';
import type { ProjectDetail } from './types';
import { useRecordChange } from './useProjectAction';

// TODO: edit records in place through the PATCH routes, such as a milestone's status and actual
// dates. These panels only add and remove records.
type RecordKind = 'milestones' | 'team' | 'risks';

function RecordSection(props: {
  kind: RecordKind;
  title: string;
  empty: boolean;
  table: ReactNode;
  form: ReactNode;
}) {
  const { t } = useTranslation();
  const id = `project-${props.kind}-title`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {props.title}
        </Title>
        {props.empty ? (
          <Text size="sm" c="dimmed">
            {t('projects.records.empty')}
          </Text>
        ) : (
          props.table
        )}
        {props.form}
      </Stack>
    </Paper>
  );
}

function RemoveButton(props: { label: string; onClick: () => void; loading: boolean }) {
  return (
    <ActionIcon
      variant="subtle"
      color="red.8"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
      loading={props.loading}
    >
      ×
    </ActionIcon>
  );
}

function FormErrors({ error }: { error: ApiError | null }) {
  return error && error.issues.length === 0 ? <ErrorAlert error={error} /> : null;
}

const milestoneColor: Record<MilestoneStatus, string> = {
  planned: 'gray.7',
  in_progress: 'blue.8',
  completed: 'teal.9',
  cancelled: 'red.8',
};

function MilestoneForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [plannedStart, setPlannedStart] = useState('');
  const [plannedEnd, setPlannedEnd] = useState('');
  const [actualStart, setActualStart] = useState('');
  const [actualEnd, setActualEnd] = useState('');
  const [status, setStatus] = useState<MilestoneStatus>('planned');
  const add = useRecordChange(reference, () => {
    setName('');
    setActualStart('');
    setActualEnd('');
  });
  const issue = fieldErrors(t, add.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({
      method: 'POST',
      path: 'milestones',
      body: {
        name,
        plannedStart,
        plannedEnd,
        actualStart: actualStart || null,
        actualEnd: actualEnd || null,
        status,
      },
    });
  }

  const date = (label: string, value: string, set: (value: string) => void, field: string) => (
    <TextInput
      type="date"
      label={label}
      value={value}
      onChange={(event) => set(event.currentTarget.value)}
      error={issue(field, 'date')}
      miw={140}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text fw={600}>{t('projects.milestones.add')}</Text>
        <Group grow align="flex-start" wrap="wrap" gap="xs">
          <TextInput
            label={t('projects.milestones.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            error={issue('name')}
            miw={180}
          />
          <Select
            label={t('projects.field.status')}
            data={milestoneStatuses.map((value) => ({
              value,
              label: t(`projects.milestoneStatus.${value}`),
            }))}
            value={status}
            onChange={(value) => value && setStatus(value)}
            allowDeselect={false}
            miw={160}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap" gap="xs">
          {date(
            t('projects.milestones.plannedStart'),
            plannedStart,
            setPlannedStart,
            'plannedStart',
          )}
          {date(t('projects.milestones.plannedEnd'), plannedEnd, setPlannedEnd, 'plannedEnd')}
          {date(t('projects.milestones.actualStart'), actualStart, setActualStart, 'actualStart')}
          {date(t('projects.milestones.actualEnd'), actualEnd, setActualEnd, 'actualEnd')}
        </Group>
        <FormErrors error={add.error} />
        <Group>
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('projects.milestones.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MilestonesPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const remove = useRecordChange(data.reference);
  const manage = data.actions.manageRecords;
  return (
    <RecordSection
      kind="milestones"
      title={t('projects.milestones.title')}
      empty={data.milestones.length === 0}
      table={
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.milestones.name')}</Table.Th>
                <Table.Th>{t('projects.milestones.planned')}</Table.Th>
                <Table.Th>{t('projects.milestones.actual')}</Table.Th>
                <Table.Th>{t('projects.field.status')}</Table.Th>
                {manage ? <Table.Th aria-label={t('projects.records.actions')} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.milestones.map((milestone) => (
                <Table.Tr key={milestone.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{milestone.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDay(milestone.plannedStart)} – {formatDay(milestone.plannedEnd)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {milestone.actualStart ? formatDay(milestone.actualStart) : '—'} –{' '}
                    {milestone.actualEnd ? formatDay(milestone.actualEnd) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={milestoneColor[milestone.status]} radius="sm">
                      {t(`projects.milestoneStatus.${milestone.status}`)}
                    </Badge>
                  </Table.Td>
                  {manage ? (
                    <Table.Td>
                      <RemoveButton
                        label={t('projects.records.remove', { name: milestone.name })}
                        loading={remove.isPending}
                        onClick={() =>
                          remove.mutate({ method: 'DELETE', path: `milestones/${milestone.id}` })
                        }
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
      form={
        manage ? (
          <>
            <FormErrors error={remove.error} />
            <MilestoneForm reference={data.reference} />
          </>
        ) : null
      }
    />
  );
}

function TeamForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<ProjectTeamRole>('developer');
  const add = useRecordChange(reference, () => setPersonId(null));
  const issue = fieldErrors(t, add.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ method: 'POST', path: 'team', body: { personId, role } });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text fw={600}>{t('projects.team.add')}</Text>
        <Group grow align="flex-start" wrap="wrap" gap="xs">
          <PersonPicker
            label={t('projects.team.person')}
            value={personId}
            onChange={setPersonId}
            required
            error={issue('personId')}
          />
          <Select
            label={t('projects.team.role')}
            data={projectTeamRoles.map((value) => ({
              value,
              label: t(`projects.teamRole.${value}`),
            }))}
            value={role}
            onChange={(value) => value && setRole(value)}
            allowDeselect={false}
            miw={180}
          />
        </Group>
        <FormErrors error={add.error} />
        <Group>
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('projects.team.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function TeamPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const remove = useRecordChange(data.reference);
  const manage = data.actions.manageRecords;
  return (
    <RecordSection
      kind="team"
      title={t('projects.team.title')}
      empty={data.team.length === 0}
      table={
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.team.person')}</Table.Th>
                <Table.Th>{t('projects.team.role')}</Table.Th>
                <Table.Th>{t('projects.team.since')}</Table.Th>
                {manage ? <Table.Th aria-label={t('projects.records.actions')} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.team.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {member.name} ({member.email})
                  </Table.Td>
                  <Table.Td>{t(`projects.teamRole.${member.role}`)}</Table.Td>
                  <Table.Td>{formatDay(member.since)}</Table.Td>
                  {manage ? (
                    <Table.Td>
                      <RemoveButton
                        label={t('projects.records.remove', { name: member.name })}
                        loading={remove.isPending}
                        onClick={() =>
                          remove.mutate({ method: 'DELETE', path: `team/${member.id}` })
                        }
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
      form={
        manage ? (
          <>
            <FormErrors error={remove.error} />
            <TeamForm reference={data.reference} />
          </>
        ) : null
      }
    />
  );
}

const riskColor: Record<RiskStatus, string> = {
  open: 'red.8',
  mitigating: 'blue.8',
  closed: 'gray.7',
};

function RiskForm({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [likelihood, setLikelihood] = useState<number | string>(3);
  const [impact, setImpact] = useState<number | string>(3);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [mitigation, setMitigation] = useState('');
  const [status, setStatus] = useState<RiskStatus>('open');
  const add = useRecordChange(reference, () => {
    setDescription('');
    setMitigation('');
  });
  const issue = fieldErrors(t, add.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({
      method: 'POST',
      path: 'risks',
      body: {
        description,
        likelihood: Number(likelihood),
        impact: Number(impact),
        ownerId,
        mitigation,
        status,
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text fw={600}>{t('projects.risks.add')}</Text>
        <Textarea
          label={t('projects.risks.description')}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          autosize
          minRows={2}
          required
          error={issue('description')}
        />
        <Group grow align="flex-start" wrap="wrap" gap="xs">
          <NumberInput
            label={t('projects.risks.likelihood')}
            value={likelihood}
            onChange={setLikelihood}
            min={1}
            max={maxRiskLevel}
            allowDecimal={false}
            error={issue('likelihood', 'level')}
            miw={120}
          />
          <NumberInput
            label={t('projects.risks.impact')}
            value={impact}
            onChange={setImpact}
            min={1}
            max={maxRiskLevel}
            allowDecimal={false}
            error={issue('impact', 'level')}
            miw={120}
          />
          <Select
            label={t('projects.field.status')}
            data={riskStatuses.map((value) => ({
              value,
              label: t(`projects.riskStatus.${value}`),
            }))}
            value={status}
            onChange={(value) => value && setStatus(value)}
            allowDeselect={false}
            miw={140}
          />
        </Group>
        <PersonPicker
          label={t('projects.risks.owner')}
          value={ownerId}
          onChange={setOwnerId}
          error={issue('ownerId', 'personId')}
        />
        <Textarea
          label={t('projects.risks.mitigation')}
          value={mitigation}
          onChange={(event) => setMitigation(event.currentTarget.value)}
          autosize
          minRows={2}
          error={issue('mitigation')}
        />
        <FormErrors error={add.error} />
        <Group>
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('projects.risks.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RisksPanel({ data }: { data: ProjectDetail }) {
  const { t } = useTranslation();
  const remove = useRecordChange(data.reference);
  const manage = data.actions.manageRecords;
  return (
    <RecordSection
      kind="risks"
      title={t('projects.risks.title')}
      empty={data.risks.length === 0}
      table={
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.risks.description')}</Table.Th>
                <Table.Th>{t('projects.risks.score')}</Table.Th>
                <Table.Th>{t('projects.risks.owner')}</Table.Th>
                <Table.Th>{t('projects.risks.mitigation')}</Table.Th>
                <Table.Th>{t('projects.field.status')}</Table.Th>
                {manage ? <Table.Th aria-label={t('projects.records.actions')} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.risks.map((risk) => (
                <Table.Tr key={risk.id}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{risk.description}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t('projects.risks.scoreOf', {
                      score: risk.score,
                      likelihood: risk.likelihood,
                      impact: risk.impact,
                    })}
                  </Table.Td>
                  <Table.Td>{risk.owner?.name ?? '—'}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{risk.mitigation}</Table.Td>
                  <Table.Td>
                    <Badge color={riskColor[risk.status]} radius="sm">
                      {t(`projects.riskStatus.${risk.status}`)}
                    </Badge>
                  </Table.Td>
                  {manage ? (
                    <Table.Td>
                      <RemoveButton
                        label={t('projects.records.remove', { name: risk.description })}
                        loading={remove.isPending}
                        onClick={() =>
                          remove.mutate({ method: 'DELETE', path: `risks/${risk.id}` })
                        }
                      />
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
      form={
        manage ? (
          <>
            <FormErrors error={remove.error} />
            <RiskForm reference={data.reference} />
          </>
        ) : null
      }
    />
  );
}
