/**
 * The complaint activities against real databases (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set): idempotent step writes, deadlines from sla_targets, and the
 * notification outbox with and without a mailer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createActivities, type ComplaintActivities } from '../../activities';
import type { ComplaintInput } from '../../common/complaint';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import {
  attachments,
  caseHistory,
  caseMessages,
  cases,
  knowledgeDrafts,
  notifications,
  people,
  ratingTokens,
  slaTargets,
  unitMembers,
  units,
} from '../../db/schema';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';

const logger = createLogger('silent');
const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://khidmat.example.my/' });

interface SentMail {
  to: string;
  subject: string;
  text: string;
}

describe.each(databaseKinds())('complaint activities on %s', (kind) => {
  let database: TestDatabase;
  let activities: ComplaintActivities;
  let requesterId: string;
  let headId: string;
  let unitId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    activities = createActivities({ db: database.db, config, logger });
    await database.db.insert(slaTargets).values([
      { priority: 1, nameMs: 'P1', nameEn: 'P1', firstResponseMinutes: 30, resolutionMinutes: 240 },
      {
        priority: 2,
        nameMs: 'P2',
        nameEn: 'P2',
        firstResponseMinutes: 120,
        resolutionMinutes: 1440,
      },
    ]);
    const [unit] = await database.db
      .insert(units)
      .values({ code: 'RANGKAIAN', nameMs: 'Unit Rangkaian', nameEn: 'Network Unit' })
      .returning();
    const [requester, head] = await database.db
      .insert(people)
      .values([
        { email: 'pelanggan@test.khidmat.invalid', name: 'Siti Pelanggan', language: 'en' },
        { email: 'ketua@test.khidmat.invalid', name: 'Ketua Unit', roles: ['supervisor'] },
      ])
      .returning();
    if (!unit || !requester || !head) throw new Error('seed rows missing');
    await database.db
      .insert(unitMembers)
      .values({ unitId: unit.id, personId: head.id, role: 'head' });
    requesterId = requester.id;
    headId = head.id;
    unitId = unit.id;
  });

  afterAll(async () => {
    await database?.destroy();
  });

  async function openCase(attachmentIds: string[] = []): Promise<string> {
    const caseId = randomUUID();
    const input: ComplaintInput = {
      caseId,
      reference: `ADU-2026-${caseId.slice(0, 6)}`,
      title: 'E-mel tidak diterima',
      description: 'Tiada e-mel masuk sejak semalam.',
      channel: 'email',
      requesterId,
      createdById: requesterId,
      serviceId: null,
      categoryId: null,
      impact: 2,
      urgency: 1,
      unitId,
      attachmentIds,
      openedAt: '2026-03-02T01:00:00.000Z',
      confirmationWindowMs: 1000,
      warningShare: 0.75,
    };
    const deadlines = await activities.computeDeadlines({
      caseId,
      openedAt: input.openedAt,
      priority: 2,
      pausedMs: 0,
      warningShare: 0.75,
    });
    const first = await activities.recordOpened({
      input,
      workflowId: `complaint-${input.reference}`,
      at: input.openedAt,
      priority: 2,
      deadlines,
    });
    const retried = await activities.recordOpened({
      input,
      workflowId: `complaint-${input.reference}`,
      at: input.openedAt,
      priority: 2,
      deadlines,
    });
    expect(first.written).toBe(true);
    expect(retried.written).toBe(false);
    return caseId;
  }

  test('deadlines follow sla_targets and the pause', async () => {
    const deadlines = await activities.computeDeadlines({
      caseId: randomUUID(),
      openedAt: '2026-03-02T01:00:00.000Z',
      priority: 1,
      pausedMs: 10 * 60_000,
      warningShare: 0.75,
    });
    expect(deadlines.firstResponse).toEqual({
      targetMs: 30 * 60_000,
      warnAt: '2026-03-02T01:32:30.000Z',
      warnAts: ['2026-03-02T01:32:30.000Z'],
      dueAt: '2026-03-02T01:40:00.000Z',
    });
    // Working time from 09:10 in Malaysia: 230 minutes until 13:00, then 10 after lunch.
    expect(deadlines.resolution?.dueAt).toBe('2026-03-02T06:10:00.000Z');
  });

  test('priority without target has no deadlines', async () => {
    const deadlines = await activities.computeDeadlines({
      caseId: randomUUID(),
      openedAt: '2026-03-02T01:00:00.000Z',
      priority: 4,
      pausedMs: 0,
      warningShare: 0.75,
    });
    expect(deadlines).toEqual({ firstResponse: null, resolution: null });
  });

  test('opening links attachments and writes once', async () => {
    const [attachment] = await database.db
      .insert(attachments)
      .values({
        fileName: 'ralat.png',
        contentType: 'image/png',
        sizeBytes: 1234,
        sha256: 'a'.repeat(64),
        uploadedById: requesterId,
      })
      .returning();
    const caseId = await openCase([attachment?.id ?? '']);
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.status).toBe('new');
    expect(row?.lastStep).toBe(1);
    expect(row?.firstResponseDueAt?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    const history = await database.db
      .select()
      .from(caseHistory)
      .where(eq(caseHistory.caseId, caseId));
    expect(history.map((entry) => entry.action)).toEqual(['opened', 'status']);
    const [linked] = await database.db
      .select()
      .from(attachments)
      .where(eq(attachments.id, attachment?.id ?? ''));
    expect(linked?.caseId).toBe(caseId);
  });

  test('openCase retried writes once', async () => {
    const caseId = randomUUID();
    const request = {
      deadlines: {
        caseId,
        openedAt: '2026-03-02T01:00:00.000Z',
        priority: 2 as const,
        pausedMs: 0,
        warningShare: 0.75,
      },
      record: {
        input: {
          caseId,
          reference: `ADU-2026-${caseId.slice(0, 6)}`,
          title: 'Pencetak tidak berfungsi',
          description: 'Pencetak aras 2 tidak mencetak sejak pagi.',
          channel: 'portal' as const,
          requesterId,
          createdById: requesterId,
          serviceId: null,
          categoryId: null,
          impact: 2 as const,
          urgency: 2 as const,
          unitId,
          attachmentIds: [],
          openedAt: '2026-03-02T01:00:00.000Z',
          confirmationWindowMs: 1000,
          warningShare: 0.75,
        },
        workflowId: `complaint-${caseId}`,
        at: '2026-03-02T01:00:00.000Z',
        priority: 2 as const,
      },
    };

    const first = await activities.openCase(request);
    const retried = await activities.openCase(request);

    expect(retried).toEqual(first);
    expect(first.firstResponse?.dueAt).toBe('2026-03-02T03:00:00.000Z');
    const rows = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.firstResponseDueAt?.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    const history = await database.db
      .select()
      .from(caseHistory)
      .where(eq(caseHistory.caseId, caseId));
    expect(history.map((entry) => entry.action)).toEqual(['opened', 'status']);
  });

  test('step retried writes once', async () => {
    const caseId = await openCase();
    const step = {
      caseId,
      step: 2,
      at: '2026-03-02T01:10:00.000Z',
      actorId: headId,
      changes: { status: 'in_progress' as const, workMinutes: 20 },
      history: [
        { action: 'work_logged' },
        { action: 'status', field: 'status', oldValue: 'assigned', newValue: 'in_progress' },
      ],
      message: {
        kind: 'work_log' as const,
        visibility: 'internal' as const,
        body: 'Semak pelayan e-mel',
        minutes: 20,
        attachmentIds: [],
      },
      finding: { title: 'Kuota peti mel penuh', body: 'Kosongkan folder sampah.' },
    };
    expect((await activities.recordStep(step)).written).toBe(true);
    expect((await activities.recordStep(step)).written).toBe(false);
    // An older step arriving late changes nothing.
    expect(
      (await activities.recordStep({ ...step, step: 1, changes: { status: 'new' } })).written,
    ).toBe(false);

    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.status).toBe('in_progress');
    expect(row?.workMinutes).toBe(20);
    expect(row?.lastStep).toBe(2);
    const history = await database.db
      .select()
      .from(caseHistory)
      .where(eq(caseHistory.caseId, caseId));
    expect(history).toHaveLength(4);
    const timeline = await database.db
      .select()
      .from(caseMessages)
      .where(eq(caseMessages.caseId, caseId));
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.minutes).toBe(20);
    const drafts = await database.db
      .select()
      .from(knowledgeDrafts)
      .where(eq(knowledgeDrafts.caseId, caseId));
    expect(drafts).toHaveLength(1);
  });

  test('step for missing case fails without retry', async () => {
    await expect(
      activities.recordStep({
        caseId: randomUUID(),
        step: 2,
        at: '2026-03-02T01:10:00.000Z',
        actorId: null,
        changes: {},
        history: [],
      }),
    ).rejects.toMatchObject({ type: 'case_not_found', nonRetryable: true });
  });

  test('notification recorded once in the recipient language', async () => {
    const caseId = await openCase();
    const request = {
      template: 'acknowledgement' as const,
      caseId,
      audience: 'requester' as const,
      key: 'step:1:acknowledgement',
      at: '2026-03-02T01:00:00.000Z',
    };
    expect(await activities.notify(request)).toMatchObject({ recipients: 1, recorded: 1 });
    expect(await activities.notify(request)).toMatchObject({
      recipients: 1,
      skipped: 1,
      recorded: 0,
    });
    const rows = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.caseId, caseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('recorded');
    expect(rows[0]?.language).toBe('en');
    expect(rows[0]?.subject).toMatch(/^Complaint ADU-2026-\w+ received$/);
  });

  test('SLA watchers are the unit heads without an assignee', async () => {
    const caseId = await openCase();
    await activities.notify({
      template: 'slaWarning',
      caseId,
      audience: 'watchers',
      key: 'step:2:slaWarning',
      at: '2026-03-02T01:30:00.000Z',
      target: 'firstResponse',
      dueAt: '2026-03-02T03:00:00.000Z',
    });
    const [row] = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.caseId, caseId));
    expect(row?.recipientId).toBe(headId);
    expect(row?.language).toBe('ms');
    expect(row?.bodyText).toContain('maklum balas pertama');
    // 03:00 UTC is 11:00 in Malaysia.
    expect(row?.bodyText).toContain('02/03/2026 11:00');
  });

  test('resolution mail carries a single-use rating link', async () => {
    const sent: SentMail[] = [];
    const mailer = nodemailer.createTransport({
      name: 'capture',
      version: '1',
      send: (mail, callback) => {
        const data = mail.data as SentMail;
        sent.push({ to: data.to, subject: data.subject, text: data.text });
        callback(null, { envelope: mail.message.getEnvelope(), messageId: '<ujian@khidmat>' });
      },
    });
    const mailing = createActivities({ db: database.db, config, logger, mailer });
    const caseId = await openCase();
    const result = await mailing.notify({
      template: 'resolved',
      caseId,
      audience: 'requester',
      key: 'step:5:resolved',
      at: '2026-03-02T04:00:00.000Z',
      body: 'Kuota peti mel ditambah.',
      closesAt: '2026-03-07T04:00:00.000Z',
      ratingExpiresAt: '2026-03-21T04:00:00.000Z',
    });
    expect(result.sent).toBe(1);
    expect(sent).toHaveLength(1);
    const link = /https:\/\/khidmat\.example\.my\/rate\/([A-Za-z0-9_-]{43})/.exec(
      sent[0]?.text ?? '',
    );
    expect(link).not.toBeNull();
    const tokenHash = createHash('sha256')
      .update(link?.[1] ?? '')
      .digest('hex');
    const [token] = await database.db
      .select()
      .from(ratingTokens)
      .where(and(eq(ratingTokens.caseId, caseId), eq(ratingTokens.tokenHash, tokenHash)));
    expect(token?.expiresAt.toISOString()).toBe('2026-03-21T04:00:00.000Z');
    const [row] = await database.db
      .select()
      .from(notifications)
      .where(eq(notifications.caseId, caseId));
    expect(row?.status).toBe('sent');
    expect(row?.messageId).toBe('<ujian@khidmat>');
    expect(row?.bodyText).not.toContain(link?.[1] ?? '');
    expect(JSON.stringify(row?.data)).not.toContain(link?.[1] ?? '');
  });
});
