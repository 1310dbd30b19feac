/**
 * Input that passes the schemas but that the database rejects gets a 400 naming the field, not a
 * 500. Examples are an id that names no record and a date or amount beyond what a column holds.
 * These requests fail before any workflow starts, so no Temporal server is needed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDelegations } from '../../db/schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson } from '../helpers/factories';
import { post } from '../helpers/http';

describe.each(databaseKinds())('database refusals on %s', (kind) => {
  let db: TestDatabase;
  let api: TestApp;
  let admin: Session;
  let delegateId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const adminPerson = await createPerson(db.db, { roles: ['admin'] });
    delegateId = (await createPerson(db.db, { roles: ['supervisor'] })).id;
    api = await buildTestApp({ db });
    admin = await signIn(api.app, adminPerson.email);
  });

  afterAll(async () => {
    await api?.app.close();
    await db?.destroy();
  });

  it('delegation with unknown approver', async () => {
    const response = await post(api.app, admin, '/api/v1/delegations', {
      approverId: randomUUID(),
      delegateId,
      startsOn: '2027-01-04',
      endsOn: '2027-01-08',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'body.approverId', message: 'names no record' },
    ]);
    expect(await db.db.select().from(approvalDelegations)).toEqual([]);
  });

  it('delegation dated before 1900', async () => {
    const response = await post(api.app, admin, '/api/v1/delegations', {
      delegateId,
      startsOn: '0000-01-01',
      endsOn: '0000-01-02',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('startsOn');
  });

  it('rule amount beyond column', async () => {
    const response = await post(api.app, admin, '/api/v1/approval-rules', {
      name: 'Terlalu besar',
      subjectKind: 'facilityLoan',
      minValue: 1e300,
      levels: [{ mode: 'any', approvers: [{ type: 'requesterUnitHead' }] }],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('minValue');
  });

  it('rule with unknown unit', async () => {
    const response = await post(api.app, admin, '/api/v1/approval-rules', {
      name: 'Unit hilang',
      subjectKind: 'facilityLoan',
      unitId: randomUUID(),
      levels: [{ mode: 'any', approvers: [{ type: 'requesterUnitHead' }] }],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'body.unitId', message: 'names no record' },
    ]);
  });

  it('loan with unknown field', async () => {
    const customer = await createPerson(db.db, { roles: ['customer'] });
    const session = await signIn(api.app, customer.email);
    const response = await post(api.app, session, '/api/v1/loans', {
      resourceId: randomUUID(),
      startsAt: '2027-01-04T09:00:00+08:00',
      endsAt: '2027-01-04T12:00:00+08:00',
      purpose: 'Kuliah',
      termsAccepted: true,
      status: 'approved',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('body');
  });
});
