/**
 * The service catalogue: its policy, the public list, and administration with unique codes,
 * existing default units, deactivation instead of deletion and the audit log, on a real database
 * of every kind.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../api/app';
import type { Principal } from '../../activities/identity/principals';
import {
  canManageCatalogue,
  canReadCatalogue,
  canSeeInactiveCatalogue,
} from '../../api/policies/catalogue';
import { roles, type Role } from '../../common/enums';
import { auditLog, categories, services, units } from '../../db/schema';
import { buildTestApp, signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';

interface ErrorReply {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

interface Category {
  id: string;
  code: string;
  active: boolean;
  nameMs: string;
  nameEn: string;
  defaultUnitId: string | null;
  defaultImpact: number;
}

interface Service {
  id: string;
  code: string;
  nameMs: string;
  nameEn: string;
  active: boolean;
  categories: Category[];
}

function fieldsOf(body: ErrorReply): string[] {
  return (body.error.details ?? []).map((issue) => issue.field);
}

function principal(roleList: Role[]): Principal {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'someone@test.khidmat.invalid',
    name: 'Someone',
    roles: roleList,
    language: 'ms',
    unitIds: [],
    headOfUnitIds: [],
  };
}

describe('catalogue policy', () => {
  it.each(roles)('canReadCatalogue allows %s', (role) => {
    expect(canReadCatalogue(principal([role]))).toBe(true);
  });

  it.each(roles)('canManageCatalogue and canSeeInactiveCatalogue for %s', (role) => {
    expect(canManageCatalogue(principal([role]))).toBe(role === 'admin');
    expect(canSeeInactiveCatalogue(principal([role]))).toBe(role === 'admin' || role === 'auditor');
  });
});

let codeCounter = 0;

function uniqueCode(prefix: string): string {
  codeCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${codeCounter}`;
}

describe.each(databaseKinds())('catalogue on %s', (kind) => {
  let db: TestDatabase;
  let app: App;
  let adminId: string;
  let adminSession: Session;
  let customerSession: Session;
  let unitId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ app } = await buildTestApp({ db, env: { LOGIN_IP_LIMIT_PER_MINUTE: '1000' } }));
    const admin = await createPerson(db.db, { roles: ['admin'] });
    adminId = admin.id;
    adminSession = await signIn(app, admin.email);
    customerSession = await signIn(app, (await createPerson(db.db, { roles: ['customer'] })).email);
    unitId = (await createUnit(db.db)).id;
  });

  afterAll(async () => {
    await app?.close();
    await db?.destroy();
  });

  function request(
    session: Session | null,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: unknown,
  ) {
    const headers = session
      ? method === 'GET'
        ? { cookie: session.cookie }
        : session.headers
      : {};
    return app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });
  }

  async function newService(extra: Record<string, unknown> = {}): Promise<Service> {
    const response = await request(adminSession, 'POST', '/catalogue/services', {
      code: uniqueCode('SVC'),
      nameMs: 'Rangkaian dan Internet',
      nameEn: 'Network and Internet',
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json<Service>();
  }

  async function newCategory(
    serviceId: string,
    extra: Record<string, unknown> = {},
  ): Promise<Category> {
    const response = await request(adminSession, 'POST', '/catalogue/categories', {
      serviceId,
      code: uniqueCode('CAT'),
      nameMs: 'Wi-Fi tidak berfungsi',
      nameEn: 'Wi-Fi not working',
      ...extra,
    });
    expect(response.statusCode).toBe(201);
    return response.json<Category>();
  }

  async function publicList(session: Session = customerSession): Promise<Service[]> {
    const response = await request(session, 'GET', '/catalogue/services');
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Service[] }>().items;
  }

  async function tableSizes() {
    return {
      services: (await db.db.select().from(services)).length,
      categories: (await db.db.select().from(categories)).length,
      audit: (await db.db.select().from(auditLog)).length,
    };
  }

  it('asks for sign-in before showing the catalogue', async () => {
    const response = await request(null, 'GET', '/catalogue/services');
    expect(response.statusCode).toBe(401);
  });

  it('shows customers active services with active categories in both languages', async () => {
    const service = await newService({ defaultUnitId: unitId });
    const shown = await newCategory(service.id, { defaultImpact: 1 });
    const hidden = await newCategory(service.id);
    await request(adminSession, 'PATCH', `/catalogue/categories/${hidden.id}`, { active: false });
    const inactiveService = await newService();

    const items = await publicList();
    const listed = items.find((item) => item.id === service.id);
    expect(listed).toMatchObject({
      nameMs: 'Rangkaian dan Internet',
      nameEn: 'Network and Internet',
      active: true,
    });
    expect(listed?.categories.map((category) => category.id)).toEqual([shown.id]);
    expect(listed?.categories[0]).toMatchObject({
      nameMs: 'Wi-Fi tidak berfungsi',
      nameEn: 'Wi-Fi not working',
      defaultImpact: 1,
    });

    await request(adminSession, 'PATCH', `/catalogue/services/${inactiveService.id}`, {
      active: false,
    });
    expect((await publicList()).map((item) => item.id)).not.toContain(inactiveService.id);
  });

  it('shows deactivated entries to administrators only on request', async () => {
    const service = await newService();
    const category = await newCategory(service.id);
    await request(adminSession, 'PATCH', `/catalogue/services/${service.id}`, { active: false });

    const forCustomer = await request(
      customerSession,
      'GET',
      '/catalogue/services?includeInactive=true',
    );
    expect(forCustomer.statusCode).toBe(403);
    const hidden = await request(customerSession, 'GET', `/catalogue/services/${service.id}`);
    expect(hidden.statusCode).toBe(404);

    const forAdmin = await request(adminSession, 'GET', '/catalogue/services?includeInactive=true');
    const listed = forAdmin
      .json<{ items: Service[] }>()
      .items.find((item) => item.id === service.id);
    expect(listed?.active).toBe(false);
    expect(listed?.categories.map((c) => c.id)).toEqual([category.id]);
    const one = await request(adminSession, 'GET', `/catalogue/services/${service.id}`);
    expect(one.statusCode).toBe(200);

    // Deactivation keeps the rows: cases refer to them.
    const [row] = await db.db.select().from(services).where(eq(services.id, service.id));
    expect(row?.active).toBe(false);
  });

  it('audits the creation and each change of a service', async () => {
    const service = await newService({ sortOrder: 5 });
    const patch = await request(adminSession, 'PATCH', `/catalogue/services/${service.id}`, {
      nameEn: 'Networks',
      sortOrder: 6,
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ nameEn: 'Networks', sortOrder: 6 });

    const rows = await db.db.select().from(auditLog).where(eq(auditLog.entityId, service.id));
    const created = rows.find((row) => row.action === 'created');
    const updated = rows.find((row) => row.action === 'updated');
    expect(created?.actorId).toBe(adminId);
    expect(created?.entity).toBe('service');
    expect(JSON.parse(updated?.oldValue ?? '{}')).toEqual({
      nameEn: 'Network and Internet',
      sortOrder: 5,
    });
    expect(JSON.parse(updated?.newValue ?? '{}')).toEqual({ nameEn: 'Networks', sortOrder: 6 });
  });

  it('audits a category change with old and new values', async () => {
    const service = await newService();
    const category = await newCategory(service.id);
    const otherUnit = await createUnit(db.db);
    const response = await request(adminSession, 'PATCH', `/catalogue/categories/${category.id}`, {
      defaultUnitId: otherUnit.id,
      defaultUrgency: 1,
    });
    expect(response.statusCode).toBe(200);
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, category.id), eq(auditLog.action, 'updated')));
    expect(JSON.parse(audit?.oldValue ?? '{}')).toEqual({ defaultUnitId: null, defaultUrgency: 2 });
    expect(JSON.parse(audit?.newValue ?? '{}')).toEqual({
      defaultUnitId: otherUnit.id,
      defaultUrgency: 1,
    });
  });

  it('answers 409 for a service code in use', async () => {
    const service = await newService();
    const before = await tableSizes();
    const response = await request(adminSession, 'POST', '/catalogue/services', {
      code: service.code,
      nameMs: 'Salinan',
      nameEn: 'Copy',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorReply>().error.code).toBe('conflict');
    expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.code']);
    expect(await tableSizes()).toEqual(before);

    const other = await newService();
    const rename = await request(adminSession, 'PATCH', `/catalogue/services/${other.id}`, {
      code: service.code,
    });
    expect(rename.statusCode).toBe(409);
  });

  it('answers 409 for a category code in use', async () => {
    const service = await newService();
    const category = await newCategory(service.id);
    const response = await request(adminSession, 'POST', '/catalogue/categories', {
      serviceId: service.id,
      code: category.code,
      nameMs: 'Salinan',
      nameEn: 'Copy',
    });
    expect(response.statusCode).toBe(409);
    expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.code']);
  });

  it('rejects a default unit that does not exist, naming the field', async () => {
    const before = await tableSizes();
    const response = await request(adminSession, 'POST', '/catalogue/services', {
      code: uniqueCode('SVC'),
      nameMs: 'Tiada unit',
      nameEn: 'No unit',
      defaultUnitId: '00000000-0000-4000-8000-0000000000ff',
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.defaultUnitId']);
    expect(await tableSizes()).toEqual(before);
  });

  it('rejects a deactivated default unit', async () => {
    const unit = await createUnit(db.db);
    await db.db.update(units).set({ active: false }).where(eq(units.id, unit.id));
    const service = await newService();
    const response = await request(adminSession, 'POST', '/catalogue/categories', {
      serviceId: service.id,
      code: uniqueCode('CAT'),
      nameMs: 'A',
      nameEn: 'A',
      defaultUnitId: unit.id,
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorReply>())).toEqual(['body.defaultUnitId']);
  });

  it.each([
    [{ nameMs: 'A', nameEn: 'A' }, 'body.code'],
    [{ code: 'bad code!', nameMs: 'A', nameEn: 'A' }, 'body.code'],
    [{ code: 'OK', nameEn: 'A' }, 'body.nameMs'],
    [{ code: 'OK', nameMs: 'A', nameEn: 'A', sortOrder: 'first' }, 'body.sortOrder'],
    [{ code: 'OK', nameMs: 'A', nameEn: 'A', defaultUnitId: 'unit-1' }, 'body.defaultUnitId'],
    [{ code: 'OK', nameMs: 'A', nameEn: 'A', active: false }, 'body'],
  ])('rejects the service %j naming %s and writes nothing', async (payload, field) => {
    const before = await tableSizes();
    const response = await request(adminSession, 'POST', '/catalogue/services', payload);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
    expect(await tableSizes()).toEqual(before);
  });

  it.each([
    [{ serviceId: '00000000-0000-4000-8000-0000000000ee' }, 'body.serviceId'],
    [{ defaultImpact: 4 }, 'body.defaultImpact'],
    [{ defaultUrgency: 0 }, 'body.defaultUrgency'],
    [{ nameEn: '' }, 'body.nameEn'],
    [{ defaultUnitId: '00000000-0000-4000-8000-0000000000ff' }, 'body.defaultUnitId'],
  ])('rejects the category %j naming %s and writes nothing', async (override, field) => {
    const service = await newService();
    const before = await tableSizes();
    const response = await request(adminSession, 'POST', '/catalogue/categories', {
      serviceId: service.id,
      code: uniqueCode('CAT'),
      nameMs: 'A',
      nameEn: 'A',
      ...override,
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json<ErrorReply>())).toContain(field);
    expect(await tableSizes()).toEqual(before);
  });

  it('rejects an empty change and an unknown id', async () => {
    const service = await newService();
    const empty = await request(adminSession, 'PATCH', `/catalogue/services/${service.id}`, {});
    expect(empty.statusCode).toBe(400);
    const missing = await request(
      adminSession,
      'PATCH',
      '/catalogue/categories/00000000-0000-4000-8000-0000000000dd',
      {
        active: false,
      },
    );
    expect(missing.statusCode).toBe(404);
  });

  it('forbids everyone but administrators to change the catalogue', async () => {
    const service = await newService();
    const category = await newCategory(service.id);
    for (const role of roles.filter((r) => r !== 'admin')) {
      const session = await signIn(app, (await createPerson(db.db, { roles: [role] })).email);
      const before = await tableSizes();
      const attempts = [
        await request(session, 'POST', '/catalogue/services', {
          code: uniqueCode('X'),
          nameMs: 'A',
          nameEn: 'A',
        }),
        await request(session, 'PATCH', `/catalogue/services/${service.id}`, { active: false }),
        await request(session, 'POST', '/catalogue/categories', {
          serviceId: service.id,
          code: uniqueCode('X'),
          nameMs: 'A',
          nameEn: 'A',
        }),
        await request(session, 'PATCH', `/catalogue/categories/${category.id}`, { active: false }),
      ];
      expect(attempts.map((attempt) => attempt.statusCode)).toEqual([403, 403, 403, 403]);
      expect(await tableSizes()).toEqual(before);
    }
  });
});
