/**
 * The demo's year of closed cases: the generator is reproducible, and what it writes reads like the
 * history of real cases (status rows in order, resolved before closed, ratings 1–5, breaches with
 * their history rows, references in yearly sequence).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLogger } from '../../common/logger';
import { rowsOf } from '../../db/client';
import { loadReferenceData, referenceSlaTargets } from '../../db/seed/reference';
import { localTime } from '../../scripts/demo/calendar';
import { planHistory, type HistoryInput } from '../../scripts/demo/history';
import { demoPeople, demoSeed } from '../../scripts/demo/organisation';
import { historyInput, seedOrganisation } from '../../scripts/demo/seed';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

const end = new Date('2026-11-20T04:00:00Z');
const targets = Object.fromEntries(
  referenceSlaTargets.map((target) => [target.priority, target]),
) as unknown as HistoryInput['targets'];

function input(seed = demoSeed): HistoryInput {
  return historyInput(demoPeople(seed), targets, {
    end,
    seed,
    confirmationWindowHours: 120,
    warningShare: 0.75,
  });
}

describe('demo history plan', () => {
  it('is the same for the same seed and end', () => {
    const first = planHistory(input());
    const second = planHistory(input());
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('differs for another seed', () => {
    const first = planHistory(input());
    const other = planHistory(input(demoSeed + 1));
    expect(other.map((planned) => planned.id)).not.toEqual(first.map((planned) => planned.id));
  });

  it('has a year of volume with weekday, semester and language rhythm', () => {
    const plan = planHistory(input());
    expect(plan.length).toBeGreaterThanOrEqual(1_500);
    expect(plan.length).toBeLessThanOrEqual(3_000);

    const weekend = plan.filter((planned) => [0, 6].includes(localTime(planned.openedAt).weekday));
    expect(weekend.length / plan.length).toBeLessThan(0.1);

    const inMonth = (month: number) =>
      plan.filter((planned) => localTime(planned.openedAt).month === month).length;
    // October (new intake) is busier than August (the long break).
    expect(inMonth(10)).toBeGreaterThan(inMonth(8) * 1.4);

    const english = plan.filter((planned) => planned.language === 'en').length;
    expect(english / plan.length).toBeGreaterThan(0.1);
    expect(english / plan.length).toBeLessThan(0.5);

    const breached = plan.filter(
      (planned) => planned.firstResponseBreached || planned.resolutionBreached,
    );
    expect(breached.length / plan.length).toBeGreaterThan(0.02);
    expect(breached.length / plan.length).toBeLessThan(0.35);
    expect(plan.filter((planned) => planned.reopenCount > 0).length).toBeGreaterThan(0);
    expect(plan.every((planned) => planned.closedAt < end.getTime())).toBe(true);
  });
});

describe.each(databaseKinds())('demo history on %s', (kind) => {
  let database: TestDatabase;
  let written: number;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await loadReferenceData(database.db);
    const result = await seedOrganisation({
      db: database.db,
      logger: createLogger('silent'),
      password: 'khidmat-demo',
      end,
      confirmationWindowHours: 120,
      warningShare: 0.75,
    });
    written = result.historyCases;
  }, 180_000);

  afterAll(async () => {
    await database?.destroy();
  });

  async function query<Row>(text: string): Promise<Row[]> {
    return rowsOf<Row>(await database.db.execute(sql.raw(text)));
  }

  it('writes every planned case as closed', async () => {
    const [row] = await query<{ n: string; closed: string }>(
      `select count(*) as n, count(*) filter (where status = 'closed') as closed from cases where source = 'demo'`,
    );
    expect(Number(row?.n)).toBe(written);
    expect(Number(row?.closed)).toBe(written);
    expect(written).toBe(planHistory(input()).length);
  });

  it('orders status rows from new to closed, each starting where the last ended', async () => {
    const rows = await query<{ case_id: string; old_value: string | null; new_value: string }>(
      `select case_id, old_value, new_value from case_history
        where field = 'status' order by case_id, at, id`,
    );
    const byCase = new Map<string, { old_value: string | null; new_value: string }[]>();
    for (const row of rows) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row]);
    expect(byCase.size).toBe(written);
    const broken: string[] = [];
    for (const [caseId, statuses] of byCase) {
      const chained = statuses.every(
        (row, index) => index === 0 || row.old_value === statuses[index - 1]?.new_value,
      );
      const first = statuses[0];
      const last = statuses.at(-1);
      if (
        !chained ||
        first?.old_value !== null ||
        first?.new_value !== 'new' ||
        last?.new_value !== 'closed'
      ) {
        broken.push(caseId);
      }
    }
    expect(broken).toEqual([]);
  });

  it('keeps opened ≤ first response ≤ resolved ≤ closed and ratings 1–5', async () => {
    const [row] = await query<Record<string, string>>(`
      select
        count(*) filter (where not (opened_at <= first_responded_at)) as response_before_opening,
        count(*) filter (where not (first_responded_at <= resolved_at)) as resolved_before_response,
        count(*) filter (where not (resolved_at <= closed_at)) as closed_before_resolved,
        count(*) filter (where rating is not null and rating not between 1 and 5) as rating_out_of_range,
        count(*) filter (where (rating is null) <> (rated_at is null)) as rating_without_time,
        count(*) filter (where rated_at < closed_at) as rated_before_closing,
        count(*) filter (where rating is not null) as rated
      from cases where source = 'demo'`);
    expect(Number(row?.response_before_opening)).toBe(0);
    expect(Number(row?.resolved_before_response)).toBe(0);
    expect(Number(row?.closed_before_resolved)).toBe(0);
    expect(Number(row?.rating_out_of_range)).toBe(0);
    expect(Number(row?.rating_without_time)).toBe(0);
    expect(Number(row?.rated_before_closing)).toBe(0);
    expect(Number(row?.rated)).toBeGreaterThan(written / 5);
  });

  it('records a breach row for every breached target and none for the others', async () => {
    const [row] = await query<Record<string, string>>(`
      select
        count(*) filter (where c.first_response_breached <> exists (
          select 1 from case_history h where h.case_id = c.id and h.action = 'sla_breached'
            and h.details->>'target' = 'firstResponse')) as first_response_mismatch,
        count(*) filter (where c.resolution_breached <> exists (
          select 1 from case_history h where h.case_id = c.id and h.action = 'sla_breached'
            and h.details->>'target' = 'resolution')) as resolution_mismatch,
        count(*) filter (where c.first_response_breached or c.resolution_breached) as breached
      from cases c where c.source = 'demo'`);
    expect(Number(row?.first_response_mismatch)).toBe(0);
    expect(Number(row?.resolution_mismatch)).toBe(0);
    expect(Number(row?.breached)).toBeGreaterThan(0);
  });

  it('gives references in yearly sequences in order of opening', async () => {
    const rows = await query<{ reference: string; opened_at: string }>(
      `select reference, opened_at from cases where source = 'demo' order by opened_at, reference`,
    );
    const lastOfYear = new Map<string, number>();
    const outOfOrder: string[] = [];
    for (const row of rows) {
      const match = /^ADU-(\d{4})-(\d{6})$/.exec(row.reference);
      expect(match, row.reference).not.toBeNull();
      const [, year, number] = match as RegExpExecArray;
      const previous = lastOfYear.get(year as string) ?? 0;
      if (Number(number) !== previous + 1) outOfOrder.push(row.reference);
      lastOfYear.set(year as string, Number(number));
    }
    expect(outOfOrder).toEqual([]);
  });

  it('gives every case a public resolution and internal work logs', async () => {
    const [row] = await query<Record<string, string>>(`
      select
        count(*) filter (where not exists (select 1 from case_messages m where m.case_id = c.id
          and m.kind = 'resolution' and m.visibility = 'public')) as without_resolution,
        (select count(*) from case_messages m join cases x on x.id = m.case_id
          where x.source = 'demo' and m.kind = 'work_log'
            and (m.visibility <> 'internal' or m.minutes is null or m.minutes < 1)) as bad_work_logs,
        count(*) filter (where c.work_minutes <> coalesce((select sum(m.minutes) from case_messages m
          where m.case_id = c.id and m.kind = 'work_log'), 0)) as wrong_work_minutes
      from cases c where c.source = 'demo'`);
    expect(Number(row?.without_resolution)).toBe(0);
    expect(Number(row?.bad_work_logs)).toBe(0);
    expect(Number(row?.wrong_work_minutes)).toBe(0);
  });

  it('loads the history once', async () => {
    const again = await seedOrganisation({
      db: database.db,
      logger: createLogger('silent'),
      password: 'khidmat-demo',
      end,
      confirmationWindowHours: 120,
      warningShare: 0.75,
    });
    expect(again.historyCases).toBe(0);
    const [row] = await query<{ n: string }>(
      `select count(*) as n from cases where source = 'demo'`,
    );
    expect(Number(row?.n)).toBe(written);
  });
});
