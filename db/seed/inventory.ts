/**
 * A few bookable resources of the multimedia unit for the demo and a new installation: laptops,
 * projectors, a PA system and a training room. Inserted once by asset tag; an administrator's
 * later changes are kept.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { inventoryResources, units } from '../schema';

const owningUnitCode = 'MULTIMEDIA';

const resources = [
  {
    tag: 'UTM-LPT-0001',
    name: 'Komputer riba Dell Latitude 5440',
    category: 'laptop',
    location: 'Stor Multimedia, N28',
    maxLoanHours: 168,
    serialNumber: 'DL5440-7Q2K1',
  },
  {
    tag: 'UTM-LPT-0002',
    name: 'Komputer riba Lenovo ThinkPad T14',
    category: 'laptop',
    location: 'Stor Multimedia, N28',
    maxLoanHours: 168,
    serialNumber: 'LNT14-PF3X9',
  },
  {
    tag: 'UTM-PRJ-0001',
    name: 'Projektor Epson EB-2250U',
    category: 'projector',
    location: 'Stor Multimedia, N28',
    maxLoanHours: 72,
    serialNumber: 'EP2250-X8801',
  },
  {
    tag: 'UTM-PRJ-0002',
    name: 'Projektor mudah alih BenQ MW560',
    category: 'projector',
    location: 'Stor Multimedia, N28',
    maxLoanHours: 72,
    serialNumber: 'BQ560-11873',
  },
  {
    tag: 'UTM-PA-0001',
    name: 'Sistem PA mudah alih Yamaha Stagepas 400BT',
    category: 'pa_system',
    location: 'Stor Multimedia, N28',
    maxLoanHours: 48,
    serialNumber: 'YS400-55102',
  },
  {
    tag: 'UTM-BLK-N28-01',
    name: 'Bilik Latihan 1, Blok N28',
    category: 'training_room',
    location: 'Aras 2, Blok N28',
    maxLoanHours: 10,
    serialNumber: null,
  },
] as const;

/** Inserts the resources that are missing; does nothing when the owning unit is absent. */
export async function seedInventory(db: Database): Promise<void> {
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.code, owningUnitCode));
  if (!unit) return;
  await db
    .insert(inventoryResources)
    .values(resources.map((resource) => ({ ...resource, owningUnitId: unit.id })))
    .onConflictDoNothing({ target: inventoryResources.tag });
}
