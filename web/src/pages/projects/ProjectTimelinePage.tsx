/** The timeline of one project: the Gantt-like chart and the gates with their dates. */
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { ProjectGantt } from './ProjectGantt';
import type { ProjectTimeline } from './types';
import { projectPath } from './useProjectAction';

export default function ProjectTimelinePage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  const title = t('projects.timeline.title', { reference });
  useDocumentTitle(`${title} · ${t('app.name')}`);
  const [now] = useState(() => Date.now());
  const timeline = useQuery({
    queryKey: ['project-timeline', reference],
    queryFn: () => api.get<ProjectTimeline>(`${projectPath(reference)}/timeline`),
  });

  return (
    <Stack>
      <Anchor component={Link} to={`/projects/${reference}`}>
        {t('projects.timeline.back', { reference })}
      </Anchor>
      <Title order={1} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Title>
      {timeline.isPending ? <PageLoader /> : null}
      <ErrorAlert error={timeline.error} />
      {timeline.data ? (
        <>
          <ProjectGantt timeline={timeline.data} now={now} />
          {timeline.data.milestones.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('projects.timeline.noMilestones')}
            </Text>
          ) : null}
          <Title order={2} size="h3">
            {t('projects.timeline.gates')}
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('projects.timeline.gate')}</Table.Th>
                  <Table.Th>{t('projects.timeline.openedAt')}</Table.Th>
                  <Table.Th>{t('projects.timeline.decidedAt')}</Table.Th>
                  <Table.Th>{t('projects.timeline.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {timeline.data.gates.map((gate, index) => (
                  <Table.Tr key={`${gate.gate}-${gate.openedAt}-${index}`}>
                    <Table.Td>{t(`projects.gate.${gate.gate}`)}</Table.Td>
                    <Table.Td>{formatDateTime(gate.openedAt)}</Table.Td>
                    <Table.Td>{gate.decidedAt ? formatDateTime(gate.decidedAt) : '—'}</Table.Td>
                    <Table.Td>
                      {t(`projects.timeline.marker.${gate.decision ?? 'waiting'}`)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}
