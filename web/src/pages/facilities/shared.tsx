import { Badge, Card, Group, Stack, Text, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FacilityRequestStatus } from '../../../../common/facility-request';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../format';
import type { ApplicationSummary } from '../approvals/types';

/** Filled badges in shades dark enough for white text at 4.5:1. */
const statusColor: Record<FacilityRequestStatus, string> = {
  pending_approval: 'blue.8',
  rejected: 'red.9',
  provisioning: 'cyan.9',
  awaiting_acknowledgement: 'grape.9',
  completed: 'teal.9',
};

export function FacilityStatusBadge({ status }: { status: FacilityRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" radius="sm" style={{ flexShrink: 0 }}>
      {t(`facilities.status.${status}`)}
    </Badge>
  );
}

/** The facility's name in the interface language. */
export function itemName(item: { nameMs: string; nameEn: string }): string {
  return currentLanguage() === 'en' ? item.nameEn : item.nameMs;
}

export function ApplicationList({
  items,
  showRequester,
}: {
  items: ApplicationSummary[];
  showRequester: boolean;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('facilities.list.empty')}</Text>;
  return (
    <Stack gap="sm">
      {items.map((item) => (
        <Card key={item.reference} withBorder component="article">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/facilities/${item.reference}`} fw={600}>
              {item.reference}
            </Anchor>
            <FacilityStatusBadge status={item.status} />
          </Group>
          <Text style={{ overflowWrap: 'anywhere' }}>
            {itemName({ nameMs: item.itemNameMs, nameEn: item.itemNameEn })}
          </Text>
          <Text size="sm" c="dimmed">
            {showRequester ? `${item.requesterName} · ` : ''}
            {formatDateTime(item.createdAt)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
