/**
 * Open complaints in every state, each with a live `complaint` workflow. They are made through the
 * running API with the demo accounts' sessions, exactly as people would make them, so every step
 * is in the workflow's history in the Temporal UI. The one exception is the case whose first
 * response is already overdue: the API stamps a new case with the current time, so that case's
 * workflow is started directly with an opening time three hours back.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { resolveClassification } from '../../activities/cases/intake';
import { allocateReference } from '../../activities/cases/reference';
import type { App } from '../../api/app';
import {
  complaintMessages,
  complaintPrefix,
  complaintWorkflowType,
  type ComplaintInput,
} from '../../common/complaint';
import type { Config } from '../../common/config';
import type { Channel, Level } from '../../common/enums';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { categories, people, units } from '../../db/schema';
import { localTime } from './calendar';
import { accountEmail } from './organisation';

interface Session {
  email: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** A step applied to a live case after filing; a scenario applies its steps in order. */
type Action =
  | { kind: 'assign'; by: string; to: string; unitCode: string; reason: string }
  | { kind: 'work'; by: string; minutes: number; body: string }
  | { kind: 'reply'; by: string; body: string }
  | { kind: 'wait'; by: string; reason: 'customer' | 'supplier'; body: string }
  | { kind: 'resolve'; by: string; note: string }
  | { kind: 'reopen'; by: string; reason: string }
  | { kind: 'confirm'; by: string }
  | { kind: 'rate'; by: string; score: 1 | 2 | 3 | 4 | 5; comment: string };

export interface LiveScenario {
  /** Stable name, recorded once the case exists, so a restart does not file it again. */
  key: string;
  /** The status the case ends in. */
  expectedStatus: string;
  filedBy: string;
  /** Set when an agent logs the case for a customer (phone, walk-in). */
  requester?: string;
  channel: Channel;
  categoryCode: string;
  urgency?: Level;
  title: string;
  description: string;
  actions: Action[];
}

const desk = accountEmail('agent');
const technician = accountEmail('technician');
const customer = (number: number | '') => accountEmail(`customer${number}`);

const assignTo = (
  to: string,
  unitCode: string,
  reason = 'Diagihkan mengikut kategori aduan',
): Action => ({
  kind: 'assign',
  by: desk,
  to,
  unitCode,
  reason,
});

