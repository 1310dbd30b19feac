/** Badges of a project's status, its waiting gate and a gate's state, in the current language. */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProjectGate, ProjectStatus } from '../../../../common/ict-project';
import type { GateProgress } from './types';

/** Filled badges in shades dark enough for white text at 4.5:1 (Mantine's green 9 is not). */
const statusColor: Record<ProjectStatus, string> = {
  study: 'blue.8',
  screening: 'indigo.8',
  evaluation: 'cyan.9',
  pending_approval: 'grape.9',
  procurement: 'pink.9',
  kick_off: 'violet.9',
  development: 'blue.9',
  presentation: 'indigo.9',
  handover: 'cyan.9',
  guarantee: 'teal.9',
  closed: 'gray.8',
  rejected: 'red.8',
};

export const gateStateColor: Record<GateProgress['state'], string> = {
  passed: 'teal.9',
  waiting: 'blue.8',
  rejected: 'red.8',
  upcoming: 'gray.7',
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" radius="sm" style={{ flexShrink: 0 }}>
      {t(`projects.status.${status}`)}
    </Badge>
  );
}

/** Shows a gate's name in an outlined badge that wraps, because gate names are long. */
export function GateBadge({ gate }: { gate: ProjectGate }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="dark.6"
      variant="outline"
      radius="sm"
      tt="none"
      h="auto"
      maw="100%"
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3 } }}
      py={2}
    >
      {t(`projects.gate.${gate}`)}
    </Badge>
  );
}

export function GateStateBadge({ state }: { state: GateProgress['state'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={gateStateColor[state]} variant="filled" radius="sm" style={{ flexShrink: 0 }}>
      {t(`projects.gateState.${state}`)}
    </Badge>
  );
}
