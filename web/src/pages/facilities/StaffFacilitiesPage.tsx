/** Open applications of my units for provision (staff). */
import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import type { ApplicationSummary } from '../approvals/types';
import { ApplicationList } from './shared';

export default function StaffFacilitiesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('facilities.staff.title')} · ${t('app.name')}`);
  const list = useQuery({
    queryKey: ['facilities', 'staff'],
    queryFn: () => api.get<{ items: ApplicationSummary[] }>('/facility-requests/staff'),
  });
  return (
    <Stack>
      <Title order={1}>{t('facilities.staff.title')}</Title>
      {list.isPending ? <PageLoader /> : null}
      <ErrorAlert error={list.error} />
      {list.data ? <ApplicationList items={list.data.items} showRequester /> : null}
    </Stack>
  );
}
