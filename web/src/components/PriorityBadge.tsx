import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Outline badges whose text stays above 4.5:1 on white: priority 1 red, 2 orange, 3 blue, 4 gray. */
const priorityColor: Record<number, string> = {
  1: 'red.9',
  2: 'orange.9',
  3: 'blue.8',
  4: 'gray.8',
};

/** A case's priority (keutamaan) in words, such as "Sangat kritikal". */
export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={priorityColor[priority] ?? 'gray.8'}
      variant="outline"
      radius="sm"
      style={{ flexShrink: 0 }}
    >
      {t(`priority.${priority}`, { defaultValue: String(priority) })}
    </Badge>
  );
}

/** A red "SLA breached" (melanggar SLA) badge. */
export function BreachBadge({ label }: { label: string }) {
  return (
    <Badge color="red.9" variant="filled" radius="sm" style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}
