/**
 * The quarantine: inbound messages that could not be processed, with the reason. Processing one
 * again skips the sender rate limit, and its outcome stays on screen after it leaves the list.
 */
import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import {
  CaseLink,
  LoadMoreButton,
  MailTabs,
  MessageCard,
  useMailboxNames,
  useMessagePages,
  useReasonText,
  type MailMessage,
  type ProcessResult,
} from './shared';

interface Outcome {
  subject: string | null;
  result: ProcessResult;
}

export default function QuarantinePage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('mail.quarantine.title')} · ${t('app.name')}`);
  const queryClient = useQueryClient();
  const mailboxName = useMailboxNames();
  const quarantine = useMessagePages('quarantine', {});
  const items = quarantine.data?.pages.flatMap((page) => page.items) ?? [];
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  const reprocess = useMutation({
    mutationFn: (message: MailMessage) =>
      api.post<ProcessResult>(`/channels/email/quarantine/${message.id}/reprocess`),
    onSuccess: async (result, message) => {
      setOutcomes((previous) => [{ subject: message.subject, result }, ...previous]);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'mail'] });
    },
  });

  return (
    <Stack>
      <Title order={1}>{t('mail.quarantine.title')}</Title>
      <MailTabs current="quarantine" />
      <Text c="dimmed">{t('mail.quarantine.intro')}</Text>
      <ErrorAlert error={quarantine.error ?? reprocess.error} />
      <Stack gap="xs" role="status" aria-live="polite">
        {outcomes.map((outcome) => (
          <OutcomeAlert key={outcome.result.id} outcome={outcome} />
        ))}
      </Stack>
      {quarantine.isPending ? <PageLoader /> : null}
      {quarantine.isSuccess && items.length === 0 ? (
        <Text>{t('mail.quarantine.empty')}</Text>
      ) : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((message) => (
          <MessageCard
            key={message.id}
            message={message}
            mailboxName={mailboxName(message.mailboxId)}
          >
            <Group>
              <Button
                size="xs"
                variant="default"
                onClick={() => reprocess.mutate(message)}
                loading={reprocess.isPending && reprocess.variables?.id === message.id}
                aria-label={t('mail.quarantine.reprocessNamed', {
                  subject: message.subject ?? t('mail.messages.noSubject'),
                })}
              >
                {t('mail.quarantine.reprocess')}
              </Button>
            </Group>
          </MessageCard>
        ))}
      </Stack>
      <LoadMoreButton pages={quarantine} />
    </Stack>
  );
}

function OutcomeAlert({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const { result } = outcome;
  const stillQuarantined = result.status === 'quarantined';
  const reason = reasonText(result.reason);
  return (
    <Alert
      color={stillQuarantined ? 'red' : 'teal'}
      variant="light"
      title={t('mail.quarantine.outcomeTitle', {
        subject: outcome.subject ?? t('mail.messages.noSubject'),
      })}
    >
      <Stack gap={2}>
        <Text size="sm">
          {t(`mail.statuses.${result.status}`)}
          {result.outcome ? ` · ${t(`mail.outcomes.${result.outcome}`)}` : ''}
        </Text>
        {reason ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('mail.messages.reason')}: {reason}
          </Text>
        ) : null}
        <CaseLink reference={result.caseReference} />
      </Stack>
    </Alert>
  );
}