export const liveScenarios: LiveScenario[] = [
  {
    key: 'new-portal',
    expectedStatus: 'new',
    filedBy: customer(''),
    channel: 'portal',
    categoryCode: 'NET-EDUROAM',
    title: 'Wi-Fi terputus-putus di bilik kuliah',
    description:
      'Sambungan eduroam di Fakulti Kejuruteraan Elektrik (P19) terputus setiap beberapa minit sejak pagi.',
    actions: [],
  },
  {
    key: 'new-phone',
    expectedStatus: 'new',
    filedBy: desk,
    requester: customer(4),
    channel: 'phone',
    categoryCode: 'HW-PRINTER',
    title: 'Pencetak jabatan tidak mencetak',
    description: 'Pemanggil memaklumkan pencetak rangkaian di aras 3 tidak mencetak sejak semalam.',
    actions: [],
  },
  {
    key: 'assigned',
    expectedStatus: 'assigned',
    filedBy: customer(3),
    channel: 'portal',
    categoryCode: 'EMAIL-PASSWORD',
    title: 'Terlupa kata laluan UTMID',
    description: 'Saya tidak dapat log masuk ke e-mel pelajar kerana terlupa kata laluan.',
    actions: [assignTo(technician, 'SERVICE-DESK')],
  },
  {
    key: 'in-progress',
    expectedStatus: 'in_progress',
    filedBy: customer(2),
    channel: 'mobile_app',
    categoryCode: 'HW-PC',
    title: 'Komputer riba sangat perlahan',
    description: 'Komputer riba pinjaman makmal mengambil masa 10 minit untuk dihidupkan.',
    actions: [
      assignTo(technician, 'SERVICE-DESK'),
      {
        kind: 'reply',
        by: technician,
        body: 'Terima kasih, saya akan semak komputer riba ini hari ini.',
      },
      {
        kind: 'work',
        by: technician,
        minutes: 35,
        body: 'Imbasan cakera dijalankan; cakera hampir penuh.',
      },
    ],
  },
  {
    key: 'waiting-customer',
    expectedStatus: 'waiting_customer',
    filedBy: customer(''),
    channel: 'portal',
    categoryCode: 'SW-INSTALL',
    title: 'Pemasangan MATLAB untuk makmal',
    description:
      'Mohon pasang MATLAB pada 30 komputer di makmal P19-02 sebelum kelas minggu hadapan.',
    actions: [
      assignTo(technician, 'SERVICE-DESK'),
      {
        kind: 'work',
        by: technician,
        minutes: 20,
        body: 'Semak lesen kampus: mencukupi untuk 30 komputer.',
      },
      {
        kind: 'wait',
        by: technician,
        reason: 'customer',
        body: 'Mohon sahkan versi MATLAB dan senarai toolbox yang diperlukan.',
      },
    ],
  },
  {
    key: 'waiting-supplier',
    expectedStatus: 'waiting_supplier',
    filedBy: desk,
    requester: customer(8),
    channel: 'email',
    categoryCode: 'HW-PERIPHERAL',
    title: 'Monitor berkelip',
    description: 'Monitor di kaunter pejabat fakulti berkelip dan kadangkala gelap.',
    actions: [
      assignTo(accountEmail('lim.weijie'), 'SERVICE-DESK'),
      {
        kind: 'work',
        by: accountEmail('lim.weijie'),
        minutes: 25,
        body: 'Panel LCD rosak; monitor masih dalam waranti.',
      },
      {
        kind: 'wait',
        by: accountEmail('lim.weijie'),
        reason: 'supplier',
        body: 'Tuntutan waranti dihantar kepada pembekal; menunggu monitor gantian.',
      },
    ],
  },
  {
    key: 'resolved',
    expectedStatus: 'resolved',
    filedBy: customer(''),
    channel: 'portal',
    categoryCode: 'EMAIL-MAILBOX',
    title: 'Peti mel penuh',
    description: 'Saya tidak boleh menghantar e-mel kerana peti mel penuh.',
    actions: [
      assignTo(technician, 'SERVICE-DESK'),
      {
        kind: 'work',
        by: technician,
        minutes: 30,
        body: 'Kuota peti mel dinaikkan dan arkib automatik diaktifkan.',
      },
      {
        kind: 'resolve',
        by: technician,
        note: 'Kuota peti mel anda telah dinaikkan. Sila sahkan jika e-mel boleh dihantar.',
      },
    ],
  },
  {
    key: 'reopened',
    expectedStatus: 'in_progress',
    filedBy: customer(5),
    channel: 'portal',
    categoryCode: 'APP-STUDENT',
    title: 'Tidak dapat mendaftar kursus',
    description: 'Sistem memaparkan ralat "rekod tidak lengkap" semasa pendaftaran kursus.',
    actions: [
      assignTo(accountEmail('nurul.izzah'), 'APPLICATIONS'),
      {
        kind: 'work',
        by: accountEmail('nurul.izzah'),
        minutes: 40,
        body: 'Status pembiayaan dikemas kini.',
      },
      {
        kind: 'resolve',
        by: accountEmail('nurul.izzah'),
        note: 'Rekod anda telah dikemas kini. Sila cuba mendaftar semula.',
      },
      {
        kind: 'reopen',
        by: customer(5),
        reason: 'Ralat yang sama masih dipaparkan untuk kursus elektif.',
      },
    ],
  },
  {
    key: 'network-in-progress',
    expectedStatus: 'in_progress',
    filedBy: customer(7),
    channel: 'portal',
    categoryCode: 'NET-POINT',
    title: 'Titik rangkaian tidak berfungsi',
    description:
      'Titik rangkaian di bilik 12, Kolej Tun Dr. Ismail (KTDI) tidak memberi sambungan.',
    actions: [
      assignTo(accountEmail('rajesh.subramaniam'), 'NETWORK'),
      {
        kind: 'reply',
        by: accountEmail('rajesh.subramaniam'),
        body: 'We will test the network point this afternoon.',
      },
    ],
  },
  {
    key: 'english-assigned',
    expectedStatus: 'assigned',
    filedBy: customer(9),
    channel: 'portal',
    categoryCode: 'DC-HOSTING',
    title: 'Research group website shows a certificate error',
    description:
      'Visitors to our research group website get a certificate warning since this morning.',
    actions: [
      assignTo(accountEmail('arun.krishnan'), 'INFRASTRUCTURE', 'Assigned by complaint category'),
    ],
  },
  {
    key: 'closed-rated',
    expectedStatus: 'closed',
    filedBy: customer(10),
    channel: 'portal',
    categoryCode: 'SW-HOWTO',
    title: 'Cara tetapkan tandatangan e-mel',
    description: 'Mohon panduan untuk menetapkan tandatangan e-mel rasmi.',
    actions: [
      assignTo(technician, 'SERVICE-DESK'),
      { kind: 'resolve', by: technician, note: 'Panduan tandatangan e-mel rasmi telah dihantar.' },
      { kind: 'confirm', by: customer(10) },
      { kind: 'rate', by: customer(10), score: 5, comment: 'Pantas dan jelas, terima kasih!' },
    ],
  },
];

