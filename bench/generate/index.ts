/**
 * Loads generated cases straight into the tables, not through the API: people, cases and their
 * status histories, then the reference counters and fresh planner statistics.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { complaintPrefix } from '../../common/complaint';
import { rowsOf, type Database } from '../../db/client';
import { fromLocal } from '../../scripts/demo/calendar';
import { generateCases, type Row } from './cases';
import { customerCount, prepareOrganisation } from './organisation';
import { createCopyWriter, createInsertWriter, type RowWriter } from './writers';

export { generatedSource } from './cases';
export { searchWords } from './texts';

export interface GenerateDataOptions {
  cases: number;
  seed?: number;
  /** End of the generated period; the default is fixed, so a seed always gives the same rows. */
  end?: Date;
  /** The database's URL when it is PostgreSQL: rows then go through COPY on a connection of its own. */
  postgresUrl?: string | undefined;
  /** Called after each chunk with the number of cases written so far. */
  onProgress?: (written: number) => void;
}

export interface GenerateSummary {
  cases: number;
  historyRows: number;
  people: number;
  seconds: number;
}

export const defaultSeed = 20_261_204;
/** 30/11/2026 17:00 in Malaysia. */
export const defaultEnd = new Date(fromLocal(2026, 11, 30, 17, 0));

const caseColumns = [
  'id',
  'reference',
  'type',
  'title',
  'description',
  'status',
  'channel',
  'priority',
  'impact',
  'urgency',
  'service_id',
  'category_id',
  'requester_id',
  'created_by_id',
  'unit_id',
  'assignee_id',
  'workflow_id',
  'waiting_for',
  'opened_at',
  'first_responded_at',
  'resolved_at',
  'closed_at',
  'first_response_due_at',
  'resolution_due_at',
  'first_response_breached',
  'resolution_breached',
  'paused_ms',
  'reopen_count',
  'reassignment_count',
  'work_minutes',
  'resolution_note',
  'rating',
  'rating_comment',
  'rated_at',
  'source',
  'external_ref',
  'last_step',
  'created_at',
  'updated_at',
];
const historyColumns = [
  'case_id',
  'at',
  'actor_id',
  'action',
  'field',
  'old_value',
  'new_value',
  'details',
  'idempotency_key',
];

const chunkSize = 5_000;

async function referenceCounters(db: Database): Promise<Map<number, number>> {
  const rows = rowsOf<{ year: number; last_value: number }>(
    await db.execute(
      sql`select year, last_value from reference_counters where prefix = ${complaintPrefix}`,
    ),
  );
  return new Map(rows.map((row) => [Number(row.year), Number(row.last_value)]));
}

/** Moves each year's counter past the generated references, so live intake does not reuse them. */
async function saveReferenceCounters(db: Database, lastValues: Map<number, number>) {
  for (const [year, lastValue] of lastValues) {
    await db.execute(sql`
      insert into reference_counters (prefix, year, last_value)
      values (${complaintPrefix}, ${year}, ${lastValue})
      on conflict (prefix, year)
      do update set last_value = greatest(reference_counters.last_value, excluded.last_value)`);
  }
}

export async function generateData(
  db: Database,
  options: GenerateDataOptions,
): Promise<GenerateSummary> {
  if (!Number.isInteger(options.cases) || options.cases < 1) {
    throw new Error(`invalid number of cases: ${options.cases}; expected a positive integer`);
  }
  const started = performance.now();
  const seed = options.seed ?? defaultSeed;
  const copyClient = options.postgresUrl
    ? postgres(options.postgresUrl, { max: 1, onnotice: () => undefined })
    : null;
  const writer: RowWriter = copyClient ? createCopyWriter(copyClient) : createInsertWriter(db);

  try {
    const customers = customerCount(options.cases);
    const organisation = await prepareOrganisation(db, writer, {
      seed,
      customers,
      techniciansPerUnit: 6,
      agents: 8,
    });
    const lastValues = await referenceCounters(db);
    const generated = generateCases(
      organisation,
      { seed, cases: options.cases, endMs: (options.end ?? defaultEnd).getTime() },
      lastValues,
    );

    let written = 0;
    let historyRows = 0;
    let caseRows: Row[] = [];
    let historyChunk: Row[] = [];
    const flush = async () => {
      await writer.write('cases', caseColumns, caseRows);
      historyRows += await writer.write('case_history', historyColumns, historyChunk);
      written += caseRows.length;
      caseRows = [];
      historyChunk = [];
      options.onProgress?.(written);
    };
    for (const { caseRow, historyRows: rows } of generated) {
      caseRows.push(caseRow);
      historyChunk.push(...rows);
      if (caseRows.length >= chunkSize) await flush();
    }
    if (caseRows.length > 0) await flush();

    await saveReferenceCounters(db, lastValues);
    await db.execute(sql`analyze cases`);
    await db.execute(sql`analyze case_history`);
    await db.execute(sql`analyze people`);
    return {
      cases: written,
      historyRows,
      people: customers + 8 + 6 * organisation.technicians.size,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await copyClient?.end({ timeout: 5 });
  }
}
