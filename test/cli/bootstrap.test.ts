import { arrayContains, count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../activities/identity/passwords';
import { bootstrap, defaultAdminEmail } from '../../db/seed/bootstrap';
import { loadReferenceData, referenceServices } from '../../db/seed/reference';
import { campuses, categories, people, services, slaTargets, units } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

const logger = pino({ level: 'silent' });

describe.each(databaseKinds())('bootstrap on %s', (kind) => {
  let database: TestDatabase;
  let printed: string[];
  const print = (text: string): void => {
    printed.push(text);
  };

  const countOf = async (
    table: typeof units | typeof services | typeof categories | typeof slaTargets,
  ): Promise<number> => Number((await database.db.select({ n: count() }).from(table))[0]?.n);
  const countAll = async (): Promise<number[]> => [
    await countOf(units),
    await countOf(services),
    await countOf(categories),
    await countOf(slaTargets),
  ];

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    printed = [];
  });

  afterEach(async () => {
    await database.destroy();
  });

  it('loads reference data into an empty database', async () => {
    const result = await bootstrap({ db: database, config: {}, logger, print });
    expect(result.referenceDataLoaded).toBe(true);
    expect(await countOf(units)).toBe(6);
    expect(await countOf(services)).toBe(referenceServices.length);

    const targets = await database.db.select().from(slaTargets).orderBy(slaTargets.priority);
    const minutes = targets.map((row) => [
      row.priority,
      row.firstResponseMinutes,
      row.resolutionMinutes,
    ]);
    expect(minutes).toEqual([
      [1, 30, 240],
      [2, 120, 1440],
      [3, 480, 4320],
      [4, 1440, 10080],
    ]);
    expect(targets[0]?.nameMs).toBe('Sangat kritikal');
  });

  it('reloads reference data without duplicates', async () => {
    await loadReferenceData(database.db);
    const before = await countAll();
    await loadReferenceData(database.db);
    expect(await countAll()).toEqual(before);
  });

  it('places reference units on the main campus', async () => {
    await loadReferenceData(database.db);
    const rows = await database.db.select().from(campuses).orderBy(campuses.code);
    expect(rows.map((row) => [row.code, row.nameMs])).toEqual([
      ['JB', 'Kampus Johor Bahru'],
      ['KL', 'Kampus Kuala Lumpur'],
    ]);
    const johor = rows[0]?.id;
    const kualaLumpur = rows[1]?.id;
    const placed = await database.db.select({ campusId: units.campusId }).from(units);
    expect(placed).toHaveLength(6);
    expect(placed.every((unit) => unit.campusId === johor)).toBe(true);

    // An administrator renames a campus and moves a unit. Loading again keeps both changes.
    await database.db
      .update(campuses)
      .set({ nameMs: 'UTM Kuala Lumpur' })
      .where(eq(campuses.code, 'KL'));
    await database.db
      .update(units)
      .set({ campusId: kualaLumpur })
      .where(eq(units.code, 'MULTIMEDIA'));
    await loadReferenceData(database.db);

    const [renamed] = await database.db.select().from(campuses).where(eq(campuses.code, 'KL'));
    expect(renamed?.nameMs).toBe('UTM Kuala Lumpur');
    const [moved] = await database.db.select().from(units).where(eq(units.code, 'MULTIMEDIA'));
    expect(moved?.campusId).toBe(kualaLumpur);
  });

  it('prints a one-time password once', async () => {
    const first = await bootstrap({ db: database, config: {}, logger, print });
    expect(first.administratorCreated).toBe(defaultAdminEmail);
    expect(printed).toHaveLength(1);
    const password = /One-time password: +(\S+)/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(password).toHaveLength(24);

    const [admin] = await database.db
      .select()
      .from(people)
      .where(eq(people.email, defaultAdminEmail));
    expect(admin?.roles).toEqual(['admin']);
    expect(await verifyPassword(admin?.passwordHash ?? '', password)).toBe(true);

    const second = await bootstrap({ db: database, config: {}, logger, print });
    expect(second.referenceDataLoaded).toBe(false);
    expect(second.administratorCreated).toBeNull();
    expect(printed).toHaveLength(1);
  });

  it('creates the administrator from the environment', async () => {
    const config = {
      KHIDMAT_ADMIN_EMAIL: 'Pentadbir@Example.edu.my',
      KHIDMAT_ADMIN_PASSWORD: 'kata-laluan-panjang',
    };
    const result = await bootstrap({ db: database, config, logger, print });
    expect(result.administratorCreated).toBe('pentadbir@example.edu.my');
    expect(printed).toEqual([]);

    const admins = await database.db
      .select()
      .from(people)
      .where(arrayContains(people.roles, ['admin']));
    expect(admins.map((row) => row.email)).toEqual(['pentadbir@example.edu.my']);
    expect(await verifyPassword(admins[0]?.passwordHash ?? '', 'kata-laluan-panjang')).toBe(true);
  });

  it('rejects a password without an e-mail', async () => {
    const config = { KHIDMAT_ADMIN_PASSWORD: 'kata-laluan-panjang' };
    await expect(bootstrap({ db: database, config, logger, print })).rejects.toThrow(
      /KHIDMAT_ADMIN_EMAIL is not/,
    );
  });
});
