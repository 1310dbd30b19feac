/**
 * The reportMailing workflow on the time-skipping test server with the real activities over
 * PGlite, sending through a real SMTP server on 127.0.0.1. Nothing is sent before the month's first
 * working day, which a holiday and a weekend push to 4 January 2027. That day each subscriber gets
 * one e-mail with the report of the period just ended, in their language and format, counted by
 * hand. A repeated run sends nothing twice. Times are Malaysian time (UTC+8).
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { sendReportMailing } from '../../activities/reports/mailing';
import {
  ensureReportMailingSchedule,
  reportMailingScheduleId,
} from '../../activities/reports/mailing-schedule';
import { periodsEndingBefore } from '../../activities/reports/mailing-periods';
import {
  cancelReportSubscription,
  createReportSubscription,
  type NewReportSubscription,
} from '../../activities/reports/subscriptions';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../common/logger';
import { calendarHolidays, campuses, cases, units } from '../../db/schema';
import type { ReportMailingResult } from '../../workflows/report-mailing';
import { bundleWorkflows, createWorker } from '../../worker/create';
import { installRuntimeLogger } from '../../worker/runtime-logger';
import { openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { createDevServerEnv, createTimeSkippingEnv } from '../helpers/temporal';
import { startSmtpSink, type SmtpSink } from '../mail/harness';
import { insertOfficeCalendar } from '../sla/calendars';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'error');
const myt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('report periods', () => {
  it('january closes a month, a quarter and a year', () => {
    expect(periodsEndingBefore('2027-01-04')).toEqual([
      { kind: 'monthly', from: '2026-12-01', to: '2026-12-31' },
      { kind: 'quarterly', from: '2026-10-01', to: '2026-12-31' },
      { kind: 'annual', from: '2026-01-01', to: '2026-12-31' },
    ]);
  });

  it('other months close a month, quarters every third', () => {
    expect(periodsEndingBefore('2028-03-01')).toEqual([
      { kind: 'monthly', from: '2028-02-01', to: '2028-02-29' },
    ]);
    expect(periodsEndingBefore('2027-07-01')).toEqual([
      { kind: 'monthly', from: '2027-06-01', to: '2027-06-30' },
      { kind: 'quarterly', from: '2027-04-01', to: '2027-06-30' },
    ]);
  });
});

describe('reportMailing workflow', () => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let taskQueue: string;
  let sink: SmtpSink;
  const mailer: { current: Transporter | null } = { current: null };
  const people = {} as Record<'manager' | 'supervisor' | 'admin' | 'auditor' | 'customer', string>;
  const addresses = {} as Record<keyof typeof people, string>;
  const subscriptionIds = {} as Record<string, string>;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    database = await openTestDatabase('pglite');
    const db = database.db;
    const calendarId = await insertOfficeCalendar(db);
    // A one-off holiday on Friday 1 January 2027; with the weekend after it, the first working
    // day of January is Monday the 4th.
    await db.insert(calendarHolidays).values({
      calendarId,
      date: '2027-01-01',
      nameMs: 'Cuti peristiwa',
      nameEn: 'Special holiday',
      kind: 'one_off',
      confirmed: true,
    });
    const unitA = await createUnit(db, 'MAIL-A');
    const unitB = await createUnit(db, 'MAIL-B');
    const [johor] = await db
      .insert(campuses)
      .values({ code: 'JB', nameMs: 'Johor Bahru', nameEn: 'Johor Bahru' })
      .returning();
    await db.update(units).set({ campusId: johor!.id }).where(eq(units.id, unitA.id));

    const cast = {
      manager: await createPerson(db, { roles: ['manager'], language: 'ms' }),
      supervisor: await createPerson(db, {
        roles: ['supervisor'],
        headOf: [unitA.id],
        language: 'en',
      }),
      admin: await createPerson(db, { roles: ['admin'], language: 'en' }),
      auditor: await createPerson(db, { roles: ['auditor'] }),
      customer: await createPerson(db, { roles: ['customer'] }),
    };
    for (const [name, person] of Object.entries(cast)) {
      people[name as keyof typeof people] = person.id;
      addresses[name as keyof typeof people] = person.email;
    }

    const base = {
      description: 'Kes ujian laporan berlangganan',
      status: 'in_progress',
      channel: 'portal',
      priority: 3,
      impact: 2,
      urgency: 2,
      requesterId: cast.customer.id,
      createdById: cast.customer.id,
    };
    await db.insert(cases).values([
      {
        ...base,
        reference: 'ADU-2026-000101',
        title: 'A1',
        unitId: unitA.id,
        openedAt: myt('2026-12-03 10:00'),
      },
      // 23:30 on the last day of December: December, not January.
      {
        ...base,
        reference: 'ADU-2026-000102',
        title: 'A2',
        unitId: unitA.id,
        openedAt: myt('2026-12-31 23:30'),
      },
      {
        ...base,
        reference: 'ADU-2026-000103',
        title: 'A3',
        unitId: unitA.id,
        openedAt: myt('2026-11-10 09:00'),
      },
      // 00:30 on 1 October: the fourth quarter.
      {
        ...base,
        reference: 'ADU-2026-000104',
        title: 'A4',
        unitId: unitA.id,
        openedAt: myt('2026-10-01 00:30'),
      },
      {
        ...base,
        reference: 'ADU-2026-000105',
        title: 'B1',
        unitId: unitB.id,
        openedAt: myt('2026-12-15 11:00'),
      },
      {
        ...base,
        reference: 'ADU-2026-000106',
        title: 'B2',
        unitId: unitB.id,
        openedAt: myt('2026-03-01 09:00'),
      },
      {
        ...base,
        reference: 'ADU-2027-000001',
        title: 'B3',
        unitId: unitB.id,
        openedAt: myt('2027-01-01 00:30'),
      },
    ]);

    const subscribe = async (name: string, values: Omit<NewReportSubscription, 'createdById'>) => {
      const id = await createReportSubscription(db, { ...values, createdById: cast.admin.id });
      if (!id) throw new Error(`subscription ${name} was not created`);
      subscriptionIds[name] = id;
    };
    await subscribe('managerMonthly', {
      personId: cast.manager.id,
      kind: 'monthly',
      language: 'ms',
      format: 'xlsx',
      filters: {},
    });
    await subscribe('supervisorMonthly', {
      personId: cast.supervisor.id,
      kind: 'monthly',
      language: 'en',
      format: 'pdf',
      filters: { unitId: unitA.id },
    });
    await subscribe('adminQuarterly', {
      personId: cast.admin.id,
      kind: 'quarterly',
      language: 'en',
      format: 'xlsx',
      filters: { campus: johor!.id },
    });
    await subscribe('auditorAnnual', {
      personId: cast.auditor.id,
      kind: 'annual',
      language: 'ms',
      format: 'xlsx',
      filters: {},
    });
    await subscribe('cancelled', {
      personId: cast.manager.id,
      kind: 'monthly',
      language: 'en',
      format: 'pdf',
      filters: {},
    });
    await cancelReportSubscription(db, {
      id: subscriptionIds.cancelled!,
      actorId: cast.manager.id,
      at: new Date(),
    });
    // A customer may not read the report; their subscription is planned but never sent.
    await subscribe('customer', {
      personId: cast.customer.id,
      kind: 'monthly',
      language: 'ms',
      format: 'xlsx',
      filters: {},
    });

    sink = await startSmtpSink();
    mailer.current = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      ignoreTLS: true,
    });
    env = await createTimeSkippingEnv();
    taskQueue = `report-mailing-${randomUUID()}`;
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: createActivities({
        db,
        config: loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          MAIL_FROM: 'khidmat@khidmat.test',
        }),
        logger,
        mailer: mailer.current,
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
    mailer.current?.close();
    await sink?.close();
    await database?.destroy();
  });

  function run(local: string): Promise<ReportMailingResult> {
    return env.client.workflow.execute('reportMailing', {
      workflowId: `report-mailing-${randomUUID()}`,
      taskQueue,
      args: [{ at: myt(local).toISOString() }],
    });
  }

  async function parsedMessages(): Promise<ParsedMail[]> {
    return Promise.all(sink.messages.map((raw) => simpleParser(raw)));
  }

  function messageTo(messages: ParsedMail[], address: string): ParsedMail[] {
    return messages.filter((message) => message.to && JSON.stringify(message.to).includes(address));
  }

  /** Returns the received count of the summary table and every text cell of the workbook. */
  async function readWorkbook(content: Buffer, receivedLabel: string) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const texts: string[] = [];
    let received: unknown = null;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        const first = row.getCell(1).value;
        if (typeof first === 'string') texts.push(first);
        if (first === receivedLabel && received === null) received = row.getCell(2).value;
      }),
    );
    return { received, texts };
  }

  it('sends nothing before the first working day', async () => {
    expect(await run('2027-01-01 08:00')).toEqual({
      date: '2027-01-01',
      firstWorkingDay: false,
      outcomes: { sent: 0, recorded: 0, skipped: 0, failed: 0 },
    });
    expect((await run('2027-01-03 08:00')).firstWorkingDay).toBe(false);
    expect(sink.messages).toHaveLength(0);
  });

  it('mails each subscriber once on the first working day', async () => {
    const result = await run('2027-01-04 08:00');
    expect(result).toEqual({
      date: '2027-01-04',
      firstWorkingDay: true,
      outcomes: { sent: 4, recorded: 0, skipped: 1, failed: 0 },
    });
    const messages = await parsedMessages();
    expect(messages).toHaveLength(4);
    for (const name of ['manager', 'supervisor', 'admin', 'auditor'] as const) {
      expect(messageTo(messages, addresses[name]), name).toHaveLength(1);
    }
    expect(messageTo(messages, addresses.customer)).toHaveLength(0);

    // Manager: December in Malay, XLSX of every unit: A1, A2 and B1.
    const [monthly] = messageTo(messages, addresses.manager);
    expect(monthly?.subject).toBe('Laporan berkala bulanan: 01/12/2026 – 31/12/2026');
    expect(monthly?.attachments.map((file) => file.filename)).toEqual([
      'laporan-berkala-2026-12-01-2026-12-31.xlsx',
    ]);
    const december = await readWorkbook(monthly!.attachments[0]!.content, 'Diterima');
    expect(december.received).toBe(3);
    expect(december.texts).toContain('Laporan Berkala Aduan dan Permohonan');
    expect(december.texts).toContain('Tempoh: 01/12/2026 – 31/12/2026');

    // Supervisor: December in English, as a PDF.
    const [own] = messageTo(messages, addresses.supervisor);
    expect(own?.subject).toBe('Monthly periodic report: 01/12/2026 – 31/12/2026');
    expect(own?.text).toContain('Attached is the monthly periodic report');
    expect(own?.attachments[0]?.contentType).toBe('application/pdf');
    expect(own?.attachments[0]?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Administrator: the fourth quarter of the Johor Bahru campus in English: A1 to A4.
    const [quarterly] = messageTo(messages, addresses.admin);
    expect(quarterly?.subject).toBe('Quarterly periodic report: 01/10/2026 – 31/12/2026');
    const quarter = await readWorkbook(quarterly!.attachments[0]!.content, 'Received');
    expect(quarter.received).toBe(4);
    expect(quarter.texts).toContain('Campus: Johor Bahru');

    // Auditor: the year 2026 in Malay: every case but the one of January 2027.
    const [annual] = messageTo(messages, addresses.auditor);
    expect(annual?.subject).toBe('Laporan berkala tahunan: 01/01/2026 – 31/12/2026');
    expect((await readWorkbook(annual!.attachments[0]!.content, 'Diterima')).received).toBe(6);
  });

  it('sends nothing twice when run again', async () => {
    const again = await run('2027-01-04 08:00');
    expect(again.outcomes).toEqual({ sent: 0, recorded: 0, skipped: 5, failed: 0 });
    expect(await run('2027-01-05 08:00')).toMatchObject({ firstWorkingDay: false });
    const retried = await sendReportMailing(
      {
        db: database.db,
        config: loadConfig({ NODE_ENV: 'test' }),
        logger,
        mailer: mailer.current,
      },
      {
        subscriptionId: subscriptionIds.managerMonthly!,
        kind: 'monthly',
        from: '2026-12-01',
        to: '2026-12-31',
        at: myt('2027-01-04 09:00').toISOString(),
      },
    );
    expect(retried.status).toBe('skipped');
    expect(sink.messages).toHaveLength(4);
  });
});

describe('report mailing schedule', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    installRuntimeLogger(logger);
    env = await createDevServerEnv();
  }, 180_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('is created once and updated after', async () => {
    expect(await ensureReportMailingSchedule(env.client, 'khidmat-test', logger)).toBe('created');
    expect(await ensureReportMailingSchedule(env.client, 'khidmat-test', logger)).toBe('updated');
    const description = await env.client.schedule.getHandle(reportMailingScheduleId).describe();
    expect(description.spec.timezone).toBe('Asia/Kuala_Lumpur');
    expect(description.spec.calendars?.[0]).toMatchObject({
      dayOfMonth: [{ start: 1, end: 10, step: 1 }],
      hour: [{ start: 8, end: 8, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    });
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'reportMailing',
      taskQueue: 'khidmat-test',
    });
  });
});
