/**
 * Service-desk mailboxes: the list with each mailbox's intake, a connection test of its IMAP
 * settings, and the form that adds or changes one.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { MailboxModal } from './MailboxModal';
import { MailTabs, useMailboxes, type ConnectionTestResult, type Mailbox } from './shared';

export default function MailboxesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('mail.mailboxes.title')} · ${t('app.name')}`);
  const mailboxes = useMailboxes();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('mail.mailboxes.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('mail.mailboxes.create')}</Button>
      </Group>
      <MailTabs current="mailboxes" />
      <Text c="dimmed">{t('mail.mailboxes.intro')}</Text>
      <ErrorAlert error={mailboxes.error} />
      {mailboxes.isPending ? <PageLoader /> : null}
      {mailboxes.data?.items.length === 0 ? <Text>{t('mail.mailboxes.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {mailboxes.data?.items.map((mailbox) => (
          <MailboxCard key={mailbox.id} mailbox={mailbox} onEdit={() => setEditing(mailbox)} />
        ))}
      </Stack>
      {editing ? (
        <MailboxModal
          mailbox={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function MailboxCard({ mailbox, onEdit }: { mailbox: Mailbox; onEdit: () => void }) {
  const { t } = useTranslation();
  const hasImap = mailbox.imapHost !== null && mailbox.imapUser !== null && mailbox.imapPasswordSet;
  const connection = useMutation({
    mutationFn: () =>
      api.post<ConnectionTestResult>(`/channels/email/mailboxes/${mailbox.id}/test`),
  });

  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
            <UnstyledButton
              onClick={onEdit}
              aria-label={t('mail.mailboxes.edit', { name: mailbox.name })}
              style={{ alignSelf: 'flex-start' }}
            >
              <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
                {mailbox.name}
              </Text>
            </UnstyledButton>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {mailbox.address}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {hasImap
                ? t('mail.mailboxes.imapSummary', {
                    host: mailbox.imapHost,
                    port: mailbox.imapPort,
                    folder: mailbox.imapFolder,
                  })
                : t('mail.mailboxes.apiOnly')}
            </Text>
          </Stack>
          <Group gap={4}>
            <Badge variant="light" color="blue">
              {t(`mail.policies.${mailbox.unknownDomainPolicy}`)}
            </Badge>
            {mailbox.active ? null : (
              <Badge variant="filled" color="gray.8">
                {t('admin.common.inactive')}
              </Badge>
            )}
          </Group>
        </Group>
        {hasImap ? (
          <Group gap="sm">
            <Button
              variant="default"
              size="xs"
              onClick={() => connection.mutate()}
              loading={connection.isPending}
            >
              {t('mail.mailboxes.testConnection')}
            </Button>
          </Group>
        ) : null}
        <ErrorAlert error={connection.error} />
        {connection.data ? <ConnectionResult result={connection.data} /> : null}
      </Stack>
    </Card>
  );
}

function ConnectionResult({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="teal" variant="light" role="status" title={t('mail.mailboxes.connectionOk')}>
        {t('mail.mailboxes.connectionMessages', { count: result.messages ?? 0 })}
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" role="status" title={t('mail.mailboxes.connectionFailed')}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {result.error}
      </Text>
    </Alert>
  );
}
