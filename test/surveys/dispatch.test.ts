/**
 * The surveyDispatch workflow on the time-skipping test server with the real activities over
 * PGlite: which resolved cases get a survey (category and sampling), the one reminder, no second
 * send, and the follow-up of a low case rating. Times are Malaysian time (UTC+8).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { and, eq, like } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createActivities } from '../../activities';
import { sha256 } from '../../activities/identity/principals';
import { isSampled } from '../../activities/surveys/dispatch';
import {
  ensureSurveyDispatchSchedule,
  surveyDispatchScheduleId,
} from '../../activities/surveys/schedule';
import { findSurveyLink } from '../../activities/surveys/responses';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import {
  cases,
  notifications,
  satisfactionFollowUpEvents,
  satisfactionFollowUps,
  surveyInvitations,
} from '../../db/schema';
import type { SurveyDispatchResult } from '../../workflows/survey-dispatch';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createDevServerEnv, createTimeSkippingEnv } from '../helpers/temporal';
import { createSurveyFixture, myt } from './fixtures';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');

describe('surveyDispatch workflow', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let taskQueue: string;
  let fixture: Awaited<ReturnType<typeof createSurveyFixture>>;
  let everyCase: string;
  let sampled: string;
  const mailer = nodemailer.createTransport({ jsonTransport: true });
  const sendMail = vi.spyOn(mailer, 'sendMail');
  const wifiCaseIds: string[] = [];
  let emailCaseId: string;
  let oldCaseId: string;
  let lowRatedCaseId: string;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    database = await openTestDatabase('pglite');
    const db = database.db;
    fixture = await createSurveyFixture(db, 'SVD');
    // One survey for every resolved case, one for half of the Wi-Fi cases only.
    everyCase = (await fixture.createSurvey({ code: 'SEMUA', reminderAfterHours: 72 })).id;
    sampled = (
      await fixture.createSurvey({
        code: 'SAMPEL',
        samplingPercent: 50,
        categoryIds: [fixture.wifi.id],
        active: true,
      })
    ).id;
    await fixture.createSurvey({ code: 'LAMA', active: false });

    for (let index = 0; index < 20; index += 1) {
      wifiCaseIds.push((await fixture.resolvedCase('2026-06-10 09:00')).id);
    }
    emailCaseId = (await fixture.resolvedCase('2026-06-10 10:00', { categoryId: fixture.email.id }))
      .id;
    // Resolved before the lookback window of seven days, and before the surveys existed.
    oldCaseId = (await fixture.resolvedCase('2026-05-20 10:00')).id;
    lowRatedCaseId = (await fixture.resolvedCase('2026-06-09 10:00')).id;
    await db
      .update(cases)
      .set({ rating: 2, ratingComment: 'Lambat', ratedAt: myt('2026-06-10 08:00') })
      .where(eq(cases.id, lowRatedCaseId));

    env = await createTimeSkippingEnv();
    taskQueue = `survey-test-${randomUUID()}`;
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({
        db,
        config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }),
        logger,
        mailer,
      }),
      logger,
      workflowBundle: await bundleWorkflows(logger),
    });
    running = worker.run();
  }, 180_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await database?.destroy();
  });

  function dispatch(local: string): Promise<SurveyDispatchResult> {
    return env.client.workflow.execute('surveyDispatch', {
      workflowId: `survey-dispatch-${randomUUID()}`,
      taskQueue,
      args: [{ at: myt(local).toISOString() }],
    });
  }

  function invitationsOf(surveyId: string) {
    return database.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.surveyId, surveyId));
  }

  it('first run invites matching sampled cases', async () => {
    const wifiCandidates = [...wifiCaseIds, lowRatedCaseId];
    const expectedSample = wifiCandidates.filter((id) => isSampled(sampled, id, 50));
    // The fixture relies on the hash choosing some cases and leaving others out.
    expect(expectedSample.length).toBeGreaterThan(0);
    expect(expectedSample.length).toBeLessThan(wifiCandidates.length);

    const result = await dispatch('2026-06-10 12:00');
    const allCases = wifiCaseIds.length + 2;
    expect(result.invitations).toEqual({
      sent: allCases + expectedSample.length,
      recorded: 0,
      skipped: 0,
      failed: 0,
    });

    const every = await invitationsOf(everyCase);
    expect(every.map((row) => row.caseId).sort()).toEqual(
      [...wifiCaseIds, emailCaseId, lowRatedCaseId].sort(),
    );
    expect(every.map((row) => row.caseId)).not.toContain(oldCaseId);
    const sample = await invitationsOf(sampled);
    expect(sample.map((row) => row.caseId).sort()).toEqual([...expectedSample].sort());
  });

  it('invitation e-mail carries a working link', async () => {
    const [invitation] = await invitationsOf(everyCase);
    const stored = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `survey:${invitation!.id}:invitation`));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('sent');
    expect(stored[0]!.language).toBe('en');
    // The outbox keeps the text without the token.
    expect(stored[0]!.bodyText).toContain('/survey/…');

    const sent = sendMail.mock.calls
      .map(([message]) => message)
      .find((message) => message.subject === stored[0]!.subject);
    const sentText = typeof sent?.text === 'string' ? sent.text : '';
    expect(sentText).toContain('This link can be used once');
    const token = /\/survey\/([A-Za-z0-9_-]+)/.exec(sentText)?.[1];
    expect(token).toBeDefined();
    const link = await findSurveyLink(database.db, sha256(token!));
    expect(link?.invitationId).toBeDefined();
  });

  it('low rating opens one follow-up', async () => {
    const rows = await database.db
      .select()
      .from(satisfactionFollowUps)
      .where(eq(satisfactionFollowUps.caseId, lowRatedCaseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'rating',
      score: 2,
      comment: 'Lambat',
      status: 'open',
      unitId: fixture.unit.id,
    });
    expect(rows[0]!.notifiedAt).not.toBeNull();
    const alert = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.idempotencyKey, `follow-up:${rows[0]!.id}:${fixture.head.id}`));
    expect(alert).toHaveLength(1);
    expect(alert[0]!.subject).toContain('dinilai 2/5');
    const events = await database.db
      .select()
      .from(satisfactionFollowUpEvents)
      .where(eq(satisfactionFollowUpEvents.followUpId, rows[0]!.id));
    expect(events.map((event) => event.toStatus)).toEqual(['open']);
  });

  it('second run sends nothing again', async () => {
    const before = await database.db.select({ id: notifications.id }).from(notifications);
    const result = await dispatch('2026-06-10 13:00');
    expect(result).toEqual({
      invitations: { sent: 0, recorded: 0, skipped: 0, failed: 0 },
      reminders: { sent: 0, recorded: 0, skipped: 0, failed: 0 },
      followUpsOpened: 0,
      followUpsNotified: 0,
    });
    const after = await database.db.select({ id: notifications.id }).from(notifications);
    expect(after).toHaveLength(before.length);
  });

  it('reminder is sent once to unanswered invitations', async () => {
    const every = await invitationsOf(everyCase);
    const answered = every[0]!;
    await database.db
      .update(surveyInvitations)
      .set({ answeredAt: myt('2026-06-11 09:00') })
      .where(eq(surveyInvitations.id, answered.id));
    const invited = every.length + (await invitationsOf(sampled)).length;

    // 72 hours after 12:00 on 10 June, the reminders are due.
    const early = await dispatch('2026-06-13 11:00');
    expect(early.reminders.sent).toBe(0);
    const due = await dispatch('2026-06-13 12:00');
    expect(due.reminders).toEqual({ sent: invited - 1, recorded: 0, skipped: 0, failed: 0 });
    const again = await dispatch('2026-06-14 12:00');
    expect(again.reminders.sent).toBe(0);

    const reminders = await database.db
      .select({ key: notifications.idempotencyKey })
      .from(notifications)
      .where(like(notifications.idempotencyKey, 'survey:%:reminder'));
    expect(reminders).toHaveLength(invited - 1);
    expect(reminders.map((row) => row.key)).not.toContain(`survey:${answered.id}:reminder`);
  });

  it('case resolved later is invited once', async () => {
    const late = await fixture.resolvedCase('2026-06-14 15:00');
    await dispatch('2026-06-14 16:00');
    await dispatch('2026-06-14 17:00');
    const rows = await database.db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.caseId, late.id), eq(surveyInvitations.surveyId, everyCase)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sentAt?.toISOString()).toBe(myt('2026-06-14 16:00').toISOString());
  });
});

describe('survey dispatch schedule', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    env = await createDevServerEnv();
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('is created once and updated after', async () => {
    expect(await ensureSurveyDispatchSchedule(env.client, 'khidmat-test', logger)).toBe('created');
    expect(await ensureSurveyDispatchSchedule(env.client, 'khidmat-test', logger)).toBe('updated');
    const description = await env.client.schedule.getHandle(surveyDispatchScheduleId).describe();
    expect(description.spec.intervals?.[0]).toMatchObject({ every: 3_600_000, offset: 300_000 });
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'surveyDispatch',
      taskQueue: 'khidmat-test',
    });
  });
});
