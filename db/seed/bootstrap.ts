/**
 * Production start-up of the database: migrations, reference data on an empty database, and the
 * first administrator.
 */
import { randomBytes } from 'node:crypto';
import { arrayContains, count, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../activities/identity/audit';
import { hashPassword } from '../../activities/identity/passwords';
import type { Config } from '../../common/config';
import { AppError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { Database, DatabaseHandle } from '../client';
import { people, services, slaTargets } from '../schema';
import { loadReferenceData } from './reference';

export const defaultAdminEmail = 'admin@khidmat.local';

export interface BootstrapOptions {
  db: DatabaseHandle;
  config: Pick<Config, 'KHIDMAT_ADMIN_EMAIL' | 'KHIDMAT_ADMIN_PASSWORD'>;
  logger: Logger;
  /** Output for a generated one-time password: standard output unless a test replaces it. */
  print?: (text: string) => void;
}

export interface BootstrapResult {
  referenceDataLoaded: boolean;
  administratorCreated: string | null;
}

/**
 * Migrates the database, loads reference data when the catalogue and the service-level targets
 * are both empty, and creates the first administrator. The administrator comes from
 * KHIDMAT_ADMIN_EMAIL and KHIDMAT_ADMIN_PASSWORD; when neither is set and no administrator exists,
 * admin@khidmat.local is created with a one-time password printed once (never logged).
 */
export async function bootstrap(options: BootstrapOptions): Promise<BootstrapResult> {
  const { db: handle, config, logger } = options;
  const print = options.print ?? ((text: string) => process.stdout.write(text));

  await handle.migrate();
  logger.info({ database: handle.kind }, 'Database migrations applied');

  const db = handle.db;
  const referenceDataLoaded = await isReferenceDataMissing(db);
  if (referenceDataLoaded) {
    await loadReferenceData(db);
    logger.info('Reference data loaded into the empty database');
  }

  const email = config.KHIDMAT_ADMIN_EMAIL;
  const password = config.KHIDMAT_ADMIN_PASSWORD;
  if (password !== undefined && email === undefined) {
    throw new AppError(
      'validation_failed',
      'KHIDMAT_ADMIN_PASSWORD is set but KHIDMAT_ADMIN_EMAIL is not: set both, or neither.',
    );
  }

  let administratorCreated: string | null = null;
  if (email !== undefined) {
    const created = await createAdministrator(db, {
      email,
      name: 'Pentadbir sistem',
      password: password ?? null,
    });
    if (created.created) administratorCreated = created.email;
    if (created.oneTimePassword)
      print(oneTimePasswordNotice(created.email, created.oneTimePassword));
  } else if (!(await hasActiveAdministrator(db))) {
    const created = await createAdministrator(db, {
      email: defaultAdminEmail,
      name: 'Pentadbir sistem',
      password: null,
    });
    if (created.created) administratorCreated = created.email;
    if (created.oneTimePassword)
      print(oneTimePasswordNotice(created.email, created.oneTimePassword));
  }
  if (administratorCreated) {
    logger.info({ email: administratorCreated }, 'First administrator created');
  }
  return { referenceDataLoaded, administratorCreated };
}

async function isReferenceDataMissing(db: Database): Promise<boolean> {
  const [serviceCount] = await db.select({ n: count() }).from(services);
  const [targetCount] = await db.select({ n: count() }).from(slaTargets);
  return Number(serviceCount?.n ?? 0) === 0 && Number(targetCount?.n ?? 0) === 0;
}

async function hasActiveAdministrator(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .where(sql`${arrayContains(people.roles, ['admin'])} and ${people.active}`);
  return Number(row?.n ?? 0) > 0;
}

export interface CreateAdministratorInput {
  email: string;
  name: string;
  /** Null generates a one-time password, returned once in the result. */
  password: string | null;
}

export interface CreateAdministratorResult {
  email: string;
  personId: string;
  /** False when a person with the e-mail already existed: nothing was changed. */
  created: boolean;
  oneTimePassword: string | null;
}

/**
 * Creates an administrator with roles ['admin'], unless a person with the e-mail exists. Two
 * processes starting at once both try the insert and only the one that wrote the row returns a
 * one-time password.
 */
export async function createAdministrator(
  db: Database,
  input: CreateAdministratorInput,
): Promise<CreateAdministratorResult> {
  const email = input.email.trim().toLowerCase();
  const oneTimePassword = input.password === null ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? (oneTimePassword as string));

  const [inserted] = await db
    .insert(people)
    .values({ email, name: input.name, kind: 'staff', roles: ['admin'], passwordHash })
    .onConflictDoNothing({ target: people.email })
    .returning({ id: people.id });
  if (inserted) {
    await appendAudit(db, {
      actorId: null,
      entity: 'person',
      entityId: inserted.id,
      action: 'created',
      newValue: { email, name: input.name, roles: ['admin'] },
    });
    return { email, personId: inserted.id, created: true, oneTimePassword };
  }

  const [existing] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!existing) throw new Error(`person ${email} was neither created nor found`);
  return { email, personId: existing.id, created: false, oneTimePassword: null };
}

/** Generates a random password of 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function oneTimePasswordNotice(email: string, password: string): string {
  return [
    '',
    `Administrator account: ${email}`,
    `One-time password:     ${password}`,
    'This password is shown only once: sign in now and change it.',
    '',
  ].join('\n');
}
