/**
 * Input the schemas let through but the database refuses must still come back as a 400 naming the
 * field, never as a 500: an id that names no record, a date or amount beyond what a column holds.
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

  it('a delegation for an approver who does not exist is a 400 naming approverId', async () => {
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

  it('a delegation dated before 1900 is a 400 naming startsOn', async () => {
    const response = await post(api.app, admin, '/api/v1/delegations', {
      delegateId,
      startsOn: '0000-01-01',
      endsOn: '0000-01-02',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('startsOn');
  });

  it('an approval rule beyond the amount column is a 400 naming minValue', async () => {
    const response = await post(api.app, admin, '/api/v1/approval-rules', {
      name: 'Terlalu besar',
      subjectKind: 'facilityLoan',
      minValue: 1e300,
      levels: [{ mode: 'any', approvers: [{ type: 'requesterUnitHead' }] }],
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toContain('minValue');
  });

  it('an approval rule for a unit that does not exist is a 400 naming unitId', async () => {
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

  it('a field the loan form does not have is a 400 naming it', async () => {
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
