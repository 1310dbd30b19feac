/**
 * The import over a real ServiceNow audit log: the first rows of the UCI "Incident management
 * process enriched event log" (CC BY 4.0), when a copy lies beside the repository. A fresh clone
 * has none, so the test then skips and says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importServiceNowEventLog } from '../../activities/import/servicenow';
import { caseHistory, cases } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

const uciFile = fileURLToPath(
  new URL('../../../shared/fixtures/data/uci-incident-event-log-sample.csv', import.meta.url),
);
const present = existsSync(uciFile);
if (!present) {
  console.log(`SKIPPED: the UCI incident log tests, because ${uciFile} does not exist.`);
}

/** Case status of a final row, written apart from the importer so that the two can disagree. */
function statusOfFinalRow(state: string, active: string): string {
  if (state === 'Closed') return 'closed';
  if (state === 'Resolved') return active === 'TRUE' ? 'resolved' : 'closed';
  if (state === 'New') return 'new';
  if (state === 'Active' || state === 'Awaiting Problem') return 'in_progress';
  if (state === 'Awaiting User Info' || state === 'Awaiting Evidence') return 'waiting_customer';
  if (state === 'Awaiting Vendor') return 'waiting_supplier';
  throw new Error(`unexpected state ${state}`);
}

/** "dd-mm-yyyy HH:MM" as a sortable "yyyymmddHHMM". */
function sortableDate(text: string): string {
  const [day, month, rest] = text.split('-');
  const [year, time] = (rest ?? '').split(' ');
  return `${year}${month}${day}${(time ?? '').replace(':', '')}`;
}

/**
 * Counts incidents by final status straight from the CSV text: per incident, the row with the
 * highest sys_mod_count, and of rows that share it the one updated last.
 */
function countFinalStatuses(text: string): { incidents: number; byStatus: Record<string, number> } {
  const finalRows = new Map<string, string[]>();
  for (const line of text.split('\r\n').slice(1)) {
    if (line === '') continue;
    const fields = line.split(',');
    const number = fields[0] as string;
    const current = finalRows.get(number);
    const modCount = Number(fields[5]);
    const currentModCount = current ? Number(current[5]) : -1;
    const later =
      modCount > currentModCount ||
      (modCount === currentModCount &&
        sortableDate(fields[13] ?? '') >= sortableDate(current?.[13] ?? ''));
    if (later) finalRows.set(number, fields);
  }

  const byStatus: Record<string, number> = {};
  for (const fields of finalRows.values()) {
    const status = statusOfFinalRow(fields[1] ?? '', fields[2] ?? '');
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { incidents: finalRows.size, byStatus };
}

describe.each(databaseKinds())('ServiceNow import of the UCI log on %s', (kind) => {
  let database: TestDatabase | undefined;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    if (present) database = await openTestDatabase(kind);
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it.skipIf(!present)(
    'matches statuses computed from the CSV',
    async () => {
      if (!database) throw new Error('database not opened');
      const expected = countFinalStatuses(readFileSync(uciFile, 'utf8'));

      const summary = await importServiceNowEventLog({
        db: database.db,
        temporalClient: null,
        taskQueue: 'unused',
        logger,
        file: uciFile,
      });
      expect(summary.rowsRejected).toBe(0);
      expect(summary.incidentsSeen).toBe(expected.incidents);
      expect(summary.casesCreated).toBe(expected.incidents);

      const rows = await database.db
        .select({ status: cases.status, n: count() })
        .from(cases)
        .groupBy(cases.status);
      const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
      expect(byStatus).toEqual(expected.byStatus);

      const historyBefore = (await database.db.select({ n: count() }).from(caseHistory))[0]?.n;
      const second = await importServiceNowEventLog({
        db: database.db,
        temporalClient: null,
        taskQueue: 'unused',
        logger,
        file: uciFile,
      });
      expect(second.casesCreated).toBe(0);
      expect(second.casesUpdated).toBe(0);
      expect(second.casesUnchanged).toBe(expected.incidents);
      const historyAfter = (await database.db.select({ n: count() }).from(caseHistory))[0]?.n;
      expect(historyAfter).toBe(historyBefore);
    },
    240_000,
  );
});
