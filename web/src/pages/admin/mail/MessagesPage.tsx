/**
 * Every stored inbound message, newest first, filtered by status or mailbox, with what each
 * became: the case it started or joined, or why it was set aside.
 */
import { Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailStatuses } from '../../../../../common/mail';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import {
  LoadMoreButton,
  MailTabs,
  MessageCard,
  useMailboxes,
  useMailboxNames,
  useMessagePages,
} from './shared';

export default function MessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('mail.messages.title')} · ${t('app.name')}`);
  const [status, setStatus] = useState<string | null>(null);
  const [mailboxId, setMailboxId] = useState<string | null>(null);
  const mailboxes = useMailboxes();
  const mailboxName = useMailboxNames();
  const messages = useMessagePages('messages', { status, mailboxId });
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('mail.messages.title')}</Title>
      <MailTabs current="messages" />
      <Text c="dimmed">{t('mail.messages.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('mail.messages.status')}
          placeholder={t('admin.common.any')}
          data={mailStatuses.map((value) => ({ value, label: t(`mail.statuses.${value}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <Select
          label={t('mail.messages.mailbox')}
          placeholder={t('admin.common.any')}
          data={
            mailboxes.data?.items.map((mailbox) => ({
              value: mailbox.id,
              label: `${mailbox.name} <${mailbox.address}>`,
            })) ?? []
          }
          value={mailboxId}
          onChange={setMailboxId}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
      </SimpleGrid>
      <ErrorAlert error={messages.error} />
      {messages.isPending ? <PageLoader /> : null}
      {messages.isSuccess && items.length === 0 ? <Text>{t('mail.messages.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((message) => (
          <MessageCard
            key={message.id}
            message={message}
            mailboxName={mailboxName(message.mailboxId)}
          />
        ))}
      </Stack>
      <LoadMoreButton pages={messages} />
    </Stack>
  );
}
