/** My loans (customers) or the loans of the unit's resources (staff), newest first. */
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { isStaff, useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import type { LoanSummary } from './types';

export default function LoansPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const staff = isStaff(me);
  const title = staff ? t('loans.unit.title') : t('loans.mine.title');
  useDocumentTitle(`${title} · ${t('app.name')}`);
  const loans = useQuery({
    queryKey: ['loans', staff ? 'unit' : 'mine'],
    queryFn: () => api.get<{ items: LoanSummary[] }>(`/loans?scope=${staff ? 'unit' : 'mine'}`),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Button component={Link} to="/loans/new">
          {t('loans.apply.button')}
        </Button>
      </Group>
      {loans.isPending ? <PageLoader /> : null}
      {loans.isError ? <ErrorAlert error={loans.error} /> : null}
      {loans.data && loans.data.items.length === 0 ? <Text>{t('loans.empty')}</Text> : null}
      {loans.data && loans.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('loans.field.reference')}</Table.Th>
                <Table.Th>{t('loans.field.resource')}</Table.Th>
                <Table.Th>{t('loans.field.period')}</Table.Th>
                <Table.Th>{t('loans.field.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loans.data.items.map((loan) => (
                <Table.Tr key={loan.reference}>
                  <Table.Td>
                    <Anchor component={Link} to={`/loans/${loan.reference}`}>
                      {loan.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{loan.resourceName}</Table.Td>
                  <Table.Td>
                    {formatDateTime(loan.startsAt)} – {formatDateTime(loan.endsAt)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={loan.overdue ? 'red' : 'blue'}>
                      {loan.overdue ? t('loans.overdue') : t(`loans.status.${loan.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
