/**
 * The survey API over a real database: the single-use link (no sign-in), answer checks that name
 * the question, the follow-up a low score opens and who may see and move it, survey definitions
 * and results by role.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomSecret, sha256 } from '../../activities/identity/principals';
import type { Role } from '../../common/enums';
import {
  satisfactionFollowUpEvents,
  satisfactionFollowUps,
  surveyAnswers,
  surveyInvitations,
  surveyLinks,
} from '../../db/schema';
import { buildTestApp, signIn, type Session, type TestApp } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { get, post } from '../helpers/http';
import { createSurveyFixture, myt } from './fixtures';

const dayMs = 24 * 60 * 60 * 1000;

describe.each(databaseKinds())('survey API on %s', (kind) => {
  let db: TestDatabase;
  let testApp: TestApp;
  let fixture: Awaited<ReturnType<typeof createSurveyFixture>>;
  let surveyId: string;
  const sessions = {} as Record<Role | 'otherHead' | 'head', Session>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    fixture = await createSurveyFixture(db.db, 'SVA');
    surveyId = (await fixture.createSurvey({ code: 'UJIAN' })).id;
    testApp = await buildTestApp({ db });
    for (const role of ['customer', 'manager', 'admin'] as Role[]) {
      const person = await createPerson(db.db, { roles: [role] });
      sessions[role] = await signIn(testApp.app, person.email);
    }
    sessions.head = await signIn(testApp.app, fixture.head.email);
    const otherUnit = await createUnit(db.db);
    const otherHead = await createPerson(db.db, { roles: ['supervisor'], headOf: [otherUnit.id] });
    sessions.otherHead = await signIn(testApp.app, otherHead.email);
  }, 120_000);

  afterAll(async () => {
    await testApp?.app.close();
    await db?.destroy();
  });

  /** Stores an invitation of a new resolved case with an invitation and a reminder link. */
  async function invite(expiresAt = new Date(Date.now() + 7 * dayMs)) {
    const caseRow = await fixture.resolvedCase('2026-06-10 09:00');
    const [invitation] = await db.db
      .insert(surveyInvitations)
      .values({
        surveyId,
        caseId: caseRow.id,
        personId: fixture.requester.id,
        sentAt: myt('2026-06-10 12:00'),
        reminderDueAt: myt('2026-06-13 12:00'),
        expiresAt,
      })
      .returning();
    const token = randomSecret();
    const reminderToken = randomSecret();
    await db.db.insert(surveyLinks).values([
      { tokenHash: sha256(token), invitationId: invitation!.id, purpose: 'invitation' },
      { tokenHash: sha256(reminderToken), invitationId: invitation!.id, purpose: 'reminder' },
    ]);
    return { invitation: invitation!, token, reminderToken, caseRow };
  }

  function answer(token: string, answers: unknown[]) {
    return post(testApp.app, null, `/api/v1/surveys/respond/${token}`, { answers });
  }

  it('link shows survey without sign-in', async () => {
    const { token, caseRow } = await invite();
    const response = await get(testApp.app, null, `/api/v1/surveys/respond/${token}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      reference: caseRow.reference,
      nameMs: 'Kepuasan pelanggan',
      answered: false,
      expired: false,
    });
    expect(response.json().questions.map((q: { id: string }) => q.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('unknown link gives 404', async () => {
    const response = await get(testApp.app, null, `/api/v1/surveys/respond/${randomSecret()}`);
    expect(response.statusCode).toBe(404);
  });

  it.each([
    ['score out of range', [{ questionId: 'q1', score: 7 }], 'answers.q1'],
    ['required question missing', [{ questionId: 'q3', text: 'Baik' }], 'answers.q1'],
    [
      'choice not offered',
      [
        { questionId: 'q1', score: 4 },
        { questionId: 'q2', choice: 'fax' },
      ],
      'answers.q2',
    ],
    ['wrong kind of answer', [{ questionId: 'q1', text: 'lima' }], 'answers.q1'],
    [
      'unknown question',
      [
        { questionId: 'q1', score: 4 },
        { questionId: 'q9', score: 4 },
      ],
      'answers.q9',
    ],
  ])('bad answer (%s) gives 400 naming it', async (_case, answers, field) => {
    const { token, invitation } = await invite();
    const response = await answer(token, answers);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.json().error.details.map((issue: { field: string }) => issue.field)).toContain(
      field,
    );
    const stored = await db.db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.invitationId, invitation.id));
    expect(stored).toHaveLength(0);
    const [row] = await db.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.id, invitation.id));
    expect(row!.answeredAt).toBeNull();
  });

  it('link used twice is refused', async () => {
    const { token, reminderToken, invitation } = await invite();
    const first = await answer(token, [
      { questionId: 'q1', score: 5 },
      { questionId: 'q2', choice: 'portal' },
      { questionId: 'q3', text: 'Pantas' },
    ]);
    expect(first.statusCode, first.body).toBe(204);
    const again = await answer(token, [{ questionId: 'q1', score: 4 }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('survey_closed');
    const reminder = await answer(reminderToken, [{ questionId: 'q1', score: 4 }]);
    expect(reminder.statusCode).toBe(409);

    const stored = await db.db
      .select()
      .from(surveyAnswers)
      .where(eq(surveyAnswers.invitationId, invitation.id));
    expect(stored).toHaveLength(3);
    const shown = await get(testApp.app, null, `/api/v1/surveys/respond/${token}`);
    expect(shown.json().answered).toBe(true);
  });

  it('expired link is refused', async () => {
    const { token } = await invite(new Date(Date.now() - 1000));
    const response = await answer(token, [{ questionId: 'q1', score: 4 }]);
    expect(response.statusCode).toBe(409);
  });

  it('high score opens no follow-up', async () => {
    const { token, caseRow } = await invite();
    expect((await answer(token, [{ questionId: 'q1', score: 3 }])).statusCode).toBe(204);
    const rows = await db.db
      .select()
      .from(satisfactionFollowUps)
      .where(eq(satisfactionFollowUps.caseId, caseRow.id));
    expect(rows).toHaveLength(0);
  });

  it('low score follow-up goes open to closed', async () => {
    const { token, caseRow } = await invite();
    const submitted = await answer(token, [
      { questionId: 'q1', score: 1 },
      { questionId: 'q3', text: 'Tiada maklum balas' },
    ]);
    expect(submitted.statusCode, submitted.body).toBe(204);

    const list = await get(testApp.app, sessions.head, '/api/v1/follow-ups?status=open');
    expect(list.statusCode, list.body).toBe(200);
    const followUp = list
      .json()
      .items.find((item: { caseId: string }) => item.caseId === caseRow.id);
    expect(followUp).toMatchObject({
      source: 'survey',
      score: 1,
      comment: 'Tiada maklum balas',
      status: 'open',
    });
    const url = `/api/v1/follow-ups/${followUp.id}`;

    const skipped = await post(testApp.app, sessions.head, `${url}/status`, {
      status: 'closed',
      note: 'Terus tutup',
    });
    expect(skipped.statusCode).toBe(409);
    const started = await post(testApp.app, sessions.head, `${url}/status`, {
      status: 'in_progress',
    });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe('in_progress');

    const withoutNote = await post(testApp.app, sessions.head, `${url}/status`, {
      status: 'closed',
    });
    expect(withoutNote.statusCode).toBe(400);
    expect(JSON.stringify(withoutNote.json().error.details)).toContain('note');

    const closed = await post(testApp.app, sessions.head, `${url}/status`, {
      status: 'closed',
      note: 'Pelanggan dihubungi; rangkaian dibaiki',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      closingNote: 'Pelanggan dihubungi; rangkaian dibaiki',
    });
    const events = await db.db
      .select()
      .from(satisfactionFollowUpEvents)
      .where(eq(satisfactionFollowUpEvents.followUpId, followUp.id));
    expect(events.map((event) => event.toStatus).sort()).toEqual(
      ['closed', 'in_progress', 'open'].sort(),
    );
  });

  it('follow-up hidden from others', async () => {
    const { token, caseRow } = await invite();
    await answer(token, [{ questionId: 'q1', score: 2 }]);
    const [followUp] = await db.db
      .select()
      .from(satisfactionFollowUps)
      .where(eq(satisfactionFollowUps.caseId, caseRow.id));
    const url = `/api/v1/follow-ups/${followUp!.id}`;

    for (const who of ['otherHead', 'customer'] as const) {
      const read = await get(testApp.app, sessions[who], url);
      expect(read.statusCode, who).toBe(404);
      const move = await post(testApp.app, sessions[who], `${url}/status`, {
        status: 'in_progress',
      });
      expect(move.statusCode, who).toBe(404);
    }
    const otherList = await get(testApp.app, sessions.otherHead, '/api/v1/follow-ups');
    expect(otherList.json().items).toHaveLength(0);
    expect((await get(testApp.app, sessions.customer, '/api/v1/follow-ups')).statusCode).toBe(403);
    expect((await get(testApp.app, sessions.manager, url)).statusCode).toBe(200);
  });

  it('only admin creates surveys', async () => {
    const body = {
      code: 'PERALATAN',
      nameMs: 'Peralatan',
      nameEn: 'Equipment',
      samplingPercent: 25,
      questions: [{ id: 'q1', kind: 'scale', textMs: 'Mutu', textEn: 'Quality' }],
    };
    const denied = await post(testApp.app, sessions.manager, '/api/v1/surveys', body);
    expect(denied.statusCode).toBe(403);
    const created = await post(testApp.app, sessions.admin, '/api/v1/surveys', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ samplingPercent: 25, reminderAfterHours: 72 });
    const duplicate = await post(testApp.app, sessions.admin, '/api/v1/surveys', body);
    expect(duplicate.statusCode).toBe(409);

    // A change of one field leaves the others as they are.
    const renamed = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/v1/surveys/${created.json<{ id: string }>().id}`,
      headers: sessions.admin.headers,
      payload: { nameMs: 'Peralatan ICT' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      nameMs: 'Peralatan ICT',
      samplingPercent: 25,
      active: true,
    });

    const list = await get(testApp.app, sessions.manager, '/api/v1/surveys');
    expect(list.json().items.map((item: { code: string }) => item.code)).toContain('PERALATAN');
    expect((await get(testApp.app, sessions.customer, '/api/v1/surveys')).statusCode).toBe(403);
  });

  it('choice without options gives 400', async () => {
    const response = await post(testApp.app, sessions.admin, '/api/v1/surveys', {
      code: 'SALAH',
      nameMs: 'Salah',
      nameEn: 'Wrong',
      questions: [{ id: 'q1', kind: 'choice', textMs: 'Pilih', textEn: 'Pick' }],
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('questions.0.options');
  });

  it('results per question, service, unit, technician', async () => {
    const response = await get(
      testApp.app,
      sessions.manager,
      `/api/v1/surveys/${surveyId}/results`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json();
    // Answered earlier in this file: scores 5, 3, 1 and 2.
    expect(results.responses).toBe(4);
    const q1 = results.questions.find((q: { questionId: string }) => q.questionId === 'q1');
    expect(q1).toMatchObject({ answers: 4, meanScore: 2.75, counts: { 1: 1, 2: 1, 3: 1, 5: 1 } });
    const q2 = results.questions.find((q: { questionId: string }) => q.questionId === 'q2');
    expect(q2).toMatchObject({ answers: 1, meanScore: null, counts: { portal: 1 } });
    expect(results.byService).toEqual([
      {
        key: fixture.service.id,
        labelMs: 'Rangkaian',
        labelEn: 'Network',
        responses: 4,
        meanScore: 2.75,
      },
    ]);
    expect(results.byUnit[0]).toMatchObject({ key: fixture.unit.id, responses: 4 });
    expect(results.byTechnician[0]).toMatchObject({ key: fixture.technician.id, responses: 4 });
    expect(
      (await get(testApp.app, sessions.head, `/api/v1/surveys/${surveyId}/results`)).statusCode,
    ).toBe(403);
  });
});
