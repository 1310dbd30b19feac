/** Per-test records written straight into the database. */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../common/enums';
import type { Database } from '../../db/client';
import { people, unitMembers, units } from '../../db/schema';
import { hashPassword } from '../../activities/identity/passwords';

export const testPassword = 'kata-laluan-ujian-1';

let passwordHash: Promise<string> | null = null;

function unique(): string {
  return randomBytes(4).toString('hex');
}

export interface PersonOptions {
  roles?: Role[];
  name?: string;
  email?: string;
  language?: 'ms' | 'en';
  /** Units the person joins as a member. */
  unitIds?: string[];
  /** Units the person heads. */
  headOf?: string[];
}

export async function createPerson(db: Database, options: PersonOptions = {}) {
  passwordHash ??= hashPassword(testPassword);
  const roles = options.roles ?? ['customer'];
  const [person] = await db
    .insert(people)
    .values({
      email: options.email ?? `${roles[0]}-${unique()}@test.khidmat.invalid`,
      name: options.name ?? `Test ${roles.join('/')}`,
      roles,
      language: options.language ?? 'ms',
      passwordHash: await passwordHash,
    })
    .returning();
  if (!person) throw new Error('insert into people returned nothing');
  for (const unitId of options.unitIds ?? []) {
    await db.insert(unitMembers).values({ unitId, personId: person.id, role: 'member' });
  }
  for (const unitId of options.headOf ?? []) {
    await db.insert(unitMembers).values({ unitId, personId: person.id, role: 'head' });
  }
  return person;
}

export async function createUnit(db: Database, code = `U-${unique()}`) {
  const [unit] = await db
    .insert(units)
    .values({ code, nameMs: `Unit ${code}`, nameEn: `Unit ${code}` })
    .returning();
  if (!unit) throw new Error('insert into units returned nothing');
  return unit;
}
