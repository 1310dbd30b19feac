/**
 * A service-level deadline: dd/MM/yyyy HH:mm in Malaysian time with the time left, or, once
 * passed, how late the case is, in red. A paused clock (waiting) shows the deadline only. Given
 * the API's queue level, it shows the working time left in green, orange after the warning share
 * of the target, or red once breached.
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

/** Formats working minutes as hours and minutes: a day of office hours is not 24 hours. */
function formatWorkingTime(t: TFunction, totalMinutes: number): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts = hours > 0 ? [t('agent.duration.hours', { count: hours })] : [];
  if (minutes > 0 || hours === 0) parts.push(t('agent.duration.minutes', { count: minutes }));
  return parts.join(' ');
}

interface DueTimeProps {
  dueAt: string | null;
  breached: boolean;
  /** True while the case waits for the customer or a supplier and the clock is paused. */
  paused?: boolean;
  /** True once the target was met (resolved, or first response given): no countdown. */
  done?: boolean;
  size?: 'xs' | 'sm' | 'md';
  /** The API's queue level; with it, the colour follows the warning share of the target. */
  level?: 'ok' | 'warning' | 'breached' | 'paused' | null;
  /** Working minutes left, from the API; shown in place of the calendar time left. */
  remainingWorkingMinutes?: number | null;
}

/** Text colours with a contrast of at least 4.5:1 on white; Mantine's orange.9 has 4.3. */
const levelColours = { ok: 'teal.9', warning: '#a13800', breached: 'red.9', paused: undefined };

export function DueTime({
  dueAt,
  breached,
  paused = false,
  done = false,
  size = 'sm',
  level = null,
  remainingWorkingMinutes = null,
}: DueTimeProps) {
  const { t } = useTranslation();
  const now = useNow();
  if (!dueAt) return <Text size={size}>—</Text>;
  if (level && !done && remainingWorkingMinutes !== null) {
    const remark =
      level === 'paused'
        ? t('agent.due.paused')
        : level === 'breached'
          ? t('sla.queue.breached')
          : t(`sla.queue.${level}`, { time: formatWorkingTime(t, remainingWorkingMinutes) });
    return (
      <Text size={size} c={levelColours[level]} fw={level === 'ok' ? undefined : 600}>
        {formatDateTime(dueAt)} · {remark}
      </Text>
    );
  }
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
