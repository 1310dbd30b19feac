/**
 * Bulk writers for generated rows: COPY ... FROM STDIN through postgres.js on PostgreSQL, and
 * batched multi-row inserts through Drizzle on PGlite, which has no COPY from a client stream.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Database } from '../../db/client';
import type { Row } from './cases';

export interface RowWriter {
  /** Writes every row of the iterable into the table; the row keys are column names. */
  write(table: string, columns: string[], rows: Iterable<Row>): Promise<number>;
}

/** Escapes a value for COPY's text format, where `\N` is null and tab and newline separate. */
export function copyText(value: Row[string]): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
}

function quoteColumns(columns: string[]): string {
  return columns.map((column) => `"${column}"`).join(', ');
}

/** Lines of COPY text, grouped into chunks of about 1,000 rows to keep the stream's writes large. */
function* copyChunks(columns: string[], rows: Iterable<Row>, counter: { rows: number }) {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(columns.map((column) => copyText(row[column] ?? null)).join('\t'));
    counter.rows += 1;
    if (lines.length >= 1000) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

export function createCopyWriter(client: postgres.Sql): RowWriter {
  return {
    async write(table, columns, rows) {
      const counter = { rows: 0 };
      const stream = await client
        .unsafe(`copy "${table}" (${quoteColumns(columns)}) from stdin`)
        .writable();
      await pipeline(Readable.from(copyChunks(columns, rows, counter)), stream);
      return counter.rows;
    },
  };
}

/** Keeps each statement under PostgreSQL's limit of 65,535 parameters. */
const maxParameters = 30_000;

export function createInsertWriter(db: Database): RowWriter {
  return {
    async write(table, columns, rows) {
      const batchSize = Math.max(1, Math.floor(maxParameters / columns.length));
      const insert = async (batch: Row[]) => {
        const values = batch.map(
          (row) =>
            sql`(${sql.join(
              columns.map((column) => sql`${row[column] ?? null}`),
              sql`, `,
            )})`,
        );
        await db.execute(
          sql`insert into ${sql.identifier(table)} (${sql.raw(quoteColumns(columns))}) values ${sql.join(values, sql`, `)}`,
        );
      };
      let batch: Row[] = [];
      let written = 0;
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= batchSize) {
          await insert(batch);
          written += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) {
        await insert(batch);
        written += batch.length;
      }
      return written;
    },
  };
}
