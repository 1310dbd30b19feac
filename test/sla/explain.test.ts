/**
 * The clock explanation over the Johor test calendar (Saturday–Sunday weekend from 2025, the
 * King's Birthday on Monday 1 June 2026, Ramadan hours from 18 February to 20 March 2026).
 */
import { describe, expect, it } from 'vitest';
import {
  explainClock,
  waitingSpans,
  type ClockFacts,
  type ClockSpan,
  type StatusChange,
} from '../../activities/sla/explain';
import { at, johorTestCalendar, show } from './calendar-fixture';

function outline(spans: readonly ClockSpan[]): string[] {
  return spans.map((span) => {
    const times = `${show(new Date(span.start))} → ${show(new Date(span.end))}`;
    if (span.kind === 'running') return `running ${times}`;
    if (span.kind === 'paused') return `paused(${span.waitingFor}) ${times}`;
    const names = span.holidays.map((holiday) => holiday.nameEn).join(', ');
    return `skipped(${span.reason}${names ? `: ${names}` : ''}) ${times}`;
  });
}

function facts(
  openedAt: string,
  dueAt: string | null,
  options: { metAt?: string; breached?: boolean; history?: StatusChange[] } = {},
): ClockFacts {
  return {
    openedAt: at(openedAt),
    history: options.history ?? [],
    targets: [
      {
        target: 'resolution',
        dueAt: dueAt ? at(dueAt) : null,
        metAt: options.metAt ? at(options.metAt) : null,
        breached: options.breached ?? false,
      },
    ],
  };
}

function status(local: string, oldValue: string, newValue: string): StatusChange {
  return { at: at(local), oldValue, newValue };
}

function clockOf(input: ClockFacts, now: string) {
  const [clock] = explainClock(johorTestCalendar, input, at(now));
  if (!clock) throw new Error('explainClock returned no target');
  return clock;
}

