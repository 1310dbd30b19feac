/**
 * One facility application: its answers, approvals, provision steps (marked done by the
 * providing unit), handover with the applicant's acknowledgement, the software download, and
 * the timeline.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import type { Application } from '../approvals/types';
import { FacilityStatusBadge, itemName } from './shared';

/** Returns a timeline entry's detail for display; the provision deadline entries carry an instant. */
function timelineDetail(kind: string, detail: string): string {
  return kind === 'provision_due' || kind === 'provision_overdue' ? formatDateTime(detail) : detail;
}

export default function FacilityPage() {
  const { t } = useTranslation();
  const { reference = '' } = useParams();
  useDocumentTitle(`${reference} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const path = `/facility-requests/${encodeURIComponent(reference)}`;
  const application = useQuery({
    queryKey: ['facilities', reference],
    queryFn: () => api.get<Application>(path),
  });
  const onSuccess = (updated: Application) => {
    queryClient.setQueryData(['facilities', reference], updated);
    void queryClient.invalidateQueries({ queryKey: ['facilities'] });
  };
  const stepDone = useMutation({
    mutationFn: (index: number) => api.post<Application>(`${path}/steps/${index}/done`),
    onSuccess,
  });
  const acknowledge = useMutation({
    mutationFn: () => api.post<Application>(`${path}/acknowledge`),
    onSuccess,
  });

  if (application.isPending) return <PageLoader />;
  if (application.isError) return <ErrorAlert error={application.error} />;
  const data = application.data;
  const english = currentLanguage() === 'en';

  return (
    <Stack>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={1}>{data.reference}</Title>
        <FacilityStatusBadge status={data.status} />
      </Group>
      <Text style={{ overflowWrap: 'anywhere' }}>
        {itemName({ nameMs: data.itemNameMs, nameEn: data.itemNameEn })} · {data.requesterName}
      </Text>
      {data.rejectionReason ? (
        <Alert color="red" role="status" title={t('facilities.page.rejected')}>
          {data.rejectionReason}
        </Alert>
      ) : null}

      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('facilities.page.answers')}
        </Title>
        <List spacing={4}>
          {data.fields.map((field) => (
            <List.Item key={field.key} style={{ overflowWrap: 'anywhere' }}>
              {english ? field.labelEn : field.labelMs}: {String(data.answers[field.key] ?? '-')}
            </List.Item>
          ))}
        </List>
      </Card>

      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('facilities.page.approvals')}
        </Title>
        {data.approvals.length === 0 ? (
          <Text c="dimmed">{t('facilities.page.noApprovals')}</Text>
        ) : null}
        <List spacing={4}>
          {data.approvals.map((approval, index) => (
            <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
              {t('facilities.page.approvalLine', {
                level: approval.level,
                name: approval.approverName,
                status: t(`facilities.approvalStatus.${approval.status}`),
              })}
              {approval.comment ? ` · ${approval.comment}` : ''}
            </List.Item>
          ))}
        </List>
      </Card>

      {data.steps.length > 0 ? (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('facilities.page.steps')}
          </Title>
          {data.provisionDueAt && data.status === 'provisioning' ? (
            <Group gap="xs" mb="xs" wrap="wrap">
              <Text size="sm">
                {t('facilities.page.provisionDue', { at: formatDateTime(data.provisionDueAt) })}
              </Text>
              {data.provisionOverdue ? (
                <Badge color="red.8" variant="filled" radius="sm">
                  {t('facilities.page.provisionOverdue')}
                </Badge>
              ) : null}
            </Group>
          ) : null}
          <Stack gap="xs">
            {data.steps.map((step, index) => (
              <Group key={step.name} justify="space-between" wrap="wrap" gap="xs">
                <Text>
                  {index + 1}. {step.name}
                  {step.doneAt
                    ? ` · ${t('facilities.page.doneAt', { at: formatDateTime(step.doneAt) })}`
                    : ''}
                </Text>
                {data.canProvide && !step.doneAt ? (
                  <Button
                    size="xs"
                    loading={stepDone.isPending && stepDone.variables === index}
                    onClick={() => stepDone.mutate(index)}
                    aria-label={t('facilities.page.markDoneNamed', { step: step.name })}
                  >
                    {t('facilities.page.markDone')}
                  </Button>
                ) : null}
              </Group>
            ))}
          </Stack>
          <ErrorAlert error={stepDone.error} />
        </Card>
      ) : null}

      {data.canDownload ? (
        <Anchor href={`/api/v1${path}/download`}>{t('facilities.page.download')}</Anchor>
      ) : null}
      {data.canAcknowledge ? (
        <Stack gap="xs" align="flex-start">
          <Text>{t('facilities.page.acknowledgeHelp')}</Text>
          <Button loading={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
            {t('facilities.page.acknowledge')}
          </Button>
          <ErrorAlert error={acknowledge.error} />
        </Stack>
      ) : null}

      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('facilities.page.timeline')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2}>
          {data.timeline.map((event, index) => (
            <Timeline.Item key={index} title={t(`facilities.event.${event.kind}`)}>
              <Text size="sm" c="dimmed">
                {formatDateTime(event.at)}
                {event.actorName ? ` · ${event.actorName}` : ''}
                {event.detail ? ` · ${timelineDetail(event.kind, event.detail)}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}
