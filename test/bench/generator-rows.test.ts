/**
 * The rows of the data generator without a database: the same seed gives the same rows, category
 * and status are independent, opening times follow office hours and the academic year, and every
 * value is one the app accepts.
 */
import { describe, expect, it } from 'vitest';
import { caseStatuses, channels } from '../../common/enums';
import {
  generateCases,
  type GeneratedCase,
  type GeneratorContext,
} from '../../bench/generate/cases';
import { defaultEnd } from '../../bench/generate/index';
import { localTime } from '../../scripts/demo/calendar';
import { createRandom } from '../../scripts/demo/random';

function organisation(): GeneratorContext {
  const random = createRandom(7);
  const units = ['unit-a', 'unit-b', 'unit-c'].map(() => random.uuid());
  return {
    categories: Array.from({ length: 12 }, (_, index) => ({
      id: random.uuid(),
      code: `CAT-${index}`,
      serviceId: random.uuid(),
      unitId: units[index % units.length] as string,
      impact: ((index % 3) + 1) as 1 | 2 | 3,
      urgency: (((index + 1) % 3) + 1) as 1 | 2 | 3,
    })),
    customers: Array.from({ length: 300 }, () => random.uuid()),
    agents: Array.from({ length: 4 }, () => random.uuid()),
    technicians: new Map(units.map((unit) => [unit, [random.uuid(), random.uuid()]])),
    targets: new Map([
      [1, { firstResponseMinutes: 30, resolutionMinutes: 240 }],
      [2, { firstResponseMinutes: 60, resolutionMinutes: 540 }],
      [3, { firstResponseMinutes: 240, resolutionMinutes: 1620 }],
      [4, { firstResponseMinutes: 480, resolutionMinutes: 2700 }],
    ]),
  };
}

function generate(cases: number, seed = 11): GeneratedCase[] {
  return [
    ...generateCases(organisation(), { seed, cases, endMs: defaultEnd.getTime() }, new Map()),
  ];
}

/** Pearson's chi-square statistic of a contingency table given as rows of counts. */
function chiSquare(table: number[][]): number {
  const rowTotals = table.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnTotals = (table[0] ?? []).map((_, column) =>
    table.reduce((sum, row) => sum + (row[column] ?? 0), 0),
  );
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  let statistic = 0;
  table.forEach((row, rowIndex) => {
    row.forEach((observed, column) => {
      const expected = ((rowTotals[rowIndex] ?? 0) * (columnTotals[column] ?? 0)) / total;
      statistic += (observed - expected) ** 2 / expected;
    });
  });
  return statistic;
}

/**
 * Builds the category × status-group table: cases not yet closed and closed cases per category.
 * Open and resolved cases share a group because each alone has too few cases per category.
 */
function categoryByStatus(rows: GeneratedCase[]): number[][] {
  const groups = (status: string) => (status === 'closed' ? 1 : 0);
  const table = new Map<string, number[]>();
  for (const { caseRow } of rows) {
    const counts = table.get(caseRow.category_id as string) ?? [0, 0];
    counts[groups(caseRow.status as string)] = (counts[groups(caseRow.status as string)] ?? 0) + 1;
    table.set(caseRow.category_id as string, counts);
  }
  return [...table.values()];
}

describe('data generator rows', () => {
  const rows = generate(40_000);

  it('repeats the same rows for the same seed', () => {
    expect(generate(200)).toEqual(generate(200));
    expect(generate(200, 12)[0]?.caseRow.id).not.toEqual(generate(200)[0]?.caseRow.id);
  });

  it('keeps category and status independent', () => {
    const table = categoryByStatus(rows);
    expect(table).toHaveLength(12);
    for (const counts of table) expect(Math.min(...counts)).toBeGreaterThanOrEqual(5);
    // 11 degrees of freedom; 31.26 is the chi-square critical value at p = 0.001.
    expect(chiSquare(table)).toBeLessThan(31.26);
  });

  it('chi-square check rejects a category-dependent status', () => {
    const skewed = rows.map(({ caseRow, historyRows }) => ({
      historyRows,
      caseRow:
        caseRow.category_id === rows[0]?.caseRow.category_id && caseRow.status === 'closed'
          ? { ...caseRow, status: 'in_progress' }
          : caseRow,
    }));
    expect(chiSquare(categoryByStatus(skewed))).toBeGreaterThan(31.26);
  });

  it('opens most cases in office hours', () => {
    const inOfficeHours = rows.filter(({ caseRow }) => {
      const local = localTime(Date.parse(caseRow.opened_at as string));
      return local.weekday >= 1 && local.weekday <= 5 && local.hour >= 8 && local.hour < 17;
    });
    expect(inOfficeHours.length / rows.length).toBeGreaterThan(0.6);
    const smallHours = rows.filter(({ caseRow }) => {
      const hour = localTime(Date.parse(caseRow.opened_at as string)).hour;
      return hour >= 2 && hour < 5;
    });
    expect(smallHours.length / rows.length).toBeLessThan(0.01);
  });

  it('peaks in the intake months over the long break', () => {
    const perMonth = new Array<number>(13).fill(0);
    for (const { caseRow } of rows) {
      const month = localTime(Date.parse(caseRow.opened_at as string)).month;
      perMonth[month] = (perMonth[month] ?? 0) + 1;
    }
    const intake = (perMonth[3] ?? 0) + (perMonth[10] ?? 0);
    const longBreak = (perMonth[7] ?? 0) + (perMonth[8] ?? 0);
    expect(intake).toBeGreaterThan(1.4 * longBreak);
  });

  it('writes values the app accepts', () => {
    const references = new Set<string>();
    for (const { caseRow, historyRows } of rows.slice(0, 5_000)) {
      expect(caseStatuses).toContain(caseRow.status);
      expect(channels).toContain(caseRow.channel);
      expect([1, 2, 3, 4]).toContain(caseRow.priority);
      expect(caseRow.reference).toMatch(/^ADU-\d{4}-\d{6}$/);
      references.add(caseRow.reference as string);
      expect(caseRow.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const opened = Date.parse(caseRow.opened_at as string);
      expect(opened).toBeLessThan(defaultEnd.getTime());
      for (const history of historyRows) {
        expect(Date.parse(history.at as string)).toBeGreaterThanOrEqual(opened);
      }
      const lastStatus = historyRows.at(-1);
      expect(lastStatus?.new_value).toBe(caseRow.status);
      if (caseRow.status === 'new') expect(caseRow.assignee_id).toBeNull();
      if (caseRow.status === 'closed') {
        expect(Date.parse(caseRow.closed_at as string)).toBeLessThan(defaultEnd.getTime());
      }
    }
    expect(references.size).toBe(5_000);
  });
});
