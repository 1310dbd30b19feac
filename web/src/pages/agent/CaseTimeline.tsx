/**
 * A case's timeline for staff: public replies, internal notes marked as internal, work logs with
 * their minutes, findings and the resolution, oldest first, with the attachments of each entry.
 */
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttachmentInfo, TimelineEntry } from '../../api/types';
import { AttachmentLinks } from '../../components/Attachments';
import { formatDateTime } from '../../format';

interface CaseTimelineProps {
  reference: string;
  entries: TimelineEntry[];
  attachments: AttachmentInfo[];
}

export function CaseTimeline({ reference, entries, attachments }: CaseTimelineProps) {
  const { t } = useTranslation();
  if (entries.length === 0) return <Text>{t('cases.view.noTimeline')}</Text>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((entry) => {
        const internal = entry.visibility === 'internal';
        const files = attachments.filter((file) => file.messageId === entry.id);
        return (
          <Paper
            key={entry.id}
            component="li"
            withBorder
            p="sm"
            bg={internal ? 'yellow.0' : undefined}
            style={internal ? { borderColor: 'var(--mantine-color-yellow-7)' } : undefined}
            data-kind={entry.kind}
            data-visibility={entry.visibility}
          >
            <Group gap="xs" wrap="wrap" mb={4}>
              <Text size="sm" fw={600}>
                {t(`messageKind.${entry.kind}`, { defaultValue: entry.kind })}
              </Text>
              {internal ? (
                <Badge color="yellow.5" autoContrast variant="filled" radius="sm">
                  {t('agent.timeline.internal')}
                </Badge>
              ) : (
                <Badge color="blue.8" variant="outline" radius="sm">
                  {t('agent.timeline.public')}
                </Badge>
              )}
              {entry.minutes !== null ? (
                <Badge color="gray.8" variant="outline" radius="sm">
                  {t('agent.timeline.minutes', { count: entry.minutes })}
                </Badge>
              ) : null}
            </Group>
            <Text size="sm" c="dimmed" mb={4}>
              {entry.author?.name ?? t('agent.timeline.system')} · {formatDateTime(entry.createdAt)}
            </Text>
            <Text className="preserve-lines">{entry.body}</Text>
            <AttachmentLinks reference={reference} files={files} />
          </Paper>
        );
      })}
    </Stack>
  );
}
