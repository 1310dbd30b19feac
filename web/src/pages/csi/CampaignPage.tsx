/**
 * One CSI campaign: its period, services, population and response rate, cancelling while it has
 * not closed, and once completed the index of the division, each service and each question beside
 * the previous campaign's.
 */
import { Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { statusColours, type CampaignDetail, type CampaignResults, type ResultRow } from './types';

/** Formats an index change in percentage points with its sign, or a dash without a previous one. */
function change(row: ResultRow): string {
  if (row.indexChange === null) return '–';
  const sign = row.indexChange > 0 ? '+' : '';
  return `${sign}${row.indexChange.toFixed(1)}`;
}

function ResultTable({
  caption,
  rows,
  label,
}: {
  caption: string;
  rows: ResultRow[];
  label: (row: ResultRow) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('csi.results.item')}</Table.Th>
            <Table.Th>{t('csi.results.responses')}</Table.Th>
            <Table.Th>{t('csi.results.mean')}</Table.Th>
            <Table.Th>{t('csi.results.index')}</Table.Th>
            <Table.Th>{t('csi.results.change')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => (
            <Table.Tr key={index}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{label(row)}</Table.Td>
              <Table.Td>{row.responses}</Table.Td>
              <Table.Td>{row.meanScore.toFixed(2)}</Table.Td>
              <Table.Td>{row.csiIndex.toFixed(1)}</Table.Td>
              <Table.Td>{change(row)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Results({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const english = currentLanguage() === 'en';
  const results = useQuery({
    queryKey: ['csi-campaigns', reference, 'results'],
    queryFn: () => api.get<CampaignResults>(`/csi-campaigns/${reference}/results`),
  });
  if (results.isPending) return <PageLoader />;
  if (results.error) return <ErrorAlert error={results.error} />;
  const data = results.data;
  return (
    <Card withBorder component="section" aria-labelledby="csi-results-title">
      <Stack>
        <Title order={2} size="h3" id="csi-results-title">
          {t('csi.results.title')}
        </Title>
        {data.division ? (
          <Group gap="lg" wrap="wrap">
            <Text fz={28} fw={700}>
              {data.division.csiIndex.toFixed(1)}
            </Text>
            <Text>
              {t('csi.results.division', {
                mean: data.division.meanScore.toFixed(2),
                change: change(data.division),
              })}
            </Text>
          </Group>
        ) : (
          <Text>{t('csi.results.noAnswers')}</Text>
        )}
        <Text size="sm">
          {data.previous
            ? t('csi.results.comparedWith', {
                reference: data.previous.reference,
                title: english ? data.previous.titleEn : data.previous.titleMs,
              })
            : t('csi.results.noPrevious')}
        </Text>
        <ResultTable
          caption={t('csi.results.byService')}
          rows={data.byService}
          label={(row) => (english ? row.serviceNameEn : row.serviceNameMs) ?? ''}
        />
        <ResultTable
          caption={t('csi.results.byQuestion')}
          rows={data.byQuestion}
          label={(row) => (english ? row.questionTextEn : row.questionTextMs) ?? ''}
        />
      </Stack>
    </Card>
  );
}

export default function CampaignPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const english = currentLanguage() === 'en';
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const campaign = useQuery({
    queryKey: ['csi-campaigns', reference],
    queryFn: () => api.get<CampaignDetail>(`/csi-campaigns/${reference}`),
  });
  const cancel = useMutation<CampaignDetail, ApiError>({
    mutationFn: () => api.post<CampaignDetail>(`/csi-campaigns/${reference}/cancel`, { reason }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['csi-campaigns'] }),
  });

  if (campaign.isPending) return <PageLoader />;
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  const data = campaign.data;

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{reference}</Title>
        <Badge color={statusColours[data.status]} variant="filled" radius="sm">
          {t(`csi.status.${data.status}`)}
        </Badge>
      </Group>
      <Text fw={500}>{english ? data.titleEn : data.titleMs}</Text>
      <Card withBorder>
        <Stack gap="xs">
          <Text>
            {t('csi.detail.period', {
              from: formatDateTime(data.opensAt),
              to: formatDateTime(data.closesAt),
            })}
          </Text>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {t('csi.detail.services', {
              services: data.services
                .map((service) => (english ? service.nameEn : service.nameMs))
                .join(', '),
            })}
          </Text>
          <Text>
            {t('csi.detail.population', {
              groups: data.population
                .map((group) => `${t(`csi.kinds.${group.kind}`)} ${group.percent}%`)
                .join(', '),
            })}
          </Text>
          <Text>
            {t('csi.detail.responses', {
              answered: data.answered,
              invited: data.invited,
              rate: data.responseRate === null ? '–' : `${(data.responseRate * 100).toFixed(0)}%`,
            })}
          </Text>
          {data.cancelReason ? (
            <Text>{t('csi.detail.cancelReason', { reason: data.cancelReason })}</Text>
          ) : null}
        </Stack>
      </Card>
      {data.actions.cancel ? (
        <Card withBorder>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('csi.detail.cancelLabel')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
            />
            <Button
              color="red.8"
              variant="outline"
              loading={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              {t('csi.detail.cancel')}
            </Button>
          </Group>
          {cancel.isSuccess ? (
            <Text role="status" mt="xs">
              {t('csi.detail.cancelled')}
            </Text>
          ) : null}
          <ErrorAlert error={cancel.error} />
        </Card>
      ) : null}
      {data.actions.results ? (
        <Results reference={reference} />
      ) : (
        <Text>{t('csi.results.notYet')}</Text>
      )}
    </Stack>
  );
}