/** The case whose first response is overdue: a critical building outage three hours old. */
export const breachedScenario = {
  key: 'first-response-breached',
  requester: customer(6),
  filedBy: desk,
  categoryCode: 'NET-OUTAGE',
  title: 'Network down on the second floor',
  description:
    'The whole second floor of the Canselori building has had no wired or wireless network since this morning.',
  ageMs: 3 * 60 * 60 * 1000,
} as const;

export interface LiveDeps {
  app: App;
  db: Database;
  client: Client;
  config: Config;
  logger: Logger;
  password: string;
  /** References already made, by scenario key; updated as cases are made. */
  done: Record<string, string>;
  /** Called after each case is made, so progress survives an interrupted start. */
  onCaseMade: (key: string, reference: string) => Promise<void>;
}

function cookieOf(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const pair = first?.split(';')[0];
  if (!pair) throw new Error('sign-in returned no session cookie');
  return pair;
}

/** Sends one API request and returns its JSON body, failing loudly on an error status. */
async function call(
  app: App,
  session: Session | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<unknown> {
  const response = await app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers: session?.headers ?? {},
  });
  if (response.statusCode >= 400) {
    throw new Error(
      `${method} ${url} as ${session?.email ?? 'anonymous'} failed with ${response.statusCode}: ${response.body}`,
    );
  }
  return response.json();
}

