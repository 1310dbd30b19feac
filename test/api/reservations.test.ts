/**
 * reserveResource on PGlite and, when TEST_DATABASE_URL is set, PostgreSQL: half-open periods
 * (touching bookings do not clash), overlaps rejected, and a race of concurrent requests for one
 * period in which exactly one wins.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endReservations, reserveResource } from '../../activities/inventory/reservations';
import { inventoryResources, resourceReservations } from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createUnit } from '../helpers/factories';

const base = Date.parse('2027-03-01T02:00:00Z');
const hour = 60 * 60 * 1000;
const at = (hours: number) => new Date(base + hours * hour).toISOString();

describe.each(databaseKinds())('reservations on %s', (kind) => {
  let database: TestDatabase;
  let resourceId: string;
  let counter = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const unit = await createUnit(database.db);
    const [row] = await database.db
      .insert(inventoryResources)
      .values({
        tag: 'BILIK-1',
        name: 'Bilik Latihan 1',
        category: 'training_room',
        location: 'N28',
        owningUnitId: unit.id,
      })
      .returning({ id: inventoryResources.id });
    if (!row) throw new Error('insert into inventory_resources returned nothing');
    resourceId = row.id;
  }, 60_000);

  afterAll(async () => {
    await database?.destroy();
  });

  function reserve(fromHour: number, toHour: number) {
    counter += 1;
    return reserveResource(database.db, {
      resourceId,
      startsAt: at(fromHour),
      endsAt: at(toHour),
      holderKind: 'facilityLoan',
      holderReference: `PJM-${kind}-${counter}`,
      createdById: null,
    });
  }

  it('accepts touching periods and rejects overlaps', async () => {
    expect((await reserve(0, 2)).reserved).toBe(true);
    expect((await reserve(2, 4)).reserved).toBe(true);
    const overlap = await reserve(1, 3);
    expect(overlap.reserved).toBe(false);
    expect(overlap.reserved ? [] : overlap.conflicts).toHaveLength(2);
  });

  it('frees a released period', async () => {
    const first = await reserve(10, 12);
    expect(first.reserved).toBe(true);
    expect(
      await endReservations(database.db, `PJM-${kind}-${counter}`, 'released', new Date()),
    ).toBe(1);
    expect((await reserve(10, 12)).reserved).toBe(true);
  });

  it('lets exactly one of concurrent overlapping requests win', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => reserve(20 + index * 0.1, 23)),
    );
    expect(results.filter((result) => result.reserved)).toHaveLength(1);
    const rows = await database.db
      .select({ startsAt: resourceReservations.startsAt })
      .from(resourceReservations)
      .where(eq(resourceReservations.resourceId, resourceId));
    const inRace = rows.filter((row) => row.startsAt.getTime() >= Date.parse(at(20)));
    expect(inRace).toHaveLength(1);
  });
});
