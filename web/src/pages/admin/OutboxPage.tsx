/**
 * The notification outbox: every message Khidmat recorded or sent, newest first, filtered by
 * status, template or case number. Opening one shows its subject, text and any delivery error.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { templateNames } from '../../../../activities/notifications/templates/types';
import type { NotificationPage, OutboxNotification } from '../../../../api/schemas/notifications';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { formatDateTime } from '../../format';

const pageSize = 25;
const notificationStatuses: OutboxNotification['status'][] = [
  'pending',
  'sent',
  'recorded',
  'failed',
];
const referencePattern = /^[A-Za-z]{3}-\d{4}-\d{6}$/;

const statusColor: Record<OutboxNotification['status'], string> = {
  pending: 'orange.9',
  sent: 'teal.9',
  recorded: 'blue.8',
  failed: 'red.8',
};

function StatusBadge({ status }: { status: OutboxNotification['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={statusColor[status]} style={{ flexShrink: 0 }}>
      {t(`admin.outbox.statuses.${status}`)}
    </Badge>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(`${t('admin.outbox.title')} · ${t('app.name')}`);
  const [status, setStatus] = useState<string | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [debouncedReference] = useDebouncedValue(reference.trim(), 300);
  // A partly typed case number would be rejected by the API, so it filters only once complete.
  const caseReference = referencePattern.test(debouncedReference) ? debouncedReference : '';
  const [open, setOpen] = useState<OutboxNotification | null>(null);

  const outbox = useInfiniteQuery({
    queryKey: ['admin', 'outbox', status, template, caseReference],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (status) query.set('status', status);
      if (template) query.set('template', template);
      if (caseReference) query.set('caseReference', caseReference.toUpperCase());
      if (pageParam) query.set('cursor', pageParam);
      return api.get<NotificationPage>(`/notifications?${query.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('admin.outbox.title')}</Title>
      <Text c="dimmed">{t('admin.outbox.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('admin.outbox.status')}
          placeholder={t('admin.common.any')}
          data={notificationStatuses.map((value) => ({
            value,
            label: t(`admin.outbox.statuses.${value}`),
          }))}
          value={status}
          onChange={setStatus}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <Select
          label={t('admin.outbox.template')}
          placeholder={t('admin.common.any')}
          data={templateNames.map((value) => ({
            value,
            label: t(`admin.outbox.templates.${value}`),
          }))}
          value={template}
          onChange={setTemplate}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <TextInput
          label={t('admin.outbox.caseReference')}
          description={t('admin.outbox.caseReferenceHint')}
          value={reference}
          onChange={(event) => setReference(event.currentTarget.value)}
        />
      </SimpleGrid>
      <ErrorAlert error={outbox.error} />
      {outbox.isPending ? <PageLoader /> : null}
      {outbox.isSuccess && items.length === 0 ? <Text>{t('admin.outbox.empty')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => (
          <Card key={item.id} withBorder component="li" padding="sm">
            <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <UnstyledButton
                  onClick={() => setOpen(item)}
                  aria-label={t('admin.outbox.open', { subject: item.subject })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  <Text fw={600} c="blue.8" td="underline" style={{ overflowWrap: 'anywhere' }}>
                    {item.subject}
                  </Text>
                </UnstyledButton>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {item.recipient.name
                    ? `${item.recipient.name} <${item.recipient.email}>`
                    : item.recipient.email}
                </Text>
                <Text size="sm" c="dimmed">
                  {[
                    formatDateTime(item.createdAt),
                    t(`admin.outbox.templates.${item.template}`, { defaultValue: item.template }),
                    item.caseReference,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              <StatusBadge status={item.status} />
            </Group>
          </Card>
        ))}
      </Stack>
      {outbox.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => void outbox.fetchNextPage()}
          loading={outbox.isFetchingNextPage}
          style={{ alignSelf: 'center' }}
        >
          {t('admin.common.loadMore')}
        </Button>
      ) : null}
      {open ? <NotificationModal notification={open} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}

function NotificationModal({
  notification,
  onClose,
}: {
  notification: OutboxNotification;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [
      t('admin.outbox.recipient'),
      notification.recipient.name
        ? `${notification.recipient.name} <${notification.recipient.email}>`
        : notification.recipient.email,
    ],
    [
      t('admin.outbox.template'),
      t(`admin.outbox.templates.${notification.template}`, {
        defaultValue: notification.template,
      }),
    ],
    [t('admin.outbox.language'), t(`admin.languages.${notification.language}`)],
    [t('admin.outbox.createdAt'), formatDateTime(notification.createdAt)],
  ];
  if (notification.sentAt)
    rows.push([t('admin.outbox.sentAt'), formatDateTime(notification.sentAt)]);

  return (
    <Modal
      opened
      closeButtonProps={{ 'aria-label': t('admin.common.close') }}
      onClose={onClose}
      size="lg"
      title={notification.subject}
    >
      <Stack>
        <Group gap="xs">
          <StatusBadge status={notification.status} />
          <Text size="sm">{t('admin.outbox.attempts', { count: notification.attempts })}</Text>
        </Group>
        {notification.status === 'failed' && notification.error ? (
          <Alert color="red" variant="light" title={t('admin.outbox.error')}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {notification.error}
            </Text>
          </Alert>
        ) : null}
        {notification.status === 'recorded' ? (
          <Text size="sm" c="dimmed">
            {t('admin.outbox.recordedHint')}
          </Text>
        ) : null}
        <Stack gap={4} component="dl" style={{ margin: 0 }}>
          {rows.map(([label, value]) => (
            <Group key={label} gap="xs" wrap="wrap" align="baseline">
              <Text component="dt" size="sm" fw={600}>
                {label}:
              </Text>
              <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </Group>
          ))}
          {notification.caseReference ? (
            <Group gap="xs" align="baseline">
              <Text component="dt" size="sm" fw={600}>
                {t('admin.outbox.case')}:
              </Text>
              <Text component="dd" size="sm" m={0}>
                <Link to={`/cases/${notification.caseReference}`}>
                  {notification.caseReference}
                </Link>
              </Text>
            </Group>
          ) : null}
        </Stack>
        <Card withBorder bg="gray.0" padding="sm">
          <Text component="pre" size="sm" className="preserve-lines" m={0} ff="inherit">
            {notification.bodyText}
          </Text>
        </Card>
      </Stack>
    </Modal>
  );
}
