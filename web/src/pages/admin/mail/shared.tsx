/**
 * Pieces shared by the e-mail channel screens: the response types as JSON delivers them, the
 * mailbox list query, the tabs between the three screens and the card of one stored message.
 */
import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type {
  connectionTestResult,
  mailboxCreated,
  mailboxSchema,
  messagePage,
  processResult,
} from '../../../../../api/schemas/email';
import { mailReasons, type MailStatus } from '../../../../../common/mail';
import { api } from '../../../api/client';
import { formatBytes, formatDateTime } from '../../../format';
import type { Wire } from '../shared';

export type Mailbox = Wire<z.infer<typeof mailboxSchema>>;
export type MailboxCreated = Wire<z.infer<typeof mailboxCreated>>;
export type MessagePage = Wire<z.infer<typeof messagePage>>;
export type MailMessage = MessagePage['items'][number];
export type ProcessResult = Wire<z.infer<typeof processResult>>;
export type ConnectionTestResult = Wire<z.infer<typeof connectionTestResult>>;

export const mailboxesQueryKey = ['admin', 'mail', 'mailboxes'] as const;

const pageSize = 25;

/** Pages of stored messages, newest first, from the message list or the quarantine. */
export function useMessagePages(
  list: 'messages' | 'quarantine',
  filters: { status?: string | null; mailboxId?: string | null },
) {
  return useInfiniteQuery({
    queryKey: ['admin', 'mail', list, filters.status ?? null, filters.mailboxId ?? null],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (filters.status) query.set('status', filters.status);
      if (filters.mailboxId) query.set('mailboxId', filters.mailboxId);
      if (pageParam) query.set('cursor', pageParam);
      return api.get<MessagePage>(`/channels/email/${list}?${query.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Shows a button that loads the next page of messages while there is one. */
export function LoadMoreButton({ pages }: { pages: ReturnType<typeof useMessagePages> }) {
  const { t } = useTranslation();
  if (!pages.hasNextPage) return null;
  return (
    <Button
      variant="default"
      onClick={() => void pages.fetchNextPage()}
      loading={pages.isFetchingNextPage}
      style={{ alignSelf: 'center' }}
    >
      {t('admin.common.loadMore')}
    </Button>
  );
}

export function useMailboxes() {
  return useQuery({
    queryKey: mailboxesQueryKey,
    queryFn: () => api.get<{ items: Mailbox[] }>('/channels/email/mailboxes'),
  });
}

const statusColor: Record<MailStatus, string> = {
  stored: 'orange.9',
  processed: 'teal.9',
  quarantined: 'red.8',
  ignored: 'gray.8',
};

export function MailStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = statusColor[status as MailStatus] ?? 'gray.8';
  return (
    <Badge variant="filled" color={color} style={{ flexShrink: 0 }}>
      {t(`mail.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/**
 * Translates a stored reason, written as a code of mailReasons optionally followed by ": " and
 * details. The details are technical and stay in English.
 */
export function useReasonText(): (reason: string | null) => string | null {
  const { t } = useTranslation();
  return (reason) => {
    if (!reason) return null;
    const separator = reason.indexOf(': ');
    const code = separator === -1 ? reason : reason.slice(0, separator);
    if (!(mailReasons as readonly string[]).includes(code)) return reason;
    const label = t(`mail.reasons.${code}`);
    return separator === -1 ? label : `${label} (${reason.slice(separator + 2)})`;
  };
}

export type MailTab = 'mailboxes' | 'quarantine' | 'messages';

const tabPaths: Record<MailTab, string> = {
  mailboxes: '/admin/mail',
  quarantine: '/admin/mail/quarantine',
  messages: '/admin/mail/messages',
};

/** Tabs that move between the three e-mail channel screens. */
export function MailTabs({ current }: { current: MailTab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={current}
      onChange={(value) => {
        if (value && value in tabPaths) void navigate(tabPaths[value as MailTab]);
      }}
    >
      <Tabs.List>
        {(Object.keys(tabPaths) as MailTab[]).map((tab) => (
          <Tabs.Tab key={tab} value={tab}>
            {t(`mail.tabs.${tab}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

/** Shows the case a message started or joined, linked to its page. */
export function CaseLink({ reference }: { reference: string | null }) {
  const { t } = useTranslation();
  if (!reference) return null;
  return (
    <Text size="sm">
      {t('mail.messages.case')}:{' '}
      <Anchor component={Link} to={`/cases/${reference}`}>
        {reference}
      </Anchor>
    </Text>
  );
}

/** Shows one stored message: subject, sender, arrival, status, what it became and why. */
export function MessageCard({
  message,
  mailboxName,
  children,
}: {
  message: MailMessage;
  mailboxName: string | null;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const reason = reasonText(message.reason);
  return (
    <Card withBorder component="li" padding="sm">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
          <Text fw={600} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
            {message.subject ?? t('mail.messages.noSubject')}
          </Text>
          <MailStatusBadge status={message.status} />
        </Group>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('mail.messages.from')}: {message.fromAddress ?? t('mail.messages.unknownSender')}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[
            formatDateTime(message.receivedAt),
            mailboxName,
            t(`mail.sources.${message.source}`, { defaultValue: message.source }),
            formatBytes(message.sizeBytes),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {message.outcome ? (
          <Text size="sm">
            {t('mail.messages.outcome')}:{' '}
            {t(`mail.outcomes.${message.outcome}`, { defaultValue: message.outcome })}
          </Text>
        ) : null}
        {reason ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('mail.messages.reason')}: {reason}
          </Text>
        ) : null}
        <CaseLink reference={message.caseReference} />
        {message.skippedParts && message.skippedParts.length > 0 ? (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('mail.messages.skippedParts', {
              names: message.skippedParts.map((part) => part.name).join(', '),
            })}
          </Text>
        ) : null}
        {children}
      </Stack>
    </Card>
  );
}

/** Names of the mailboxes by id, for the cards. */
export function useMailboxNames(): (id: string | null) => string | null {
  const mailboxes = useMailboxes();
  return (id) => mailboxes.data?.items.find((mailbox) => mailbox.id === id)?.name ?? null;
}
