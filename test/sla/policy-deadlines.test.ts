/**
 * SLA policies behind computeDeadlines: which policy applies to a case, working-day targets
 * against working-hour targets, several warning shares, and the fallback to sla_targets, on every
 * database kind.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeDeadlines, targetLengthMs } from '../../activities/sla';
import { createLogger } from '../../common/logger';
import { defaultEscalation, selectPolicy, type SlaPolicy, type SlaTarget } from '../../common/sla';
import { addWorkingMs } from '../../common/working-time';
import { categories, services, slaPolicies, slaTargets } from '../../db/schema';
import { seedCalendars } from '../../db/seed/calendars';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { at, johorTestCalendar, show } from './calendar-fixture';

const logger = createLogger('silent');
const minute = 60_000;

function policy(overrides: Partial<SlaPolicy>): SlaPolicy {
  return {
    id: randomUUID(),
    code: 'p',
    nameMs: 'p',
    nameEn: 'p',
    workflowType: 'complaint',
    categoryId: null,
    priority: null,
    firstResponse: null,
    resolution: { kind: 'workingMinutes', minutes: 480 },
    pauseStatuses: ['waiting_customer', 'waiting_supplier'],
    reopenMode: 'continue',
    warningShares: [0.75],
    escalation: defaultEscalation,
    active: true,
    ...overrides,
  };
}

describe('selectPolicy', () => {
  const category = randomUUID();
  const otherCategory = randomUUID();
  const typeOnly = policy({ code: 'type' });
  const byPriority = policy({ code: 'priority', priority: 2 });
  const byCategory = policy({ code: 'category', categoryId: category });
  const byBoth = policy({ code: 'both', categoryId: category, priority: 2 });
  const inactive = policy({ code: 'inactive', categoryId: category, priority: 3, active: false });
  const loan = policy({ code: 'loan', workflowType: 'facilityLoan', priority: 2 });
  const all = [typeOnly, byPriority, byCategory, byBoth, inactive, loan];

  test.each([
    ['category and priority match', category, 2, 'both'],
    ['category matches, other priority', category, 1, 'category'],
    ['priority matches, other category', otherCategory, 2, 'priority'],
    ['no category, priority matches', null, 2, 'priority'],
    ['nothing specific matches', otherCategory, 4, 'type'],
    ['inactive policy is skipped', category, 3, 'category'],
  ] as const)('%s', (_name, categoryId, priority, expected) => {
    const chosen = selectPolicy(all, { workflowType: 'complaint', categoryId, priority });
    expect(chosen?.code).toBe(expected);
  });

  test('other workflow type has its own policies', () => {
    expect(
      selectPolicy(all, { workflowType: 'facilityLoan', categoryId: null, priority: 2 })?.code,
    ).toBe('loan');
    expect(
      selectPolicy(all, { workflowType: 'ictProject', categoryId: null, priority: 2 }),
    ).toBeNull();
  });
});

describe('working-day targets', () => {
  const thirdDay: SlaTarget = { kind: 'workingDays', days: 3 };
  const day24Hours: SlaTarget = { kind: 'workingMinutes', minutes: 24 * 60 };

  function due(start: string, target: SlaTarget): string {
    const startMs = at(start).getTime();
    const length = targetLengthMs(johorTestCalendar, startMs, target);
    return show(addWorkingMs(johorTestCalendar, startMs, length));
  }

  test.each([
    // Monday 10:00: the opening day is not day 1, so day 3 is Thursday; 24 working hours are
    // three days of 8 hours and end on Thursday at 10:00.
    ['Monday 10:00', '2026-12-07 10:00', '2026-12-10 17:00', '2026-12-10 10:00'],
    // Before opening the opening day is day 1, and both end at Wednesday's close.
    ['Monday before opening', '2026-12-07 07:30', '2026-12-09 17:00', '2026-12-09 17:00'],
    // Thursday 10:00: Friday has 6.5 working hours (prayer break), then the weekend.
    ['Thursday 10:00', '2026-12-10 10:00', '2026-12-15 17:00', '2026-12-15 11:30'],
    // Christmas (Friday) and the weekend are skipped by both: 1 + 8 + 8 + 7 working hours.
    [
      'Wednesday 16:00 before Christmas',
      '2026-12-23 16:00',
      '2026-12-29 17:00',
      '2026-12-29 16:00',
    ],
  ])('%s: third working day against 24 working hours', (_name, start, byDays, byHours) => {
    expect(due(start, thirdDay)).toBe(byDays);
    expect(due(start, day24Hours)).toBe(byHours);
  });
});

describe.each(databaseKinds())('policy deadlines on %s', (kind) => {
  let database: TestDatabase;
  let categoryId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCalendars(database.db, new Date('2026-06-01T00:00:00Z'));
    await database.db.insert(slaTargets).values([
      {
        priority: 4,
        nameMs: 'P4',
        nameEn: 'P4',
        firstResponseMinutes: 60,
        resolutionMinutes: 600,
      },
    ]);
    const [service] = await database.db
      .insert(services)
      .values({ code: 'SW', nameMs: 'Perisian', nameEn: 'Software' })
      .returning({ id: services.id });
    const [category] = await database.db
      .insert(categories)
      .values({
        serviceId: service?.id ?? '',
        code: 'SW-INSTALL',
        nameMs: 'Pasang',
        nameEn: 'Install',
      })
      .returning({ id: categories.id });
    categoryId = category?.id ?? '';
    await database.db.insert(slaPolicies).values([
      {
        code: 'p2',
        nameMs: 'Tinggi',
        nameEn: 'High',
        workflowType: 'complaint',
        priority: 2,
        firstResponse: { kind: 'workingMinutes', minutes: 120 },
        resolution: { kind: 'workingDays', days: 1 },
        warningShares: [0.75, 0.5],
      },
      {
        code: 'install',
        nameMs: 'Pemasangan',
        nameEn: 'Installation',
        workflowType: 'complaint',
        categoryId,
        firstResponse: { kind: 'workingMinutes', minutes: 60 },
        resolution: { kind: 'workingDays', days: 3 },
        pauseStatuses: ['waiting_customer'],
        reopenMode: 'restart',
      },
    ]);
  }, 120_000);

  afterAll(async () => {
    await database?.destroy();
  });

  function request(priority: 2 | 3 | 4, category: string | null) {
    return computeDeadlines(database.db, logger, {
      caseId: randomUUID(),
      openedAt: at('2026-12-07 10:00').toISOString(),
      priority,
      categoryId: category,
      pausedMs: 0,
      warningShare: 0.75,
    });
  }

  test('priority policy with two warning shares', async () => {
    const deadlines = await request(2, null);
    expect(deadlines.firstResponse?.warnAts?.map((instant) => show(new Date(instant)))).toEqual([
      '2026-12-07 11:00',
      '2026-12-07 11:30',
    ]);
    expect(show(new Date(deadlines.firstResponse?.dueAt ?? ''))).toBe('2026-12-07 12:00');
    // One working day from Monday 10:00: the close of Tuesday.
    expect(show(new Date(deadlines.resolution?.dueAt ?? ''))).toBe('2026-12-08 17:00');
    expect(deadlines.rules?.reopenMode).toBe('continue');
  });

  test('category policy beats the priority policy', async () => {
    const deadlines = await request(2, categoryId);
    expect(deadlines.firstResponse?.targetMs).toBe(60 * minute);
    expect(show(new Date(deadlines.resolution?.dueAt ?? ''))).toBe('2026-12-10 17:00');
    expect(deadlines.rules).toMatchObject({
      pauseStatuses: ['waiting_customer'],
      reopenMode: 'restart',
    });
  });

  test('restarted resolution counts from the reopening', async () => {
    const deadlines = await computeDeadlines(database.db, logger, {
      caseId: randomUUID(),
      openedAt: at('2026-12-07 10:00').toISOString(),
      priority: 3,
      categoryId,
      pausedMs: 0,
      warningShare: 0.75,
      resolutionStartedAt: at('2026-12-14 09:00').toISOString(),
    });
    // The first response keeps the opening; three working days from Monday 14 December 09:00.
    expect(show(new Date(deadlines.firstResponse?.dueAt ?? ''))).toBe('2026-12-07 11:00');
    expect(show(new Date(deadlines.resolution?.dueAt ?? ''))).toBe('2026-12-17 17:00');
  });

  test('sla_targets row is the fallback without a policy', async () => {
    const deadlines = await request(4, null);
    expect(deadlines.firstResponse?.targetMs).toBe(60 * minute);
    expect(deadlines.resolution?.targetMs).toBe(600 * minute);
    expect(deadlines.rules?.policyId).toBeNull();
  });

  test('no policy and no target means no deadlines', async () => {
    const deadlines = await request(3, null);
    expect(deadlines).toEqual({ firstResponse: null, resolution: null });
  });
});
