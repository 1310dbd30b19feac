/**
 * The data generator against real databases: it loads the requested counts, every generated case
 * reads through the case list API, the reference counters move past the generated references, and
 * a technician can read only the generated cases of the units they belong to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { generateData, type GenerateSummary } from '../../bench/generate/index';
import { allocateReference } from '../../activities/cases/reference';
import { rowsOf } from '../../db/client';
import { buildTestApp, signIn, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';

const size = 1_200;

describe.each(databaseKinds())('data generator on %s', (kind) => {
  let db: TestDatabase;
  let testApp: TestApp;
  let summary: GenerateSummary;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    summary = await generateData(db.db, { cases: size, seed: 5, postgresUrl: db.url });
    testApp = await buildTestApp({ db });
  });

  afterAll(async () => {
    await testApp?.app.close();
    await db?.destroy();
  });

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    return Number(rowsOf<{ n: number }>(await db.db.execute(query))[0]?.n);
  }

  it('loads the requested number of cases', async () => {
    expect(summary.cases).toBe(size);
    expect(await count(sql`select count(*)::int as n from cases`)).toBe(size);
    expect(await count(sql`select count(*)::int as n from case_history`)).toBe(summary.historyRows);
    expect(summary.historyRows).toBeGreaterThan(size * 2);
    expect(
      await count(sql`select count(*)::int as n from people where email like '%@gen.khidmat.test'`),
    ).toBe(summary.people);
  });

  it('gives every case its opening and status history', async () => {
    const withoutOpening = await count(sql`
      select count(*)::int as n from cases c
      where not exists (select 1 from case_history h where h.case_id = c.id and h.action = 'opened')`);
    expect(withoutOpening).toBe(0);
    const lastStatusDiffers = await count(sql`
      select count(*)::int as n from cases c
      where c.status <> (select h.new_value from case_history h
                         where h.case_id = c.id and h.action = 'status'
                         order by h.at desc, h.id desc limit 1)`);
    expect(lastStatusDiffers).toBe(0);
  });

  it('lists every generated case through the API', async () => {
    const agent = await createPerson(db.db, { roles: ['agent'] });
    const session = await signIn(testApp.app, agent.email);
    const listPage = async (cursor: string | null) => {
      const response = await testApp.app.inject({
        method: 'GET',
        url: `/api/v1/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        headers: { cookie: session.cookie },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { reference: string }[]; nextCursor: string | null }>();
    };
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const body = await listPage(cursor);
      for (const item of body.items) seen.add(item.reference);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.size).toBe(size);
  });

  it('shows a generated case in full to an agent', async () => {
    const agent = await createPerson(db.db, { roles: ['agent'] });
    const session = await signIn(testApp.app, agent.email);
    const [row] = rowsOf<{ reference: string }>(
      await db.db.execute(sql`select reference from cases where status = 'closed' limit 1`),
    );
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${row?.reference}`,
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('hides other units from a technician', async () => {
    const units = rowsOf<{ id: string }>(
      await db.db.execute(sql`select distinct unit_id as id from cases order by 1 limit 2`),
    );
    const [ownUnit, otherUnit] = units.map((unit) => unit.id);
    const technician = await createPerson(db.db, {
      roles: ['technician'],
      unitIds: ownUnit ? [ownUnit] : [],
    });
    const session = await signIn(testApp.app, technician.email);
    const [foreign] = rowsOf<{ reference: string }>(
      await db.db.execute(
        sql`select reference from cases where unit_id = ${otherUnit ?? null} limit 1`,
      ),
    );
    const response = await testApp.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${foreign?.reference}`,
      headers: { cookie: session.cookie },
    });
    expect(response.statusCode).toBe(404);

    const list = await testApp.app.inject({
      method: 'GET',
      url: '/api/v1/cases?limit=100',
      headers: { cookie: session.cookie },
    });
    const items = list.json<{ items: { unitId: string | null }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.unitId).toBe(ownUnit);
  });

  it('moves reference counters past generated cases', async () => {
    const [latest] = rowsOf<{ reference: string; year: number }>(
      await db.db.execute(sql`
        select reference, extract(year from opened_at at time zone 'Asia/Kuala_Lumpur')::int as year
        from cases order by reference desc limit 1`),
    );
    const next = await allocateReference(db.db, 'ADU', latest?.year ?? 0);
    expect(next > (latest?.reference ?? '')).toBe(true);
  });
});
