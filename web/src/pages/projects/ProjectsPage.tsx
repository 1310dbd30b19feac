/**
 * The project portfolio: every project for staff who oversee them, the person's own otherwise,
 * newest first, filtered by status, waiting gate and variant, 20 at a time (keyset paging).
 */
import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { staffRoles } from '../../../../common/enums';
import { projectGates, projectStatuses, projectVariants } from '../../../../common/ict-project';
import { api } from '../../api/client';
import { hasRole, isStaff, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { formatRinggit } from './format';
import { GateBadge, ProjectStatusBadge } from './ProjectBadges';
import type { ProjectList } from './types';

const pageSize = 20;
const filterNames = ['status', 'gate', 'variant'] as const;

export default function ProjectsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const title = isStaff(me) ? t('projects.list.portfolio') : t('projects.list.mine');
  useDocumentTitle(`${title} · ${t('app.name')}`);
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(filterNames.map((name) => [name, params.get(name)]));
  // The API lets customers and every staff role raise a need, as canRaiseProjectNeed does.
  const canRaise = hasRole(me, 'customer', ...staffRoles);

  const projects = useInfiniteQuery({
    queryKey: ['projects', 'list', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      for (const name of filterNames) {
        const value = filters[name];
        if (value) query.set(name, value);
      }
      if (pageParam) query.set('cursor', pageParam);
      return api.get<ProjectList>(`/projects?${query.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = projects.data?.pages.flatMap((page) => page.items) ?? [];

  function setFilter(name: (typeof filterNames)[number], value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{title}</Title>
        {canRaise ? (
          <Button component={Link} to="/projects/new">
            {t('projects.list.raise')}
          </Button>
        ) : null}
      </Group>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('projects.field.status')}
          placeholder={t('projects.list.any')}
          data={projectStatuses.map((value) => ({
            value,
            label: t(`projects.status.${value}`),
          }))}
          value={filters.status ?? null}
          onChange={(value) => setFilter('status', value)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('projects.field.currentGate')}
          placeholder={t('projects.list.any')}
          data={projectGates.map((value) => ({ value, label: t(`projects.gate.${value}`) }))}
          value={filters.gate ?? null}
          onChange={(value) => setFilter('gate', value)}
          clearable
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label={t('projects.field.variant')}
          placeholder={t('projects.list.any')}
          data={projectVariants.map((value) => ({
            value,
            label: t(`projects.variant.${value}`),
          }))}
          value={filters.variant ?? null}
          onChange={(value) => setFilter('variant', value)}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      <ErrorAlert error={projects.error} />
      {projects.isPending ? <PageLoader /> : null}
      {projects.isSuccess && items.length === 0 ? <Text>{t('projects.list.empty')}</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('projects.field.reference')}</Table.Th>
                <Table.Th>{t('projects.field.title')}</Table.Th>
                <Table.Th>{t('projects.field.variant')}</Table.Th>
                <Table.Th miw={190}>{t('projects.field.status')}</Table.Th>
                <Table.Th>{t('projects.field.authority')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('projects.field.value')}</Table.Th>
                <Table.Th>{t('projects.field.applicant')}</Table.Th>
                <Table.Th>{t('projects.field.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((project) => (
                <Table.Tr key={project.reference}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/projects/${project.reference}`} fw={600}>
                      {project.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td miw={200} style={{ overflowWrap: 'break-word' }}>
                    {project.title}
                  </Table.Td>
                  <Table.Td>{t(`projects.variant.${project.variant}`)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <ProjectStatusBadge status={project.status} />
                      {project.currentGate ? <GateBadge gate={project.currentGate} /> : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{t(`projects.authority.${project.authority}`)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {formatRinggit(project.estimatedValue)}
                  </Table.Td>
                  <Table.Td>
                    {project.applicant.name}
                    {project.unit ? ` (${project.unit.code})` : ''}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(project.updatedAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {projects.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void projects.fetchNextPage()}
          loading={projects.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('projects.list.more')}
        </Button>
      ) : null}
    </Stack>
  );
}
