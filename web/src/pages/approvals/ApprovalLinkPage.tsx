/** The single-use decision link from an approver's e-mail: decide without signing in. */
import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { hasCode } from '../../errors';
import { DecisionForm } from './DecisionForm';
import type { ApprovalLinkInfo, DecisionInput } from './types';

export default function ApprovalLinkPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('approvals.link.title')} · ${t('app.name')}`);
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const path = `/approvals/link/${encodeURIComponent(token)}`;
  const info = useQuery({
    queryKey: ['approval-link', token],
    queryFn: () => api.get<ApprovalLinkInfo>(path),
  });
  const decide = useMutation({
    mutationFn: (input: DecisionInput) => api.post<ApprovalLinkInfo>(path, input),
    onSuccess: (result) => queryClient.setQueryData(['approval-link', token], result),
  });

  let content;
  if (info.isPending) {
    content = <PageLoader />;
  } else if (hasCode(info.error, 'not_found', 'validation_failed')) {
    content = (
      <Alert color="red" role="alert">
        {t('approvals.link.invalid')}
      </Alert>
    );
  } else if (info.isError) {
    content = <ErrorAlert error={info.error} />;
  } else if (info.data.state !== 'open') {
    content = (
      <Alert color={info.data.state === 'used' ? 'teal' : 'orange'} role="status">
        {t(`approvals.link.state.${info.data.state}`)}
      </Alert>
    );
  } else {
    content = (
      <DecisionForm
        id="link"
        onDecide={(input) => decide.mutate(input)}
        pending={decide.isPending}
        error={decide.error}
      />
    );
  }

  return (
    <Stack mt="lg">
      <Title order={1}>{t('approvals.link.title')}</Title>
      {info.data ? (
        <Text style={{ overflowWrap: 'anywhere' }}>
          {t('approvals.link.forRecord', {
            reference: info.data.reference,
            title: info.data.title,
            requester: info.data.requesterName,
            approver: info.data.approverName,
          })}
        </Text>
      ) : null}
      <Paper withBorder p="md">
        {content}
      </Paper>
    </Stack>
  );
}
