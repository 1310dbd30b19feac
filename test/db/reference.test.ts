import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateReference, formatReference } from '../../activities/cases/reference';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

function expectedSequence(prefix: string, year: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => formatReference(prefix, year, index + 1));
}

describe('reference format', () => {
  it('pads the yearly number to six digits', () => {
    expect(formatReference('ADU', 2026, 123)).toBe('ADU-2026-000123');
  });
});

describe.each(databaseKinds())('allocateReference on %s', (kind) => {
  let database: TestDatabase;
  /** A second, separate connection pool on the same PostgreSQL database. */
  let secondPool: DatabaseHandle | undefined;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    if (database.url) {
      secondPool = await openDatabase({
        dataDir: database.dataDir,
        databaseUrl: database.url,
        poolSize: 5,
      });
    }
  });

  afterAll(async () => {
    await secondPool?.close();
    await database?.destroy();
  });

  it('gives distinct sequential references under concurrency', async () => {
    const count = 60;
    const pools = [database.db, secondPool?.db ?? database.db];
    const references = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        allocateReference(pools[index % pools.length]!, 'ADU', 2026),
      ),
    );

    expect(new Set(references).size).toBe(count);
    expect([...references].sort()).toEqual(expectedSequence('ADU', 2026, count));
  });

  it('continues the sequence after earlier allocations', async () => {
    const next = await allocateReference(database.db, 'ADU', 2026);
    expect(next).toBe('ADU-2026-000061');
  });

  it('restarts at 1 each year', async () => {
    expect(await allocateReference(database.db, 'ADU', 2027)).toBe('ADU-2027-000001');
    expect(await allocateReference(database.db, 'ADU', 2027)).toBe('ADU-2027-000002');
    expect(await allocateReference(database.db, 'ADU', 2026)).toBe('ADU-2026-000062');
  });

  it('keeps one sequence per prefix', async () => {
    expect(await allocateReference(database.db, 'PMK', 2026)).toBe('PMK-2026-000001');
    expect(await allocateReference(database.db, 'ADU', 2026)).toBe('ADU-2026-000063');
  });
});
