/**
 * A Gantt-like chart of a project in plain elements. It draws the status phases, and each
 * milestone as a bar from its planned start to its planned end with the actual dates over it.
 * Gates are markers at their decision, or at their opening while they wait. The chart keeps its
 * width and scrolls sideways in its frame on narrow screens, with the row names kept in view.
 */
import { Box, Group, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format';
import { formatDay } from './format';
import type { ProjectTimeline } from './types';

const day = 24 * 60 * 60 * 1000;
const labelWidth = 140;
const chartWidth = 760;
const rowHeight = 32;

/** Reads a yyyy-MM-dd day or an ISO instant as milliseconds; a bare day is midnight UTC. */
function timeOf(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

const phaseColor: Record<string, string> = {
  study: 'var(--mantine-color-blue-2)',
  screening: 'var(--mantine-color-indigo-2)',
  evaluation: 'var(--mantine-color-cyan-2)',
  pending_approval: 'var(--mantine-color-grape-2)',
  procurement: 'var(--mantine-color-pink-2)',
  kick_off: 'var(--mantine-color-violet-2)',
  development: 'var(--mantine-color-blue-3)',
  presentation: 'var(--mantine-color-indigo-3)',
  handover: 'var(--mantine-color-cyan-3)',
  guarantee: 'var(--mantine-color-teal-2)',
  closed: 'var(--mantine-color-gray-4)',
  rejected: 'var(--mantine-color-red-3)',
};

const markerColor = {
  yes: 'var(--mantine-color-teal-9)',
  no: 'var(--mantine-color-red-8)',
  waiting: 'var(--mantine-color-blue-8)',
};

/** Returns the first day of each month from the start to the end, for the axis. */
function monthStarts(start: number, end: number): number[] {
  const date = new Date(start);
  let cursor = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  const months: number[] = [];
  while (cursor <= end && months.length < 120) {
    months.push(cursor);
    const next = new Date(cursor);
    cursor = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1);
  }
  return months;
}

export function ProjectGantt({ timeline, now }: { timeline: ProjectTimeline; now: number }) {
  const { t } = useTranslation();
  const times = [
    timeOf(timeline.requestedAt),
    timeline.closedAt ? timeOf(timeline.closedAt) : now,
    ...timeline.milestones.flatMap((milestone) =>
      [milestone.plannedStart, milestone.plannedEnd, milestone.actualStart, milestone.actualEnd]
        .filter((value): value is string => value !== null)
        .map(timeOf),
    ),
    ...timeline.gates
      .flatMap((gate) =>
        [gate.openedAt, gate.decidedAt].filter((value): value is string => value !== null),
      )
      .map(timeOf),
  ];
  const start = Math.min(...times) - day;
  const end = Math.max(...times) + day;
  const span = Math.max(end - start, day);
  const x = (time: number) => ((time - start) / span) * chartWidth;
  const bar = (from: number, to: number): CSSProperties => ({
    position: 'absolute',
    left: x(from),
    width: Math.max(x(to) - x(from), 3),
  });

  const labelCell: CSSProperties = {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    width: labelWidth,
    minWidth: labelWidth,
    paddingRight: 8,
    background: 'var(--mantine-color-body)',
    display: 'flex',
    alignItems: 'center',
    overflowWrap: 'anywhere',
  };
  const track: CSSProperties = { position: 'relative', width: chartWidth, minHeight: rowHeight };
  const row = (key: string, label: string, content: ReactNode) => (
    <div
      key={key}
      role="row"
      style={{ display: 'flex', borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <div role="rowheader" style={labelCell}>
        <Text size="sm">{label}</Text>
      </div>
      <div role="cell" style={track}>
        {content}
      </div>
    </div>
  );
  const today = x(now);

  return (
    <Box>
      <div
        tabIndex={0}
        role="region"
        aria-label={t('projects.timeline.chart')}
        style={{
          overflowX: 'auto',
          maxWidth: '100%',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 4,
        }}
      >
        <div
          role="table"
          aria-label={t('projects.timeline.chart')}
          style={{ width: labelWidth + chartWidth, position: 'relative' }}
        >
          <div role="row" style={{ display: 'flex' }}>
            <div role="columnheader" style={labelCell}>
              <Text size="xs" c="dimmed">
                {formatDate(new Date(start + day).toISOString())}
              </Text>
            </div>
            <div role="columnheader" style={{ ...track, minHeight: 24 }}>
              {monthStarts(start, end).map((month) => (
                <Text
                  key={month}
                  size="xs"
                  c="dimmed"
                  style={{ position: 'absolute', left: x(month) + 2, top: 4, whiteSpace: 'nowrap' }}
                >
                  {formatDay(new Date(month).toISOString()).slice(3)}
                </Text>
              ))}
            </div>
          </div>
          {row(
            'phases',
            t('projects.timeline.phases'),
            timeline.phases.map((phase) => (
              <div
                key={`${phase.status}-${phase.from}`}
                title={`${t(`projects.status.${phase.status}`)}: ${formatDate(phase.from)}${phase.to ? ` – ${formatDate(phase.to)}` : ''}`}
                style={{
                  ...bar(timeOf(phase.from), phase.to ? timeOf(phase.to) : now),
                  top: 8,
                  height: 16,
                  background: phaseColor[phase.status],
                  borderRight: '1px solid var(--mantine-color-body)',
                }}
              />
            )),
          )}
          {timeline.milestones.map((milestone) =>
            row(
              milestone.id,
              milestone.name,
              <>
                <div
                  title={`${t('projects.milestones.planned')}: ${formatDay(milestone.plannedStart)} – ${formatDay(milestone.plannedEnd)}`}
                  style={{
                    ...bar(timeOf(milestone.plannedStart), timeOf(milestone.plannedEnd) + day),
                    top: 6,
                    height: 20,
                    background: 'var(--mantine-color-blue-1)',
                    border: '1px solid var(--mantine-color-blue-8)',
                    borderRadius: 3,
                  }}
                />
                {milestone.actualStart ? (
                  <div
                    title={`${t('projects.milestones.actual')}: ${formatDay(milestone.actualStart)} – ${milestone.actualEnd ? formatDay(milestone.actualEnd) : '…'}`}
                    style={{
                      ...bar(
                        timeOf(milestone.actualStart),
                        milestone.actualEnd ? timeOf(milestone.actualEnd) + day : now,
                      ),
                      top: 12,
                      height: 8,
                      background: 'var(--mantine-color-blue-8)',
                      borderRadius: 2,
                    }}
                  />
                ) : null}
              </>,
            ),
          )}
          {row(
            'gates',
            t('projects.timeline.gates'),
            timeline.gates.map((gate, index) => {
              const at = timeOf(gate.decidedAt ?? gate.openedAt);
              const state = gate.decision ?? 'waiting';
              return (
                <div
                  key={`${gate.gate}-${gate.openedAt}-${index}`}
                  title={`${t(`projects.gate.${gate.gate}`)}: ${formatDate(gate.decidedAt ?? gate.openedAt)} · ${t(`projects.timeline.marker.${state}`)}`}
                  style={{
                    position: 'absolute',
                    left: x(at) - 6,
                    top: 10,
                    width: 12,
                    height: 12,
                    transform: 'rotate(45deg)',
                    background: markerColor[state],
                  }}
                />
              );
            }),
          )}
          {today >= 0 && today <= chartWidth ? (
            <div
              aria-hidden
              style={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                left: labelWidth + today,
                borderLeft: '2px dashed var(--mantine-color-red-8)',
              }}
            />
          ) : null}
        </div>
      </div>
      <Group gap="md" mt="xs" wrap="wrap">
        <Legend
          swatch={{
            background: 'var(--mantine-color-blue-1)',
            border: '1px solid var(--mantine-color-blue-8)',
          }}
          label={t('projects.timeline.legend.planned')}
        />
        <Legend
          swatch={{ background: 'var(--mantine-color-blue-8)', height: 6 }}
          label={t('projects.timeline.legend.actual')}
        />
        <Legend
          swatch={{ background: markerColor.yes, transform: 'rotate(45deg)', width: 10 }}
          label={t('projects.timeline.marker.yes')}
        />
        <Legend
          swatch={{ background: markerColor.no, transform: 'rotate(45deg)', width: 10 }}
          label={t('projects.timeline.marker.no')}
        />
        <Legend
          swatch={{ background: markerColor.waiting, transform: 'rotate(45deg)', width: 10 }}
          label={t('projects.timeline.marker.waiting')}
        />
        <Legend
          swatch={{ borderLeft: '2px dashed var(--mantine-color-red-8)', width: 2 }}
          label={t('projects.timeline.legend.today')}
        />
      </Group>
    </Box>
  );
}

function Legend({ swatch, label }: { swatch: CSSProperties; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span aria-hidden style={{ display: 'inline-block', width: 18, height: 10, ...swatch }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
}
