/** My facility applications, newest first. */
import { Button, Group, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import type { ApplicationSummary } from '../approvals/types';
import { ApplicationList } from './shared';

export default function MyFacilitiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('facilities.list.title')} · ${t('app.name')}`);
  const list = useQuery({
    queryKey: ['facilities', 'mine'],
    queryFn: () => api.get<{ items: ApplicationSummary[] }>('/facility-requests'),
  });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('facilities.list.title')}</Title>
        <Button component={Link} to="/facilities/new">
          {t('facilities.apply.action')}
        </Button>
      </Group>
      {list.isPending ? <PageLoader /> : null}
      <ErrorAlert error={list.error} />
      {list.data ? <ApplicationList items={list.data.items} showRequester={false} /> : null}
    </Stack>
  );
}
