import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importServiceNowEventLog, type ImportSummary } from '../../activities/import/servicenow';
import { caseHistory, cases, categories, people, services, units } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

const sampleFile = fileURLToPath(new URL('../fixtures/servicenow/sample.csv', import.meta.url));
const logger = pino({ level: 'silent' });

/** Final status of each incident in sample.csv, worked out by hand from its rows. */
const expectedStatus: Record<string, string> = {
  INC9000001: 'closed',
  INC9000002: 'waiting_customer',
  INC9000003: 'closed',
  INC9000004: 'waiting_supplier',
  INC9000005: 'in_progress',
  INC9000006: 'waiting_customer',
  INC9000007: 'new',
  INC9000008: 'resolved',
  INC9000009: 'closed',
};

describe.each(databaseKinds())('ServiceNow import on %s', (kind) => {
  let database: TestDatabase;
  let workDir: string;
  let first: ImportSummary;

  const runImport = (file: string): Promise<ImportSummary> =>
    importServiceNowEventLog({
      db: database.db,
      temporalClient: null,
      taskQueue: 'unused',
      logger,
      file,
    });

  const caseOf = async (number: string) => {
    const [row] = await database.db.select().from(cases).where(eq(cases.externalRef, number));
    if (!row) throw new Error(`no case for ${number}`);
    return row;
  };

  const historyOf = async (number: string) => {
    const row = await caseOf(number);
    return database.db
      .select()
      .from(caseHistory)
      .where(eq(caseHistory.caseId, row.id))
      .orderBy(asc(caseHistory.at), asc(caseHistory.id));
  };

  const countRows = async () => ({
    cases: (await database.db.select({ n: count() }).from(cases))[0]?.n,
    history: (await database.db.select({ n: count() }).from(caseHistory))[0]?.n,
    people: (await database.db.select({ n: count() }).from(people))[0]?.n,
    units: (await database.db.select({ n: count() }).from(units))[0]?.n,
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    workDir = mkdtempSync(join(tmpdir(), 'khidmat-import-'));
    first = await runImport(sampleFile);
  });

  afterAll(async () => {
    await database?.destroy();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('creates one case per incident', async () => {
    expect(first.rowsRead).toBe(31);
    expect(first.incidentsSeen).toBe(9);
    expect(first.casesCreated).toBe(9);

    const rows = await database.db.select().from(cases);
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      expect(row.source).toBe('servicenow');
      expect(row.reference).toMatch(/^ADU-2025-\d{6}$/);
      expect(row.status, row.externalRef ?? '').toBe(expectedStatus[row.externalRef ?? '']);
    }
  });

  it('reads dates in Malaysian time', async () => {
    const row = await caseOf('INC9000001');
    // 01-01-2025 07:30 in Kuala Lumpur (UTC+8) is still 2024 in UTC; the reference takes the local year.
    expect(row.openedAt.toISOString()).toBe('2024-12-31T23:30:00.000Z');
    expect(row.reference.startsWith('ADU-2025-')).toBe(true);
    expect(row.closedAt?.toISOString()).toBe('2025-01-06T04:00:00.000Z');
    expect(row.resolvedAt?.toISOString()).toBe('2025-01-01T03:29:00.000Z');
  });

  it('rejects malformed rows with reasons', () => {
    expect(first.rowsRejected).toBe(4);
    const byLine = new Map(first.rejections.map((rejection) => [rejection.line, rejection]));

    expect(byLine.get(8)?.column).toBe('sys_updated_at');
    expect(byLine.get(8)?.value).toBe('31-02-2025 10:40');
    expect(byLine.get(18)?.column).toBe('priority');
    expect(byLine.get(18)?.value).toBe('9 - Urgent');
    expect(byLine.get(22)?.column).toBeNull();
    expect(byLine.get(22)?.reason).toContain('found 35');
    expect(byLine.get(27)?.column).toBe('incident_state');
    expect(byLine.get(27)?.value).toBe('Cancelled');
  });

  it('keeps the reopened incident history in order', async () => {
    const history = await historyOf('INC9000003');
    const statusChanges = history
      .filter((entry) => entry.field === 'status')
      .map((entry) => `${entry.oldValue ?? ''}>${entry.newValue}`);
    expect(statusChanges).toEqual([
      '>new',
      'new>in_progress',
      'in_progress>resolved',
      'resolved>in_progress',
      'in_progress>resolved',
      'resolved>closed',
    ]);

    const reopened = history.filter((entry) => entry.action === 'reopened');
    expect(reopened).toHaveLength(1);
    expect(reopened[0]?.newValue).toBe('1');
    const row = await caseOf('INC9000003');
    expect(row.reopenCount).toBe(1);
    expect(row.channel).toBe('portal');
  });

  it('records a reassignment to another unit', async () => {
    const row = await caseOf('INC9000002');
    const [unit] = await database.db.select().from(units).where(eq(units.code, 'SN-12'));
    expect(unit?.nameEn).toBe('Group 12');
    expect(row.unitId).toBe(unit?.id);
    expect(row.reassignmentCount).toBe(1);
    expect(row.channel).toBe('email');
    expect(row.waitingFor).toBe('customer');
    expect(row.resolutionBreached).toBe(true);

    const unitChanges = (await historyOf('INC9000002')).filter((entry) => entry.field === 'unitId');
    expect(unitChanges.map((entry) => entry.newValue)).toHaveLength(2);
    expect(unitChanges[1]?.newValue).toBe(unit?.id);
  });

  it('records a priority change', async () => {
    const row = await caseOf('INC9000004');
    expect(row.priority).toBe(2);
    expect(row.impact).toBe(1);
    expect(row.channel).toBe('walk_in');
    const priorityChanges = (await historyOf('INC9000004')).filter(
      (entry) => entry.field === 'priority',
    );
    expect(priorityChanges.map((entry) => `${entry.oldValue}>${entry.newValue}`)).toEqual(['3>2']);
  });

  it('maps tokens to people, units and categories', async () => {
    const [caller] = await database.db
      .select()
      .from(people)
      .where(eq(people.email, 'caller-2403@import.khidmat.invalid'));
    expect(caller?.kind).toBe('staff');
    expect(caller?.roles).toEqual(['customer']);

    const [resolver] = await database.db
      .select()
      .from(people)
      .where(eq(people.email, 'resolver-11@import.khidmat.invalid'));
    expect(resolver?.roles).toContain('technician');

    const [category] = await database.db
      .select({ code: categories.code, service: services.code, nameEn: services.nameEn })
      .from(categories)
      .innerJoin(services, eq(services.id, categories.serviceId))
      .where(eq(categories.code, 'SN-CAT-55'));
    expect(category?.nameEn).toBe('Imported from ServiceNow');

    const row = await caseOf('INC9000006');
    expect(row.channel).toBe('other');
    expect(row.requesterId).toBe(caller?.id);
  });

  it('leaves open cases without workflows when Temporal is absent', () => {
    expect(first.workflowsStarted).toBe(0);
    expect(first.workflowsNotStarted).toBe(6);
  });

  it('changes nothing on a second import', async () => {
    const before = await countRows();
    const second = await runImport(sampleFile);
    expect(second.casesCreated).toBe(0);
    expect(second.casesUpdated).toBe(0);
    expect(second.casesUnchanged).toBe(9);
    expect(await countRows()).toEqual(before);
  });

  it('updates only the changed case from a newer file', async () => {
    const updatedFile = join(workDir, 'updated.csv');
    copyFileSync(sampleFile, updatedFile);
    const lines = readFileSync(sampleFile, 'utf8').split('\r\n');
    const vendorRow = lines.find((line) => line.startsWith('INC9000004,Awaiting Vendor,'));
    if (!vendorRow) throw new Error('sample.csv lacks the Awaiting Vendor row of INC9000004');
    const later = (state: string, active: string, mod: number, at: string): string => {
      const fields = vendorRow.split(',');
      fields[1] = state;
      fields[2] = active;
      fields[5] = String(mod);
      fields[13] = at;
      return fields.join(',');
    };
    appendFileSync(
      updatedFile,
      [
        later('Active', 'TRUE', 4, '07-03-2025 10:00'),
        later('Resolved', 'TRUE', 5, '07-03-2025 15:00'),
      ].join('\r\n') + '\r\n',
    );
    const historyBefore = await historyOf('INC9000004');
    const caseBefore = await caseOf('INC9000004');

    const summary = await runImport(updatedFile);
    expect(summary.casesCreated).toBe(0);
    expect(summary.casesUpdated).toBe(1);
    expect(summary.casesUnchanged).toBe(8);

    const caseAfter = await caseOf('INC9000004');
    expect(caseAfter.reference).toBe(caseBefore.reference);
    expect(caseAfter.status).toBe('resolved');
    expect(caseAfter.waitingFor).toBeNull();
    const added = (await historyOf('INC9000004')).slice(historyBefore.length);
    expect(
      added.filter((entry) => entry.field === 'status').map((entry) => entry.newValue),
    ).toEqual(['in_progress', 'resolved']);

    const again = await runImport(updatedFile);
    expect(again.casesUpdated).toBe(0);
    expect(again.casesUnchanged).toBe(9);
  });

  it('rejects a file without the ServiceNow header', async () => {
    const wrongFile = join(workDir, 'wrong.csv');
    const text = readFileSync(sampleFile, 'utf8').replace('sys_mod_count', 'modifications');
    writeFileSync(wrongFile, text);
    await expect(runImport(wrongFile)).rejects.toThrow(/lacks the columns sys_mod_count/);
  });

  it('rejects a missing file', async () => {
    await expect(runImport(join(workDir, 'absent.csv'))).rejects.toThrow(
      /absent\.csv does not exist/,
    );
  });

  it('writes nothing on a dry run', async () => {
    const otherFile = join(workDir, 'other.csv');
    const text = readFileSync(sampleFile, 'utf8').replaceAll('INC9000001', 'INC9000101');
    writeFileSync(otherFile, text);
    const before = await countRows();
    const summary = await importServiceNowEventLog({
      db: database.db,
      temporalClient: null,
      taskQueue: 'unused',
      logger,
      file: otherFile,
      dryRun: true,
    });
    expect(summary.casesCreated).toBe(1);
    expect(summary.casesUnchanged).toBe(8);
    expect(await countRows()).toEqual(before);
  });
});