describe('explainClock', () => {
  it('skips the Friday prayer break', () => {
    const clock = clockOf(facts('2026-06-05 11:00', '2026-06-08 12:00'), '2026-06-05 15:00');
    expect(outline(clock.spans)).toEqual([
      'running 2026-06-05 11:00 → 2026-06-05 12:15',
      'skipped(prayer_break) 2026-06-05 12:15 → 2026-06-05 14:45',
      'running 2026-06-05 14:45 → 2026-06-05 15:00',
    ]);
    expect(clock.elapsedMinutes).toBe(90);
    expect(clock.state).toBe('running');
  });

  it('names the lunch break on other weekdays', () => {
    const clock = clockOf(facts('2026-06-04 12:30', '2026-06-08 12:00'), '2026-06-04 14:30');
    expect(outline(clock.spans)).toEqual([
      'running 2026-06-04 12:30 → 2026-06-04 13:00',
      'skipped(break) 2026-06-04 13:00 → 2026-06-04 14:00',
      'running 2026-06-04 14:00 → 2026-06-04 14:30',
    ]);
  });

  it('skips a weekend and a named Monday holiday', () => {
    const clock = clockOf(facts('2026-05-29 16:00', '2026-06-03 12:00'), '2026-06-02 09:00');
    expect(outline(clock.spans)).toEqual([
      'running 2026-05-29 16:00 → 2026-05-29 17:00',
      'skipped(outside_hours) 2026-05-29 17:00 → 2026-05-30 00:00',
      'skipped(weekend) 2026-05-30 00:00 → 2026-06-01 00:00',
      "skipped(holiday: King's Birthday) 2026-06-01 00:00 → 2026-06-02 00:00",
      'skipped(outside_hours) 2026-06-02 00:00 → 2026-06-02 08:00',
      'running 2026-06-02 08:00 → 2026-06-02 09:00',
    ]);
    expect(clock.elapsedMinutes).toBe(120);
    const holiday = clock.spans[3];
    if (holiday?.kind !== 'skipped') throw new Error('span 3 is not a skipped span');
    expect(holiday.holidays[0]?.nameMs).toBe('Hari Keputeraan Yang di-Pertuan Agong');
  });

  it('shows a pause across the weekend as one paused span', () => {
    const history = [
      status('2026-06-05 16:00', 'in_progress', 'waiting_customer'),
      status('2026-06-08 10:00', 'waiting_customer', 'in_progress'),
    ];
    const clock = clockOf(
      facts('2026-06-05 15:00', '2026-06-10 12:00', { history }),
      '2026-06-08 11:00',
    );
    expect(outline(clock.spans)).toEqual([
      'running 2026-06-05 15:00 → 2026-06-05 16:00',
      'paused(customer) 2026-06-05 16:00 → 2026-06-08 10:00',
      'running 2026-06-08 10:00 → 2026-06-08 11:00',
    ]);
    expect(clock.elapsedMinutes).toBe(120);
    expect(clock.pausedMinutes).toBe((2 * 24 + 18) * 60);
  });

  it('reports paused while the case waits', () => {
    const history = [status('2026-06-08 09:00', 'in_progress', 'waiting_supplier')];
    const clock = clockOf(
      facts('2026-06-08 08:00', '2026-06-10 12:00', { history }),
      '2026-06-08 10:00',
    );
    expect(clock.state).toBe('paused');
    expect(outline(clock.spans).at(-1)).toBe(
      'paused(supplier) 2026-06-08 09:00 → 2026-06-08 10:00',
    );
    expect(clock.elapsedMinutes).toBe(60);
  });

  it('skips time outside Ramadan hours as special hours', () => {
    const clock = clockOf(facts('2026-03-02 16:00', '2026-03-04 12:00'), '2026-03-02 17:00');
    expect(outline(clock.spans)).toEqual([
      'running 2026-03-02 16:00 → 2026-03-02 16:30',
      'skipped(special_hours) 2026-03-02 16:30 → 2026-03-02 17:00',
    ]);
    const skipped = clock.spans[1];
    if (skipped?.kind !== 'skipped') throw new Error('span 1 is not a skipped span');
    expect(skipped.specialPeriod?.nameEn).toBe('Ramadan');
  });

  it('ends the timeline when the target is met in time', () => {
    const clock = clockOf(
      facts('2026-06-08 08:00', '2026-06-08 12:00', { metAt: '2026-06-08 10:00' }),
      '2026-06-09 10:00',
    );
    expect(clock.state).toBe('met');
    expect(clock.breachedAt).toBeNull();
    expect(clock.remainingMinutes).toBeNull();
    expect(outline(clock.spans)).toEqual(['running 2026-06-08 08:00 → 2026-06-08 10:00']);
  });

  it('reports a breach at the due time', () => {
    const clock = clockOf(facts('2026-06-08 08:00', '2026-06-08 12:00'), '2026-06-08 15:00');
    expect(clock.state).toBe('breached');
    expect(show(new Date(clock.breachedAt ?? ''))).toBe('2026-06-08 12:00');
  });

  it('reports a target met late as breached', () => {
    const clock = clockOf(
      facts('2026-06-08 08:00', '2026-06-08 12:00', { metAt: '2026-06-08 15:00' }),
      '2026-06-09 10:00',
    );
    expect(clock.state).toBe('breached');
  });

  it('counts remaining working minutes to the due time', () => {
    const clock = clockOf(facts('2026-06-05 11:00', '2026-06-08 09:00'), '2026-06-05 16:00');
    expect(clock.remainingMinutes).toBe(120);
  });

  it('reports no_target without a due time', () => {
    const clock = clockOf(facts('2026-06-08 08:00', null), '2026-06-08 09:00');
    expect(clock.state).toBe('no_target');
  });
});

describe('waitingSpans', () => {
  it('splits a change from customer to supplier waiting', () => {
    const spans = waitingSpans(
      [
        status('2026-06-08 09:00', 'in_progress', 'waiting_customer'),
        status('2026-06-08 10:00', 'waiting_customer', 'waiting_supplier'),
        status('2026-06-08 11:00', 'waiting_supplier', 'in_progress'),
      ],
      at('2026-06-08 12:00').getTime(),
    );
    expect(spans.map((span) => span.waitingFor)).toEqual(['customer', 'supplier']);
    expect(show(new Date(spans[1]?.end ?? 0))).toBe('2026-06-08 11:00');
  });
});
