/**
 * The computeDeadlines activity on every database kind: targets of sla_targets counted in working
 * minutes of the seeded Johor calendar (weekends, date-holidays holidays, Ramadan hours), paused
 * spans rebuilt from the case's status history, and the built-in calendar when none is stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeDeadlines, type DeadlineRequest } from '../../activities/sla';
import { createLogger } from '../../common/logger';
import type { CaseStatus, Priority } from '../../common/enums';
import { caseHistory, cases, slaTargets } from '../../db/schema';
import { seedCalendars } from '../../db/seed/calendars';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { at, show } from './calendar-fixture';

const logger = createLogger('silent');
const hour = 3_600_000;

async function insertTargets(database: TestDatabase): Promise<void> {
  await database.db.insert(slaTargets).values([
    { priority: 1, nameMs: 'P1', nameEn: 'P1', firstResponseMinutes: 30, resolutionMinutes: 240 },
    { priority: 2, nameMs: 'P2', nameEn: 'P2', firstResponseMinutes: 120, resolutionMinutes: 480 },
  ]);
}

function request(openedAt: string, priority: Priority, pausedMs = 0): DeadlineRequest {
  return {
    caseId: randomUUID(),
    openedAt: at(openedAt).toISOString(),
    priority,
    pausedMs,
    warningShare: 0.75,
  };
}

function shown(deadline: { dueAt: string; warnAt: string } | null | undefined) {
  return deadline
    ? { due: show(new Date(deadline.dueAt)), warn: show(new Date(deadline.warnAt)) }
    : null;
}

describe.each(databaseKinds())('deadline activity on %s', (kind) => {
  let database: TestDatabase;
  let requesterId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await insertTargets(database);
    await seedCalendars(database.db, new Date('2026-06-01T00:00:00Z'));
    requesterId = (await createPerson(database.db, { roles: ['customer'] })).id;
  });

  afterAll(async () => {
    await database?.destroy();
  });

  /** Inserts a case opened at `openedAt` with status rows [at, from, to] in its history. */
  async function caseWithStatuses(
    openedAt: string,
    statuses: Array<[string, CaseStatus, CaseStatus]>,
  ): Promise<string> {
    const caseId = randomUUID();
    await database.db.insert(cases).values({
      id: caseId,
      reference: `ADU-2026-${caseId.slice(0, 8)}`,
      title: 'Titik capaian rosak',
      description: 'Ujian jam SLA',
      status: 'in_progress',
      channel: 'portal',
      priority: 2,
      impact: 2,
      urgency: 2,
      requesterId,
      createdById: requesterId,
      openedAt: at(openedAt),
    });
    for (const [index, [when, from, to]] of statuses.entries()) {
      await database.db.insert(caseHistory).values({
        caseId,
        at: at(when),
        action: 'status',
        field: 'status',
        oldValue: from,
        newValue: to,
        idempotencyKey: `test:${index}`,
      });
    }
    return caseId;
  }

  test('P1 on a Friday afternoon continues on Monday', async () => {
    const deadlines = await computeDeadlines(database.db, logger, request('2026-12-04 16:30', 1));
    expect(deadlines.firstResponse?.targetMs).toBe(30 * 60_000);
    expect(shown(deadlines.firstResponse)).toEqual({
      due: '2026-12-04 17:00',
      warn: '2026-12-04 16:52:30.000',
    });
    expect(shown(deadlines.resolution)).toEqual({
      due: '2026-12-07 11:30',
      warn: '2026-12-07 10:30',
    });
  });

  test('seeded National Day on a Monday is skipped', async () => {
    const deadlines = await computeDeadlines(database.db, logger, request('2026-08-28 16:00', 2));
    expect(shown(deadlines.firstResponse)?.due).toBe('2026-09-01 09:00');
    expect(shown(deadlines.resolution)?.due).toBe('2026-09-01 16:00');
  });

  test('seeded Ramadan closes at 16:30', async () => {
    const deadlines = await computeDeadlines(database.db, logger, request('2026-03-02 16:00', 1));
    expect(shown(deadlines.firstResponse)?.due).toBe('2026-03-02 16:30');
    expect(shown(deadlines.resolution)?.due).toBe('2026-03-03 11:30');
  });

  test('an open pause excludes its working time', async () => {
    // Opened Monday 08:00, waiting from 12:00 and resumed at 15:00: 4 h before, 2 h on Monday after.
    const caseId = await caseWithStatuses('2026-12-07 08:00', [
      ['2026-12-07 12:00', 'in_progress', 'waiting_supplier'],
    ]);
    const deadlines = await computeDeadlines(database.db, logger, {
      ...request('2026-12-07 08:00', 2, 3 * hour),
      caseId,
    });
    expect(shown(deadlines.resolution)?.due).toBe('2026-12-08 10:00');
  });

  test('a closed pause gives the same deadline', async () => {
    const caseId = await caseWithStatuses('2026-12-07 08:00', [
      ['2026-12-07 12:00', 'in_progress', 'waiting_supplier'],
      ['2026-12-07 15:00', 'waiting_supplier', 'in_progress'],
    ]);
    const deadlines = await computeDeadlines(database.db, logger, {
      ...request('2026-12-07 08:00', 2, 3 * hour),
      caseId,
    });
    expect(shown(deadlines.resolution)?.due).toBe('2026-12-08 10:00');
  });

  test('two pauses, the second overnight', async () => {
    // 12:00–15:00 and 16:00 to Tuesday 09:00: 5 working hours done, 3 left from Tuesday 09:00.
    const caseId = await caseWithStatuses('2026-12-07 08:00', [
      ['2026-12-07 12:00', 'in_progress', 'waiting_customer'],
      ['2026-12-07 15:00', 'waiting_customer', 'in_progress'],
      ['2026-12-07 16:00', 'in_progress', 'waiting_supplier'],
    ]);
    const deadlines = await computeDeadlines(database.db, logger, {
      ...request('2026-12-07 08:00', 2, 3 * hour + 17 * hour),
      caseId,
    });
    expect(shown(deadlines.resolution)?.due).toBe('2026-12-08 12:00');
  });

  test('paused time without history shifts the clock start', async () => {
    const caseId = await caseWithStatuses('2026-12-07 08:00', []);
    const deadlines = await computeDeadlines(database.db, logger, {
      ...request('2026-12-07 08:00', 2, 3 * hour),
      caseId,
    });
    // The clock starts at 11:00: 2 + 3 working hours on Monday, 3 on Tuesday.
    expect(shown(deadlines.resolution)?.due).toBe('2026-12-08 11:00');
  });

  test('priority without a target has no deadlines', async () => {
    const deadlines = await computeDeadlines(database.db, logger, request('2026-12-07 08:00', 4));
    expect(deadlines).toEqual({ firstResponse: null, resolution: null });
  });
});

describe.each(databaseKinds())('deadline activity without a calendar on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await insertTargets(database);
  });

  afterAll(async () => {
    await database?.destroy();
  });

  test('built-in Johor office hours apply', async () => {
    const deadlines = await computeDeadlines(database.db, logger, request('2026-12-05 10:00', 1));
    expect(shown(deadlines.firstResponse)?.due).toBe('2026-12-07 08:30');
    expect(shown(deadlines.resolution)?.due).toBe('2026-12-07 12:00');
  });
});
