/**
 * The ICT project routes over the real stack: the API, a worker with the real activities and
 * workflows on the time-skipping test server, and PGlite (and PostgreSQL when TEST_DATABASE_URL is
 * set). Walks a project from the ICT need to its closure as its users would, through the gates,
 * the approvals inbox, procurement, the Diterima? loop, handover and the guarantee refund. The
 * other tests cover rejections with their notice, missing documents, the wrong approver, bad
 * input, who may see and change what, the project records, the timeline and the settings.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ictProjects, notifications } from '../../db/schema';
import { signIn, type Session } from '../helpers/app';
import { databaseKinds, openTestDatabase, type TestDatabase } from '../helpers/db';
import { createPerson, createUnit } from '../helpers/factories';
import { tinyPng, uploadFile } from '../helpers/http';
import { startStack, type Stack } from '../helpers/stack';
import { createTimeSkippingEnv } from '../helpers/temporal';
import { insertAlwaysOpenCalendar } from '../sla/calendars';

const day = 24 * 60 * 60 * 1000;

type Who =
  | 'applicant'
  | 'other'
  | 'manager'
  | 'officer'
  | 'admin'
  | 'auditor'
  | 'divisionApprover'
  | 'universityApprover';

interface Detail {
  reference: string;
  status: string;
  currentGate: string | null;
  authority: string;
  rejectedAt: string | null;
  reason: string | null;
  gates: { gate: string; state: string; missingDocuments: string[]; rounds: number }[];
  documents: { stage: string; kind: string; fileId: string | null; downloadPath: string | null }[];
  approval: { tasks: { id: string; status: string; approver: { id: string } }[] };
  procurement: { method: string; status: string; dueAt: string | null; overdue: boolean } | null;
  contract: { security: { kind: string; amount: number } | null } | null;
  guarantee: { status: string; refunds: { amount: number; stage: string }[] } | null;
  refunds: { amount: number; stage: string }[];
  milestones: { id: string; name: string; status: string; actualEnd: string | null }[];
  team: { id: string; personId: string; role: string }[];
  risks: { id: string; score: number; status: string }[];
  history: { source: string; action: string }[];
  workflow: { status: string } | null;
  actions: {
    decideGate: string | null;
    attachDocument: boolean;
    decideApproval: boolean;
    procurementStep: string | null;
    guaranteeChecklist: boolean;
    guaranteeRelease: boolean;
    manageRecords: boolean;
  };
}

interface Reply {
  statusCode: number;
  json<T>(): T;
  body: string;
  rawPayload: Buffer;
}

function fieldsOf(response: Reply): string[] {
  const body = response.json<{ error: { details?: { field: string }[] } }>();
  return (body.error.details ?? []).map((issue) => issue.field);
}

function codeOf(response: Reply): string {
  return response.json<{ error: { code: string } }>().error.code;
}

const settingsDefaults = {
  approval: { university: 500_000, kpt: 5_000_000, mampu: 50_000_000 },
  procurement: { quotationAbove: 50_000, tenderAbove: 500_000 },
  security: { requiredAbove: 200_000, higherRateAbove: 500_000, rate: 0.025, higherRate: 0.05 },
  retention: { rate: 0.05, releasedAtCompletion: 0.5 },
  deadlines: {
    documents: 14,
    evaluation: 14,
    vendorAppointment: 7,
    purchaseOrder: 7,
    contract: 14,
    reminderLead: 2,
  },
  financeEmail: 'bendahari@utm.test',
};

const need = {
  variant: 'applicationProject',
  title: 'Sistem tempahan makmal',
  description: 'Sistem tempahan makmal komputer untuk fakulti',
  estimatedValue: 300_000,
  procurementNeeded: true,
  securityKind: 'retention',
  defectsLiabilityDays: 365,
};

describe.each(databaseKinds())('ICT projects on %s', (kind) => {
  let env: TestWorkflowEnvironment;
  let database: TestDatabase;
  let stack: Stack;
  const ids = {} as Record<Who, string>;
  const sessions = {} as Record<Who, Session>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const db = database.db;
    await insertAlwaysOpenCalendar(db);
    const faculty = await createUnit(db, 'FAKULTI-KOMPUTERAN');
    const people = {
      applicant: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
      other: await createPerson(db, { roles: ['customer'], unitIds: [faculty.id] }),
      manager: await createPerson(db, { roles: ['manager'] }),
      officer: await createPerson(db, { roles: ['technician'] }),
      admin: await createPerson(db, { roles: ['admin'] }),
      auditor: await createPerson(db, { roles: ['auditor'] }),
      divisionApprover: await createPerson(db, { roles: ['approver'] }),
      universityApprover: await createPerson(db, { roles: ['approver'] }),
    };
    env = await createTimeSkippingEnv();
    stack = await startStack(env, database);
    for (const [name, person] of Object.entries(people)) {
      ids[name as Who] = person.id;
      sessions[name as Who] = await signIn(stack.app, person.email);
    }
    // The administrator names the approver of each authority, as the approval rules screen does.
    for (const authority of ['division', 'university'] as const) {
      const created = await send('admin', 'POST', '/api/v1/approval-rules', {
        name: `Projek ICT: ${authority}`,
        subjectKind: 'ictProject',
        category: `ictProject:${authority}`,
        priority: 10,
        levels: [
          {
            mode: 'any',
            approvers: [{ type: 'person', personId: ids[`${authority}Approver` as const] }],
          },
        ],
      });
      expect(created.statusCode).toBe(201);
    }
    const stored = await send('admin', 'PUT', '/api/v1/project-settings', settingsDefaults);
    expect(stored.statusCode).toBe(200);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await env?.teardown();
    await database?.destroy();
  });

  function send(
    who: Who,
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<Reply> {
    return stack.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: sessions[who].headers,
    });
  }

  function get(who: Who, url: string): Promise<Reply> {
    return stack.app.inject({ method: 'GET', url, headers: { cookie: sessions[who].cookie } });
  }

  async function raise(overrides: Record<string, unknown> = {}, who: Who = 'applicant') {
    const response = await send(who, 'POST', '/api/v1/projects', { ...need, ...overrides });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Detail>();
  }

  /** Reads the project as the manager until the condition holds. */
  async function waitFor(reference: string, done: (detail: Detail) => boolean, what: string) {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const response = await get('manager', `/api/v1/projects/${reference}`);
      const detail = response.json<Detail>();
      if (response.statusCode === 200 && done(detail)) return detail;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what} on ${reference}`);
  }

  async function decide(
    reference: string,
    gate: string,
    body: Record<string, unknown> = { decision: 'yes' },
  ): Promise<Reply> {
    await waitFor(reference, (detail) => detail.currentGate === gate, gate);
    return send('manager', 'POST', `/api/v1/projects/${reference}/gates/${gate}`, body);
  }

  async function expectOk(response: Promise<Reply> | Reply): Promise<Detail> {
    const reply = await response;
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Detail>();
  }

  const linked = (kind: string) => ({ kind, title: `Dokumen ${kind}`, url: 'https://docs.test/d' });

  /** Passes the study, the screening gates and the evaluation of an application project. */
  async function passToApproval(reference: string): Promise<void> {
    await expectOk(
      decide(reference, 'preliminaryStudy', {
        decision: 'yes',
        documents: [linked('studyReport')],
      }),
    );
    await expectOk(decide(reference, 'applicationProject'));
    await expectOk(decide(reference, 'projectCriteria'));
    await expectOk(
      decide(reference, 'evaluation', { decision: 'yes', documents: [linked('evaluation')] }),
    );
  }

  async function inboxTask(who: Who, reference: string): Promise<string> {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const inbox = (await get(who, '/api/v1/approvals')).json<{
        items: { id: string; kind: string; reference: string }[];
      }>();
      const task = inbox.items.find((item) => item.reference === reference);
      if (task) {
        expect(task.kind).toBe('ictProject');
        return task.id;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no approval task of ${reference} for ${who}`);
  }

  async function notificationsOf(reference: string) {
    return database.db
      .select({
        template: notifications.template,
        recipientEmail: notifications.recipientEmail,
        subject: notifications.subject,
        bodyText: notifications.bodyText,
      })
      .from(notifications)
      .where(like(notifications.idempotencyKey, `project:${reference}:%`));
  }

  // The journey skips a year of time, so it runs first (see the note in the workflow tests).
  describe('project journey', () => {
    it('walks a need from study to closure', async () => {
      const raised = await raise();
      const { reference } = raised;
      const url = `/api/v1/projects/${reference}`;
      expect(raised.status).toBe('study');
      expect(raised.authority).toBe('division');
      expect(raised.currentGate).toBe('preliminaryStudy');
      expect(raised.gates[0]).toMatchObject({
        gate: 'preliminaryStudy',
        state: 'waiting',
        missingDocuments: ['studyReport'],
      });
      expect(raised.actions.attachDocument).toBe(true);
      expect(raised.actions.decideGate).toBeNull();

      // The applicant attaches the study report they uploaded, but not another person's file.
      const upload = await uploadFile(stack.app, sessions.applicant, 'kajian.png', tinyPng);
      expect(upload.statusCode).toBe(201);
      const fileId = upload.json<{ id: string }>().id;
      const foreign = await uploadFile(stack.app, sessions.other, 'lain.png', tinyPng);
      const foreignId = foreign.json<{ id: string }>().id;
      const stolen = await send('applicant', 'POST', `${url}/documents`, {
        kind: 'studyReport',
        title: 'Laporan kajian awal',
        fileId: foreignId,
      });
      expect(stolen.statusCode).toBe(400);
      expect(fieldsOf(stolen)).toEqual(['body.fileId']);
      const scripted = await send('applicant', 'POST', `${url}/documents`, {
        kind: 'studyReport',
        title: 'Laporan kajian awal',
        url: 'javascript:alert(1)',
      });
      expect(fieldsOf(scripted)).toEqual(['body.url']);
      const both = await send('applicant', 'POST', `${url}/documents`, {
        kind: 'studyReport',
        title: 'Laporan kajian awal',
        fileId,
        url: 'https://docs.test/d',
      });
      expect(fieldsOf(both)).toEqual(['body.fileId']);
      const attached = await expectOk(
        send('applicant', 'POST', `${url}/documents`, {
          kind: 'studyReport',
          title: 'Laporan kajian awal',
          fileId,
        }),
      );
      const study = attached.documents.find((document) => document.fileId === fileId);
      expect(study?.stage).toBe('preliminaryStudy');
      const download = await get('applicant', study?.downloadPath ?? '');
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(tinyPng)).toBe(true);
      expect((await get('other', study?.downloadPath ?? '')).statusCode).toBe(404);

      // Only management decides, and only the gate that waits.
      const byApplicant = await send('applicant', 'POST', `${url}/gates/preliminaryStudy`, {
        decision: 'yes',
      });
      expect(byApplicant.statusCode).toBe(403);
      const notWaiting = await send('manager', 'POST', `${url}/gates/projectCriteria`, {
        decision: 'yes',
      });
      expect(notWaiting.statusCode).toBe(409);
      await expectOk(decide(reference, 'preliminaryStudy'));
      await expectOk(decide(reference, 'applicationProject'));
      await expectOk(decide(reference, 'projectCriteria'));
      const undocumented = await decide(reference, 'evaluation');
      expect(undocumented.statusCode).toBe(400);
      expect(fieldsOf(undocumented)).toEqual(['body.documents']);
      await expectOk(
        decide(reference, 'evaluation', { decision: 'yes', documents: [linked('evaluation')] }),
      );

      // The management approval is a task in the approver's inbox.
      await waitFor(reference, (detail) => detail.approval.tasks.length > 0, 'the approval task');
      const wrongAuthority = await send('manager', 'POST', `${url}/approval`, {
        decision: 'approved',
      });
      expect(wrongAuthority.statusCode).toBe(403);
      expect(codeOf(wrongAuthority)).toBe('forbidden');
      expect((await get('universityApprover', url)).statusCode).toBe(404);
      const approverView = await expectOk(get('divisionApprover', url));
      expect(approverView.actions.decideApproval).toBe(true);
      const taskId = await inboxTask('divisionApprover', reference);
      const approved = await send(
        'divisionApprover',
        'POST',
        `/api/v1/approvals/${taskId}/decision`,
        {
          decision: 'approved',
          comment: '',
        },
      );
      expect(approved.statusCode).toBe(200);

      // Procurement: a quotation for RM300,000, each step needing its documents.
      const buying = await waitFor(
        reference,
        (detail) => detail.procurement !== null,
        'procurement',
      );
      expect(buying.procurement).toMatchObject({
        method: 'quotation',
        status: 'documents',
        overdue: false,
      });
      expect(buying.procurement?.dueAt).toEqual(expect.any(String));
      expect(buying.actions.procurementStep).toBe('documentsReady');
      const unready = await send('manager', 'POST', `${url}/procurement/documents-ready`);
      expect(unready.statusCode).toBe(400);
      expect(fieldsOf(unready)).toEqual(['body.documents']);
      expect(
        (await send('applicant', 'POST', `${url}/documents`, linked('quotationDocument')))
          .statusCode,
      ).toBe(403);
      await expectOk(send('manager', 'POST', `${url}/documents`, linked('quotationDocument')));
      await expectOk(send('manager', 'POST', `${url}/procurement/documents-ready`));
      await expectOk(send('manager', 'POST', `${url}/documents`, linked('evaluationReport')));
      await expectOk(send('manager', 'POST', `${url}/procurement/evaluate`));
      const badVendor = await send('manager', 'POST', `${url}/procurement/vendor`, {
        vendorName: 'Syarikat Maju Sdn Bhd',
        vendorEmail: 'bukan-emel',
      });
      expect(fieldsOf(badVendor)).toEqual(['body.vendorEmail']);
      await expectOk(
        send('manager', 'POST', `${url}/procurement/vendor`, {
          vendorName: 'Syarikat Maju Sdn Bhd',
          vendorEmail: 'akaun@maju.test',
        }),
      );
      await expectOk(
        send('manager', 'POST', `${url}/procurement/purchase-order`, { number: 'PO-2026-0042' }),
      );
      const backwards = await send('manager', 'POST', `${url}/procurement/contract`, {
        value: 300_000,
        startsOn: '2026-12-31',
        endsOn: '2026-01-01',
      });
      expect(fieldsOf(backwards)).toEqual(['body.endsOn']);
      await expectOk(
        send('manager', 'POST', `${url}/procurement/contract`, {
          value: 300_000,
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        }),
      );
      const kickOff = await waitFor(
        reference,
        (detail) => detail.status === 'kick_off',
        'kick-off',
      );
      expect(kickOff.contract?.security).toEqual({ kind: 'retention', amount: 15_000 });

      // Development with testing, then the customer does not accept once (Diterima? no).
      await expectOk(
        decide(reference, 'kickOff', { decision: 'yes', documents: [linked('approvalMinutes')] }),
      );
      await expectOk(
        decide(reference, 'verification', { decision: 'yes', documents: [linked('testReport')] }),
      );
      const reasonless = await decide(reference, 'presentation', { decision: 'no' });
      expect(fieldsOf(reasonless)).toEqual(['body.reason']);
      await expectOk(
        decide(reference, 'presentation', {
          decision: 'no',
          reason: 'Laporan belum memenuhi keperluan pengguna',
        }),
      );
      const back = await waitFor(
        reference,
        (detail) => detail.status === 'development',
        'back to development',
      );
      // The new round needs its own test report; the first one no longer counts.
      expect(back.gates.find((gate) => gate.gate === 'verification')?.missingDocuments).toEqual([
        'testReport',
      ]);
      const stale = await decide(reference, 'verification');
      expect(stale.statusCode).toBe(400);
      expect(fieldsOf(stale)).toEqual(['body.documents']);
      await expectOk(
        decide(reference, 'verification', { decision: 'yes', documents: [linked('testReport')] }),
      );
      await expectOk(
        decide(reference, 'presentation', {
          decision: 'yes',
          documents: [linked('acceptanceRecord')],
        }),
      );
      await expectOk(
        decide(reference, 'handover', { decision: 'yes', documents: [linked('handoverRecord')] }),
      );

      // The guarantee: half the retention at completion, the rest after the period and checklist.
      const inPeriod = await waitFor(
        reference,
        (detail) => (detail.guarantee?.refunds.length ?? 0) === 1,
        'the refund at completion',
      );
      expect(inPeriod.guarantee?.refunds[0]).toMatchObject({ stage: 'completion', amount: 7_500 });
      const certificate = { releaseCertificate: linked('releaseCertificate') };
      const early = await send('manager', 'POST', `${url}/guarantee/release`, certificate);
      expect(early.statusCode).toBe(409);
      await env.sleep(366 * day);
      const checklist = await waitFor(
        reference,
        (detail) => detail.guarantee?.status === 'checklist',
        'the end of the defects-liability period',
      );
      expect(checklist.actions.guaranteeChecklist).toBe(true);
      const open = await send('manager', 'POST', `${url}/guarantee/release`, certificate);
      expect(open.statusCode).toBe(400);
      expect(fieldsOf(open)).toEqual(['body.checklist']);
      for (const item of ['defectsRectified', 'finalAccountAgreed', 'noOutstandingClaims']) {
        await expectOk(send('manager', 'POST', `${url}/guarantee/checklist`, { item }));
      }
      await expectOk(send('manager', 'POST', `${url}/guarantee/release`, certificate));

      const closed = await waitFor(reference, (detail) => detail.status === 'closed', 'closure');
      expect(closed.refunds.map((refund) => refund.amount)).toEqual([7_500, 7_500]);
      expect(closed.gates.every((gate) => gate.state === 'passed')).toBe(true);
      expect(closed.gates.find((gate) => gate.gate === 'presentation')?.rounds).toBe(1);
      expect(closed.workflow).toBeNull();
      expect(closed.documents.map((document) => document.stage)).toEqual(
        expect.arrayContaining(['procurement', 'guarantee', 'handover']),
      );

      const timeline = (await get('applicant', `${url}/timeline`)).json<{
        gates: { gate: string; decision: string | null }[];
        phases: { status: string; to: string | null }[];
      }>();
      expect(
        timeline.gates.filter((gate) => gate.gate === 'presentation').map((gate) => gate.decision),
      ).toEqual(['no', 'yes']);
      expect(timeline.gates.find((gate) => gate.gate === 'approval')?.decision).toBe('yes');
      expect(timeline.phases.filter((phase) => phase.status === 'development')).toHaveLength(2);
      expect(timeline.phases.at(-1)?.status).toBe('closed');

      const sent = await notificationsOf(reference);
      const applicantEmail = sent.filter((message) => message.template !== 'guaranteeRefunded');
      expect(applicantEmail.map((message) => message.template).sort()).toEqual([
        'projectAccepted',
        'projectHandedOver',
      ]);
      const refunds = sent.filter((message) => message.template === 'guaranteeRefunded');
      expect(refunds.map((message) => message.recipientEmail).sort()).toEqual([
        'akaun@maju.test',
        'akaun@maju.test',
        'bendahari@utm.test',
        'bendahari@utm.test',
      ]);
      expect(refunds[0]?.subject).toContain('Bayaran balik wang jaminan');
      expect(refunds[0]?.bodyText).toContain('RM7,500.00');
    }, 240_000);
  });

  describe('gates and approval', () => {
    it('no at a gate tells the applicant why', async () => {
      const { reference } = await raise();
      const url = `/api/v1/projects/${reference}`;
      const reasonless = await send('manager', 'POST', `${url}/gates/preliminaryStudy`, {
        decision: 'no',
      });
      expect(reasonless.statusCode).toBe(400);
      expect(fieldsOf(reasonless)).toEqual(['body.reason']);
      await expectOk(
        decide(reference, 'preliminaryStudy', {
          decision: 'no',
          reason: 'Tiada peruntukan tahun ini',
        }),
      );
      const rejected = await waitFor(
        reference,
        (detail) => detail.status === 'rejected',
        'the end',
      );
      expect(rejected.rejectedAt).toBe('preliminaryStudy');
      expect(rejected.reason).toBe('Tiada peruntukan tahun ini');
      expect(rejected.gates[0]?.state).toBe('rejected');
      expect(rejected.actions.decideGate).toBeNull();

      const [notice] = await waitForNotices(reference, 1);
      expect(notice?.template).toBe('projectRejected');
      expect(notice?.subject).toContain('tidak diluluskan');
      expect(notice?.bodyText).toContain('Tiada peruntukan tahun ini');
      expect(notice?.bodyText).toContain('Kajian awal projek');

      const late = await send('officer', 'POST', `${url}/milestones`, {
        name: 'Reka bentuk',
        plannedStart: '2026-01-01',
        plannedEnd: '2026-02-01',
      });
      expect(late.statusCode).toBe(409);
    }, 60_000);

    it('rejection by the approver ends the project', async () => {
      const { reference } = await raise({ procurementNeeded: false });
      await passToApproval(reference);
      const taskId = await inboxTask('divisionApprover', reference);
      const noComment = await send(
        'divisionApprover',
        'POST',
        `/api/v1/approvals/${taskId}/decision`,
        {
          decision: 'rejected',
        },
      );
      expect(noComment.statusCode).toBe(400);
      await expectOk(
        send('divisionApprover', 'POST', `/api/v1/projects/${reference}/approval`, {
          decision: 'rejected',
          comment: 'Tiada dalam pelan strategik ICT',
        }),
      );
      const rejected = await waitFor(
        reference,
        (detail) => detail.status === 'rejected',
        'the end',
      );
      expect(rejected.rejectedAt).toBe('approval');
      expect(rejected.reason).toBe('Tiada dalam pelan strategik ICT');
      const [notice] = await waitForNotices(reference, 1);
      expect(notice?.bodyText).toContain('Tiada dalam pelan strategik ICT');
    }, 60_000);

    it('only the authority for the value approves', async () => {
      const { reference, authority } = await raise({ estimatedValue: 600_000 });
      expect(authority).toBe('university');
      await passToApproval(reference);
      await waitFor(reference, (detail) => detail.approval.tasks.length > 0, 'the approval task');
      const url = `/api/v1/projects/${reference}/approval`;
      expect(
        (await send('divisionApprover', 'POST', url, { decision: 'approved' })).statusCode,
      ).toBe(404);
      const byAdmin = await send('admin', 'POST', url, { decision: 'approved' });
      expect(byAdmin.statusCode).toBe(403);
      const taskId = await inboxTask('universityApprover', reference);
      const inboxByAdmin = await send('admin', 'POST', `/api/v1/approvals/${taskId}/decision`, {
        decision: 'approved',
        comment: '',
      });
      expect(inboxByAdmin.statusCode).toBe(403);
      await expectOk(send('universityApprover', 'POST', url, { decision: 'approved' }));
      await waitFor(reference, (detail) => detail.status === 'procurement', 'procurement');
      const buying = await waitFor(reference, (detail) => detail.procurement !== null, 'state');
      expect(buying.procurement?.method).toBe('tender');
    }, 60_000);
  });

  async function waitForNotices(reference: string, count: number) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const sent = await notificationsOf(reference);
      if (sent.length >= count) return sent;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no notification of ${reference}`);
  }

  describe('raising a need', () => {
    it('rejects bad input naming the field', async () => {
      const count = async () =>
        (await database.db.select({ id: ictProjects.id }).from(ictProjects)).length;
      const before = await count();
      const cases: [Record<string, unknown>, string][] = [
        [{ variant: 'kiosk' }, 'body.variant'],
        [{ title: '' }, 'body.title'],
        [{ estimatedValue: -5 }, 'body.estimatedValue'],
        [{ estimatedValue: 10.001 }, 'body.estimatedValue'],
        [{ procurementNeeded: 'ya' }, 'body.procurementNeeded'],
        [{ securityKind: 'cek' }, 'body.securityKind'],
        [{ defectsLiabilityDays: -1 }, 'body.defectsLiabilityDays'],
      ];
      for (const [override, field] of cases) {
        const response = await send('applicant', 'POST', '/api/v1/projects', {
          ...need,
          ...override,
        });
        expect(response.statusCode, field).toBe(400);
        expect(fieldsOf(response), field).toEqual([field]);
      }
      expect(await count()).toBe(before);
    });

    it('refuses a need from an auditor', async () => {
      const response = await send('auditor', 'POST', '/api/v1/projects', need);
      expect(response.statusCode).toBe(403);
    });

    it('rejects bad parameters naming them', async () => {
      const status = await get('manager', '/api/v1/projects?status=siap');
      expect(fieldsOf(status)).toEqual(['querystring.status']);
      const cursor = await get('manager', '/api/v1/projects?cursor=bukan-kursor');
      expect(fieldsOf(cursor)).toEqual(['querystring.cursor']);
      const reference = await get('manager', '/api/v1/projects/ADU-2026-000001');
      expect(fieldsOf(reference)).toEqual(['params.reference']);
      const gate = await send('manager', 'POST', '/api/v1/projects/PRJ-2026-000001/gates/lunch', {
        decision: 'yes',
      });
      expect(fieldsOf(gate)).toEqual(['params.gate']);
    });
  });

  describe('who sees what', () => {
    it('customer sees only their own projects', async () => {
      const { reference } = await raise({ title: 'Aplikasi kehadiran pelajar' });
      const url = `/api/v1/projects/${reference}`;
      expect((await get('other', url)).statusCode).toBe(404);
      expect((await get('other', `${url}/timeline`)).statusCode).toBe(404);
      expect(
        (await send('other', 'POST', `${url}/documents`, linked('studyReport'))).statusCode,
      ).toBe(404);
      const theirs = (await get('other', '/api/v1/projects')).json<{
        items: { reference: string }[];
      }>();
      expect(theirs.items.map((item) => item.reference)).not.toContain(reference);
      const mine = (await get('applicant', '/api/v1/projects')).json<{
        items: { reference: string }[];
      }>();
      expect(mine.items.map((item) => item.reference)).toContain(reference);
      expect((await get('officer', url)).statusCode).toBe(200);
      expect((await get('auditor', url)).statusCode).toBe(200);

      // A customer on the team may read the project too.
      const added = await send('officer', 'POST', `${url}/team`, {
        personId: ids.other,
        role: 'userRepresentative',
      });
      expect(added.statusCode).toBe(201);
      expect((await get('other', url)).statusCode).toBe(200);
    });

    it('portfolio pages and filters', async () => {
      await raise({ variant: 'corporateService', title: 'E-mel korporat' });
      await raise({ variant: 'corporateService', title: 'Storan awan' });
      const first = (
        await get('manager', '/api/v1/projects?variant=corporateService&limit=1')
      ).json<{
        items: { reference: string; variant: string }[];
        nextCursor: string | null;
      }>();
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).not.toBeNull();
      const second = (
        await get(
          'manager',
          `/api/v1/projects?variant=corporateService&limit=1&cursor=${first.nextCursor ?? ''}`,
        )
      ).json<{ items: { reference: string; variant: string }[] }>();
      expect(second.items).toHaveLength(1);
      expect(second.items[0]?.reference).not.toBe(first.items[0]?.reference);
      expect(
        [...first.items, ...second.items].every((item) => item.variant === 'corporateService'),
      ).toBe(true);
      const atStudy = (
        await get('manager', '/api/v1/projects?gate=preliminaryStudy&limit=100')
      ).json<{
        items: { currentGate: string }[];
      }>();
      expect(atStudy.items.length).toBeGreaterThan(0);
      expect(atStudy.items.every((item) => item.currentGate === 'preliminaryStudy')).toBe(true);
    });
  });

  describe('project records', () => {
    it('officers keep milestones, team and risks', async () => {
      const { reference } = await raise({ title: 'Sistem inventori makmal' });
      const url = `/api/v1/projects/${reference}`;
      const milestone = {
        name: 'Reka bentuk sistem',
        plannedStart: '2026-02-01',
        plannedEnd: '2026-03-31',
      };
      expect((await send('applicant', 'POST', `${url}/milestones`, milestone)).statusCode).toBe(
        403,
      );
      const backwards = await send('officer', 'POST', `${url}/milestones`, {
        ...milestone,
        plannedEnd: '2026-01-01',
      });
      expect(fieldsOf(backwards)).toEqual(['body.plannedEnd']);
      const created = await send('officer', 'POST', `${url}/milestones`, milestone);
      expect(created.statusCode).toBe(201);
      const milestoneId = created.json<{ id: string }>().id;
      const unfinished = await send('officer', 'PATCH', `${url}/milestones/${milestoneId}`, {
        status: 'completed',
      });
      expect(fieldsOf(unfinished)).toEqual(['body.actualEnd']);
      const done = await send('officer', 'PATCH', `${url}/milestones/${milestoneId}`, {
        actualStart: '2026-02-03',
        actualEnd: '2026-04-02',
        status: 'completed',
      });
      expect(done.statusCode).toBe(200);

      const unknownPerson = await send('officer', 'POST', `${url}/team`, {
        personId: '00000000-0000-4000-8000-000000000000',
        role: 'developer',
      });
      expect(fieldsOf(unknownPerson)).toEqual(['body.personId']);
      const member = await send('officer', 'POST', `${url}/team`, {
        personId: ids.officer,
        role: 'projectManager',
      });
      expect(member.statusCode).toBe(201);
      const twice = await send('officer', 'POST', `${url}/team`, {
        personId: ids.officer,
        role: 'projectManager',
      });
      expect(twice.statusCode).toBe(409);
      const memberId = member.json<{ id: string }>().id;
      expect(
        (await send('officer', 'PATCH', `${url}/team/${memberId}`, { role: 'technicalLead' }))
          .statusCode,
      ).toBe(200);

      const tooLikely = await send('officer', 'POST', `${url}/risks`, {
        description: 'Vendor lewat menyerahkan modul',
        likelihood: 6,
        impact: 4,
      });
      expect(fieldsOf(tooLikely)).toEqual(['body.likelihood']);
      const risk = await send('officer', 'POST', `${url}/risks`, {
        description: 'Vendor lewat menyerahkan modul',
        likelihood: 3,
        impact: 4,
        ownerId: ids.officer,
        mitigation: 'Pemantauan mingguan',
      });
      expect(risk.statusCode).toBe(201);
      const riskId = risk.json<{ id: string }>().id;
      expect(
        (await send('officer', 'PATCH', `${url}/risks/${riskId}`, { status: 'mitigating' }))
          .statusCode,
      ).toBe(200);

      const detail = await expectOk(get('applicant', url));
      expect(detail.milestones).toEqual([
        expect.objectContaining({
          name: 'Reka bentuk sistem',
          status: 'completed',
          actualEnd: '2026-04-02',
        }),
      ]);
      expect(detail.team).toEqual([
        expect.objectContaining({ personId: ids.officer, role: 'technicalLead' }),
      ]);
      expect(detail.risks).toEqual([expect.objectContaining({ score: 12, status: 'mitigating' })]);
      expect(detail.actions.manageRecords).toBe(false);
      const timeline = (await get('applicant', `${url}/timeline`)).json<{
        milestones: { id: string }[];
      }>();
      expect(timeline.milestones.map((entry) => entry.id)).toEqual([milestoneId]);

      expect((await send('officer', 'DELETE', `${url}/milestones/${milestoneId}`)).statusCode).toBe(
        204,
      );
      expect((await send('officer', 'DELETE', `${url}/risks/${riskId}`)).statusCode).toBe(204);
      expect((await send('officer', 'DELETE', `${url}/team/${memberId}`)).statusCode).toBe(204);
      expect(
        (await send('officer', 'PATCH', `${url}/milestones/${milestoneId}`, { name: 'Lagi' }))
          .statusCode,
      ).toBe(404);
      const after = await expectOk(get('officer', url));
      expect(after.milestones).toEqual([]);
      expect(after.risks).toEqual([]);
      expect(after.team).toEqual([]);
      expect(
        after.history.filter((entry) => entry.source === 'records').map((entry) => entry.action),
      ).toEqual([
        'milestone_added',
        'milestone_changed',
        'team_member_added',
        'team_member_changed',
        'risk_added',
        'risk_changed',
        'milestone_removed',
        'risk_removed',
        'team_member_removed',
      ]);
    });
  });

  describe('OpenAPI', () => {
    it('documents every project route', async () => {
      const response = await stack.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(response.statusCode).toBe(200);
      const document = response.json<{
        paths: Record<string, Record<string, { requestBody?: unknown }>>;
      }>();
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/projects',
          '/api/v1/projects/{reference}',
          '/api/v1/projects/{reference}/timeline',
          '/api/v1/projects/{reference}/documents',
          '/api/v1/projects/{reference}/documents/{fileId}',
          '/api/v1/projects/{reference}/gates/{gate}',
          '/api/v1/projects/{reference}/approval',
          '/api/v1/projects/{reference}/procurement/contract',
          '/api/v1/projects/{reference}/guarantee/release',
          '/api/v1/projects/{reference}/milestones/{id}',
          '/api/v1/projects/{reference}/team/{id}',
          '/api/v1/projects/{reference}/risks/{id}',
          '/api/v1/project-settings',
        ]),
      );
      expect(JSON.stringify(document.paths['/api/v1/projects']?.post?.requestBody)).toContain(
        'chooses the approval authority',
      );
    });
  });

  describe('project settings', () => {
    it('only administrators read and change them', async () => {
      expect((await get('manager', '/api/v1/project-settings')).statusCode).toBe(403);
      expect(
        (await send('manager', 'PUT', '/api/v1/project-settings', settingsDefaults)).statusCode,
      ).toBe(403);
      const stored = (await get('admin', '/api/v1/project-settings')).json<{
        approval: { university: number };
        updatedBy: { id: string } | null;
      }>();
      expect(stored.approval.university).toBe(500_000);
      expect(stored.updatedBy?.id).toBe(ids.admin);
    });

    it('rejects thresholds out of order naming the field', async () => {
      const { deadlines } = settingsDefaults;
      const cases: [Record<string, unknown>, string][] = [
        [
          { approval: { university: 600_000, kpt: 500_000, mampu: 50_000_000 } },
          'body.approval.kpt',
        ],
        [
          { procurement: { quotationAbove: 500_000, tenderAbove: 50_000 } },
          'body.procurement.tenderAbove',
        ],
        [{ security: { ...settingsDefaults.security, rate: 0 } }, 'body.security.rate'],
        [{ security: { ...settingsDefaults.security, rate: 0.1 } }, 'body.security.higherRate'],
        [
          { retention: { rate: 0.05, releasedAtCompletion: 1.5 } },
          'body.retention.releasedAtCompletion',
        ],
        [{ financeEmail: 'bendahari' }, 'body.financeEmail'],
        [{ retention: undefined }, 'body.retention'],
        [{ deadlines: { ...deadlines, documents: 0 } }, 'body.deadlines.documents'],
        [{ deadlines: { ...deadlines, evaluation: 1.5 } }, 'body.deadlines.evaluation'],
        [{ deadlines: { ...deadlines, contract: 366 } }, 'body.deadlines.contract'],
        [{ deadlines: { ...deadlines, purchaseOrder: '7' } }, 'body.deadlines.purchaseOrder'],
        [{ deadlines: { ...deadlines, reminderLead: 7 } }, 'body.deadlines.reminderLead'],
        [{ deadlines: { ...deadlines, reminderLead: 0 } }, 'body.deadlines.reminderLead'],
        [{ deadlines: { ...deadlines, weekends: false } }, 'body.deadlines'],
        [{ deadlines: undefined }, 'body.deadlines'],
      ];
      for (const [override, field] of cases) {
        const response = await send('admin', 'PUT', '/api/v1/project-settings', {
          ...settingsDefaults,
          ...override,
        });
        expect(response.statusCode, field).toBe(400);
        expect(fieldsOf(response), field).toEqual([field]);
      }
      const stored = (await get('admin', '/api/v1/project-settings')).json<{
        approval: { university: number };
      }>();
      expect(stored.approval.university).toBe(500_000);
    });

    it('stores the procurement deadlines', async () => {
      const deadlines = { ...settingsDefaults.deadlines, documents: 21, reminderLead: 3 };
      try {
        const changed = await send('admin', 'PUT', '/api/v1/project-settings', {
          ...settingsDefaults,
          deadlines,
        });
        expect(changed.statusCode).toBe(200);
        expect(changed.json<{ deadlines: unknown }>().deadlines).toEqual(deadlines);
        const stored = (await get('admin', '/api/v1/project-settings')).json<{
          deadlines: unknown;
        }>();
        expect(stored.deadlines).toEqual(deadlines);
      } finally {
        await send('admin', 'PUT', '/api/v1/project-settings', settingsDefaults);
      }
    });

    it('too long reminder lead names step', async () => {
      const response = await send('admin', 'PUT', '/api/v1/project-settings', {
        ...settingsDefaults,
        deadlines: { ...settingsDefaults.deadlines, purchaseOrder: 3, reminderLead: 3 },
      });
      expect(response.statusCode).toBe(400);
      const body = response.json<{ error: { details?: { field: string; message: string }[] } }>();
      expect(body.error.details).toEqual([
        expect.objectContaining({
          field: 'body.deadlines.reminderLead',
          message: expect.stringContaining('deadlines.purchaseOrder (3 days)'),
        }),
      ]);
    });

    it('new projects use the changed thresholds', async () => {
      const changed = await send('admin', 'PUT', '/api/v1/project-settings', {
        ...settingsDefaults,
        approval: { university: 100_000, kpt: 1_000_000, mampu: 10_000_000 },
      });
      expect(changed.statusCode).toBe(200);
      try {
        const project = await raise({ estimatedValue: 150_000 });
        expect(project.authority).toBe('university');
      } finally {
        await send('admin', 'PUT', '/api/v1/project-settings', settingsDefaults);
      }
      const audited = await database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'project_settings'), eq(auditLog.actorId, ids.admin)));
      expect(audited.length).toBeGreaterThanOrEqual(2);
    });
  });
});
