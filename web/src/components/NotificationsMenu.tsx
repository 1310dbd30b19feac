/**
 * The bell in the header: the count of the signed-in person's unread notifications, and a list of
 * the newest ones (subject, time, link to the case) with "mark read" and "mark all read".
 */
import {
  ActionIcon,
  Anchor,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useWindowEvent } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { formatDateTime } from '../format';
import { ErrorAlert } from './ErrorAlert';

/** One notification as GET /me/notifications returns it. */
interface Notification {
  id: string;
  caseReference: string | null;
  template: string;
  subject: string;
  createdAt: string;
  readAt: string | null;
}

interface NotificationPage {
  items: Notification[];
  unreadCount: number;
  nextCursor: string | null;
}

const queryKey = ['me', 'notifications'] as const;
/** How many of the newest notifications the list shows. */
const listSize = 10;
/** How often the unread count is refreshed while the page is open, in milliseconds. */
const refreshMs = 60_000;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden="true">
      <path
        d="M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2Zm4 4h4"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function NotificationItem({
  item,
  onRead,
  onOpen,
  pending,
}: {
  item: Notification;
  onRead: (id: string) => void;
  onOpen: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <li data-unread={unread}>
      <Stack gap={2}>
        <Text size="sm" fw={unread ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
          {item.subject}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {formatDateTime(item.createdAt)}
          </Text>
          {item.caseReference ? (
            <Anchor
              component={Link}
              to={`/cases/${item.caseReference}`}
              size="xs"
              onClick={() => {
                if (unread) onRead(item.id);
                onOpen();
              }}
            >
              {item.caseReference}
            </Anchor>
          ) : (
            <Text size="xs" c="dimmed">
              {t('notifications.noCase')}
            </Text>
          )}
          {unread ? (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => onRead(item.id)}
              disabled={pending}
              aria-label={`${t('notifications.markRead')}: ${item.subject}`}
            >
              {t('notifications.markRead')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </li>
  );
}

export function NotificationsMenu() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);

  const query = useQuery({
    queryKey,
    queryFn: () => api.get<NotificationPage>(`/me/notifications?limit=${listSize}`),
    refetchInterval: refreshMs,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api.post<{ unreadCount: number }>(`/me/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ unreadCount: number }>('/me/notifications/read-all'),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });

  // Escape closes the list even after "mark all read" removed the focused button, which leaves
  // the focus outside the dropdown where Popover's own Escape handling does not see the key.
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') close();
  });

  // Opening the list fetches it again, so it is never a refresh interval behind.
  function handleToggle() {
    if (!opened) void query.refetch();
    toggle();
  }

  const unread = query.data?.unreadCount ?? 0;
  const items = query.data?.items ?? [];
  const label =
    unread > 0 ? t('notifications.open', { count: unread }) : t('notifications.openNone');

  return (
    <Popover
      opened={opened}
      onChange={(value) => (value ? undefined : close())}
      position="bottom-end"
      width="min(360px, calc(100vw - 16px))"
      shadow="md"
      trapFocus
      returnFocus
    >
      {/* The target is the button itself, so Popover puts aria-expanded and aria-controls on it. */}
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={18}
        color="red.8"
        disabled={unread === 0}
        offset={4}
      >
        <Popover.Target>
          <ActionIcon variant="default" size="lg" onClick={handleToggle} aria-label={label}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown aria-label={t('notifications.title')} role="dialog" p="sm">
        <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
          <Title order={2} size="h5">
            {t('notifications.title')}
          </Title>
          {unread > 0 ? (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => markAll.mutate()}
              loading={markAll.isPending}
            >
              {t('notifications.markAllRead')}
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={query.error ?? markRead.error ?? markAll.error} />
        {query.isSuccess && items.length === 0 ? (
          <Text size="sm">{t('notifications.empty')}</Text>
        ) : null}
        <ScrollArea.Autosize mah={360} type="auto">
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((item) => (
              <NotificationItem
                key={item.id}
                item={item}
                onRead={(id) => markRead.mutate(id)}
                onOpen={close}
                pending={markRead.isPending}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
