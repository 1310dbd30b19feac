/**
 * A service-level deadline: dd/MM/yyyy HH:mm in Malaysian time with the time left, or, once
 * passed, how late the case is, in red. A paused clock (waiting) shows the deadline only.
 */
import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../format';

/** The current time, refreshed every minute so that remaining times count down. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Formats a duration in whole minutes as days and hours, or hours and minutes. */
export function formatDuration(t: TFunction, milliseconds: number): string {
  const totalMinutes = Math.max(0, Math.floor(milliseconds / 60_000));
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) {
    const parts = [t('agent.duration.days', { count: days })];
    if (hours > 0) parts.push(t('agent.duration.hours', { count: hours }));
    return parts.join(' ');
  }
  if (hours > 0) {
    const parts = [t('agent.duration.hours', { count: hours })];
    if (minutes > 0) parts.push(t('agent.duration.minutes', { count: minutes }));
    return parts.join(' ');
  }
  return t('agent.duration.minutes', { count: minutes });
}

interface DueTimeProps {
  dueAt: string | null;
  breached: boolean;
  /** True while the case waits for the customer or a supplier and the clock is paused. */
  paused?: boolean;
  /** True once the target was met (resolved, or first response given): no countdown. */
  done?: boolean;
  size?: 'xs' | 'sm' | 'md';
}

export function DueTime({
  dueAt,
  breached,
  paused = false,
  done = false,
  size = 'sm',
}: DueTimeProps) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt) return <Text size={size}>—</Text>;
  const left = new Date(dueAt).getTime() - now;
  const late = breached || left < 0;
  let remark = '';
  if (paused) remark = t('agent.due.paused');
  else if (!done && left < 0) remark = t('agent.due.overdue', { time: formatDuration(t, -left) });
  else if (!done) remark = t('agent.due.remaining', { time: formatDuration(t, left) });
  return (
    <Text size={size} c={late && !done ? 'red.9' : undefined} fw={late && !done ? 600 : undefined}>
      {formatDateTime(dueAt)}
      {remark ? ` · ${remark}` : ''}
    </Text>
  );
}