/** Files the open demo cases that do not exist yet; returns how many it created. */
export async function makeLiveCases(deps: LiveDeps): Promise<number> {
  const { app, db } = deps;
  const sessions = new Map<string, Session>();
  const signIn = async (email: string): Promise<Session> => {
    const known = sessions.get(email);
    if (known) return known;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: deps.password },
    });
    if (response.statusCode !== 200) {
      throw new Error(`sign-in of ${email} failed with ${response.statusCode}: ${response.body}`);
    }
    const body = response.json<{ csrfToken: string }>();
    const session = {
      email,
      headers: { cookie: cookieOf(response.headers['set-cookie']), 'x-csrf-token': body.csrfToken },
    };
    sessions.set(email, session);
    return session;
  };

  const categoryRows = await db
    .select({ id: categories.id, code: categories.code })
    .from(categories);
  const categoryId = (code: string) => {
    const row = categoryRows.find((category) => category.code === code);
    if (!row) throw new Error(`category ${code} is missing from the catalogue`);
    return row.id;
  };
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units);
  const unitId = (code: string) => {
    const row = unitRows.find((unit) => unit.code === code);
    if (!row) throw new Error(`unit ${code} is missing`);
    return row.id;
  };
  const personId = async (email: string) => {
    const [row] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
    if (!row) throw new Error(`person ${email} is missing: load the demo people first`);
    return row.id;
  };

  let createdCount = 0;
  for (const scenario of liveScenarios) {
    if (deps.done[scenario.key]) continue;
    const filer = await signIn(scenario.filedBy);
    const created = (await call(app, filer, 'POST', '/api/v1/cases', {
      title: scenario.title,
      description: scenario.description,
      channel: scenario.channel,
      categoryId: categoryId(scenario.categoryCode),
      ...(scenario.requester ? { requester: { id: await personId(scenario.requester) } } : {}),
      ...(scenario.urgency ? { urgency: scenario.urgency } : {}),
    })) as { reference: string };
    const reference = created.reference;
    const base = `/api/v1/cases/${reference}`;

    let status = 'new';
    for (const action of scenario.actions) {
      const session = await signIn(action.by);
      let result: unknown;
      switch (action.kind) {
        case 'assign':
          result = await call(app, session, 'POST', `${base}/assign`, {
            unitId: unitId(action.unitCode),
            assigneeId: await personId(action.to),
            reason: action.reason,
          });
          break;
        case 'work':
          result = await call(app, session, 'POST', `${base}/work-logs`, {
            minutes: action.minutes,
            body: action.body,
          });
          break;
        case 'reply':
          result = await call(app, session, 'POST', `${base}/replies`, { body: action.body });
          break;
        case 'wait':
          result = await call(app, session, 'POST', `${base}/wait`, {
            reason: action.reason,
            body: action.body,
          });
          break;
        case 'resolve':
          result = await call(app, session, 'POST', `${base}/resolve`, {
            resolutionNote: action.note,
          });
          break;
        case 'reopen':
          result = await call(app, session, 'POST', `${base}/reopen`, { reason: action.reason });
          break;
        case 'confirm':
          result = await call(app, session, 'POST', `${base}/confirm`, {});
          break;
        case 'rate':
          result = await call(app, session, 'POST', `${base}/rating`, {
            score: action.score,
            comment: action.comment,
          });
          break;
      }
      status = (result as { case: { status: string } }).case.status;
    }
    if (status !== scenario.expectedStatus) {
      throw new Error(
        `demo case ${scenario.key} (${reference}) ended in ${status}, expected ${scenario.expectedStatus}`,
      );
    }
    deps.done[scenario.key] = reference;
    await deps.onCaseMade(scenario.key, reference);
    deps.logger.info({ reference, scenario: scenario.key, status }, 'demo case created');
    createdCount += 1;
  }

  if (!deps.done[breachedScenario.key]) {
    const reference = await startBreachedCase(deps, categoryId(breachedScenario.categoryCode), {
      requesterId: await personId(breachedScenario.requester),
      createdById: await personId(breachedScenario.filedBy),
    });
    deps.done[breachedScenario.key] = reference;
    await deps.onCaseMade(breachedScenario.key, reference);
    createdCount += 1;
  }
  return createdCount;
}

/**
 * Starts the complaint workflow of a case opened three hours ago, as the cases route would have
 * started it then. The workflow finds the first-response deadline passed and records the breach.
 */
async function startBreachedCase(
  deps: LiveDeps,
  categoryId: string,
  people: { requesterId: string; createdById: string },
): Promise<string> {
  const classification = await resolveClassification(deps.db, null, categoryId);
  const openedAt = new Date(Date.now() - breachedScenario.ageMs);
  const reference = await allocateReference(
    deps.db,
    complaintPrefix,
    localTime(openedAt.getTime()).year,
  );
  const impact: Level = 1;
  const urgency: Level = 1;
  const input: ComplaintInput = {
    caseId: randomUUID(),
    reference,
    title: breachedScenario.title,
    description: breachedScenario.description,
    channel: 'phone',
    requesterId: people.requesterId,
    createdById: people.createdById,
    serviceId: classification.serviceId,
    categoryId: classification.categoryId,
    impact,
    urgency,
    unitId: classification.unitId,
    attachmentIds: [],
    openedAt: openedAt.toISOString(),
    confirmationWindowMs: deps.config.CONFIRMATION_WINDOW_HOURS * 3_600_000,
    warningShare: deps.config.SLA_WARNING_SHARE,
  };
  const handle = await deps.client.workflow.start(complaintWorkflowType, {
    workflowId: reference,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  await handle.executeUpdate(complaintMessages.opened, { args: [{}] });
  deps.logger.info({ reference, scenario: breachedScenario.key }, 'demo case created');
  return reference;
}
