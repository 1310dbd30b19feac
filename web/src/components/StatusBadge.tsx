import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../common/enums';

/** Filled badges in shades dark enough for white text at 4.5:1 (Mantine's green 9 is not). */
const statusColor: Record<CaseStatus, string> = {
  new: 'blue.8',
  assigned: 'indigo.8',
  in_progress: 'cyan.9',
  waiting_customer: 'pink.9',
  waiting_supplier: 'grape.9',
  resolved: 'teal.9',
  closed: 'gray.8',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" radius="sm" style={{ flexShrink: 0 }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
