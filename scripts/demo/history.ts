/**
 * The generator of a year of closed complaints for the demo. It is a pure function of its input
 * and seed: the plan refers to people by e-mail, units and categories by code, and the writer in
 * history-store.ts turns those into ids. Each case's history has the rows the complaint workflow
 * writes (one step per accepted message or timer, a 'status' row per status change), so reports
 * over it read like reports over real cases.
 */
import type {
  Channel,
  Language,
  Level,
  MessageKind,
  PersonKind,
  Priority,
} from '../../common/enums';
import { priorityFrom } from '../../common/enums';
import {
  addWorkingMinutes,
  dayFactor,
  dayMs,
  hourMs,
  isOfficeHours,
  localMidnight,
  localTime,
  minuteMs,
} from './calendar';
import { createRandom, type Random } from './random';
import {
  categoryTexts,
  customerAnswers,
  customerQuestions,
  firstReplies,
  inLanguage,
  places,
  ratingComments,
  reopenReasons,
  supplierNotes,
  withPlace,
} from './texts';

export interface PlanCategory {
  code: string;
  unitCode: string;
  impact: Level;
  urgency: Level;
}

export interface PlanStaff {
  email: string;
  language: Language;
  /** Agents log phone and walk-in cases and assign; unit heads assign and sometimes work. */
  kind: 'agent' | 'technician' | 'head';
  unitCode: string | null;
}

export interface PlanCustomer {
  email: string;
  language: Language;
  kind: PersonKind;
  /** Customers who sign in get a larger share of the history, so their portal is not empty. */
  featured: boolean;
}

export interface PlanTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export interface HistoryInput {
  seed: number;
  /** The instant the history ends: every generated event happens before it. */
  end: Date;
  days: number;
  /** Average new cases on an ordinary working day. */
  casesPerWorkingDay: number;
  categories: PlanCategory[];
  staff: PlanStaff[];
  customers: PlanCustomer[];
  targets: Record<Priority, PlanTarget>;
  confirmationWindowHours: number;
  warningShare: number;
}

/** A value of a history row: text, or a person or unit that the writer resolves to its id. */
export type PlanValue = string | { personEmail: string } | { unitCode: string } | null;

export interface PlannedHistory {
  step: number;
  at: number;
  actorEmail: string | null;
  action: string;
  field: string | null;
  oldValue: PlanValue;
  newValue: PlanValue;
  details: Record<string, unknown> | null;
}

export interface PlannedMessage {
  step: number;
  at: number;
  kind: MessageKind;
  visibility: 'public' | 'internal';
  authorEmail: string | null;
  body: string;
  minutes: number | null;
}

export interface PlannedCase {
  id: string;
  /** The Malaysian year of opening, which picks the reference's yearly sequence. */
  referenceYear: number;
  title: string;
  description: string;
  language: Language;
  channel: Channel;
  priority: Priority;
  impact: Level;
  urgency: Level;
  categoryCode: string;
  requesterEmail: string;
  createdByEmail: string;
  unitCode: string;
  assigneeEmail: string;
  openedAt: number;
  firstRespondedAt: number;
  resolvedAt: number;
  closedAt: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  pausedMs: number;
  reopenCount: number;
  reassignmentCount: number;
  workMinutes: number;
  resolutionNote: string;
  rating: { score: number; comment: string; at: number } | null;
  updatedAt: number;
  lastStep: number;
  history: PlannedHistory[];
  messages: PlannedMessage[];
}

/** Relative frequency of each category among complaints at a university service desk. */
const categoryWeights: Record<string, number> = {
  'EMAIL-PASSWORD': 14,
  'EMAIL-UTMID': 6,
  'EMAIL-MAILBOX': 5,
  'EMAIL-OUTAGE': 0.3,
  'NET-EDUROAM': 12,
  'NET-POINT': 4,
  'NET-VPN': 3,
  'NET-OUTAGE': 0.6,
  'APP-STUDENT': 7,
  'APP-HR': 3,
  'APP-FINANCE': 3,
  'APP-ELEARNING': 6,
  'APP-ERROR': 4,
  'HW-PC': 8,
  'HW-PRINTER': 6,
  'HW-PERIPHERAL': 3,
  'SW-INSTALL': 4,
  'SW-LICENCE': 2,
  'SW-HOWTO': 3,
  'ABM-PROJECTOR': 5,
  'ABM-AUDIO': 2,
  'ABM-LAB': 2,
  'DC-VM': 1,
  'DC-HOSTING': 1,
  'DC-BACKUP': 1,
  'SEC-PHISHING': 2,
  'SEC-MALWARE': 1,
  'SEC-ACCOUNT': 0.7,
  'EVT-CEREMONY': 0.8,
  'EVT-CONVOCATION': 0.3,
  'EVT-STREAMING': 0.6,
};

/** Categories raised mostly by students; the rest mostly by staff. */
const studentCategories = new Set([
  'NET-EDUROAM',
  'APP-STUDENT',
  'APP-ELEARNING',
  'ABM-LAB',
  'EMAIL-PASSWORD',
  'EMAIL-UTMID',
]);
/** Categories whose fix may wait for a supplier (a spare part, a licence, a vendor's reply). */
const supplierCategories = new Set([
  'HW-PC',
  'HW-PRINTER',
  'HW-PERIPHERAL',
  'SW-LICENCE',
  'DC-VM',
  'NET-OUTAGE',
  'ABM-PROJECTOR',
]);

/** Hours at which cases arrive on a working day, by weight. */
const workingDayHours: (readonly [number, number])[] = [
  [0, 0.3],
  [6, 0.5],
  [7, 2],
  [8, 9],
  [9, 14],
  [10, 14],
  [11, 12],
  [12, 6],
  [13, 6],
  [14, 11],
  [15, 11],
  [16, 8],
  [17, 3],
  [18, 1.5],
  [19, 1.2],
  [20, 1.5],
  [21, 1.5],
  [22, 1],
  [23, 0.5],
];
const quietDayHours: (readonly [number, number])[] = [
  [8, 1],
  [9, 2],
  [10, 3],
  [11, 3],
  [12, 2],
  [14, 2],
  [15, 2],
  [16, 2],
  [18, 1],
  [20, 2],
  [21, 2],
  [22, 1],
];

const officeChannels: (readonly [Channel, number])[] = [
  ['portal', 40],
  ['email', 22],
  ['phone', 18],
  ['walk_in', 10],
  ['mobile_app', 7],
  ['other', 3],
];
const afterHoursChannels: (readonly [Channel, number])[] = [
  ['portal', 60],
  ['email', 25],
  ['mobile_app', 15],
];

/** Median minutes until assignment and until the first response, by priority. */
const assignMedian: Record<Priority, number> = { 1: 3, 2: 10, 3: 15, 4: 40 };
const responseMedian: Record<Priority, number> = { 1: 8, 2: 20, 3: 35, 4: 90 };
/** Median office-hour minutes of work until resolution, by priority. */
const workMedian: Record<Priority, number> = { 1: 80, 2: 150, 3: 300, 4: 600 };

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit && count < 1_000) {
    count += 1;
    product *= random.next();
  }
  return count;
}

function shift(level: Level, by: number): Level {
  return Math.min(3, Math.max(1, level + by)) as Level;
}

/**
 * Moves an instant by office-hour minutes, or by calendar minutes for critical cases and for the
 * staff on duty after hours, rounded to the second.
 */
function advance(priority: Priority | 'on_duty', fromMs: number, minutes: number): number {
  const calendar = priority === 1 || priority === 'on_duty';
  const instant = calendar ? fromMs + minutes * minuteMs : addWorkingMinutes(fromMs, minutes);
  return Math.round(instant / 1000) * 1000;
}

/**
 * Returns the first instant at which an open clock reaches its target, or null if it never does.
 * The clock stops during the waits and while the case is resolved, and each wait also moves the
 * due instant later.
 */
function firstInstantPastDue(
  openedAt: number,
  targetMs: number,
  waits: [number, number][],
  stopped: [number, number][],
  endAt: number,
): number | null {
  const active: [number, number][] = [];
  const breaks = [...waits, ...stopped].sort((a, b) => a[0] - b[0]);
  let cursor = openedAt;
  for (const [from, to] of breaks) {
    if (from > cursor) active.push([cursor, Math.min(from, endAt)]);
    cursor = Math.max(cursor, to);
  }
  if (cursor < endAt) active.push([cursor, endAt]);
  for (const [from, to] of active) {
    if (from >= to) continue;
    const pausedBefore = waits.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, from) - a), 0);
    const due = openedAt + targetMs + pausedBefore;
    if (due <= from) return from;
    if (due < to) return due;
  }
  return null;
}

interface Step {
  at: number;
  actorEmail: string | null;
  action: string;
  details?: Record<string, unknown>;
  changes?: [field: string, oldValue: PlanValue, newValue: PlanValue][];
  message?: Omit<PlannedMessage, 'step' | 'at' | 'authorEmail'>;
}

interface ClockInput {
  openedAt: number;
  respondedAt: number;
  resolvedAt: number;
  firstResponseTargetMs: number;
  resolutionTargetMs: number;
  warningShare: number;
  waits: [number, number][];
  stopped: [number, number][];
}

/**
 * Builds the 'sla_warning' and 'sla_breached' steps that the workflow's timers would have written
 * for a case with the given timeline. The first response is met before any wait begins.
 */
function clockSteps(input: ClockInput): {
  steps: Step[];
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
} {
  const { openedAt, waits, stopped } = input;
  const pausedMs = waits.reduce((sum, [from, to]) => sum + (to - from), 0);
  const firstResponseWarn = firstInstantPastDue(
    openedAt,
    input.firstResponseTargetMs * input.warningShare,
    [],
    [],
    input.respondedAt,
  );
  const firstResponseBreach = firstInstantPastDue(
    openedAt,
    input.firstResponseTargetMs,
    [],
    [],
    input.respondedAt,
  );
  const resolutionWarn = firstInstantPastDue(
    openedAt,
    input.resolutionTargetMs * input.warningShare,
    waits,
    stopped,
    input.resolvedAt,
  );
  const resolutionBreach = firstInstantPastDue(
    openedAt,
    input.resolutionTargetMs,
    waits,
    stopped,
    input.resolvedAt,
  );

  const steps: Step[] = [];
  const clockStep = (at: number | null, action: string, target: string, dueAt: number): void => {
    if (at === null) return;
    steps.push({
      at,
      actorEmail: null,
      action,
      details: { target, dueAt: new Date(dueAt).toISOString() },
    });
  };
  const firstResponseDueAt = openedAt + input.firstResponseTargetMs;
  const resolutionDueAt = openedAt + input.resolutionTargetMs + pausedMs;
  // A breach due at the same moment as its warning replaces it, as in the workflow.
  if (firstResponseBreach === null || firstResponseWarn !== firstResponseBreach) {
    clockStep(firstResponseWarn, 'sla_warning', 'firstResponse', firstResponseDueAt);
  }
  clockStep(firstResponseBreach, 'sla_breached', 'firstResponse', firstResponseDueAt);
  if (resolutionBreach === null || resolutionWarn !== resolutionBreach) {
    clockStep(resolutionWarn, 'sla_warning', 'resolution', resolutionDueAt);
  }
  clockStep(resolutionBreach, 'sla_breached', 'resolution', resolutionDueAt);

  return {
    steps,
    firstResponseBreached: firstResponseBreach !== null,
    resolutionBreached: resolutionBreach !== null,
  };
}

/**
 * Turns the steps into history rows and timeline messages as the workflow writes them: steps in
 * time order and numbered from 1, a row for each step's action, then one per changed field.
 */
function timelineRows(steps: Step[]): {
  history: PlannedHistory[];
  messages: PlannedMessage[];
  lastStep: number;
} {
  // A stable sort keeps the order of steps at the same instant.
  const ordered = steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.at - b.step.at || a.index - b.index);
  const history: PlannedHistory[] = [];
  const messages: PlannedMessage[] = [];
  ordered.forEach(({ step }, index) => {
    const number = index + 1;
    history.push({
      step: number,
      at: step.at,
      actorEmail: step.actorEmail,
      action: step.action,
      field: null,
      oldValue: null,
      newValue: null,
      details: step.details ?? null,
    });
    for (const [field, oldValue, newValue] of step.changes ?? []) {
      history.push({
        step: number,
        at: step.at,
        actorEmail: step.actorEmail,
        action: field === 'status' ? 'status' : step.action,
        field,
        oldValue,
        newValue,
        details: null,
      });
    }
    if (step.message) {
      messages.push({ ...step.message, step: number, at: step.at, authorEmail: step.actorEmail });
    }
  });
  return { history, messages, lastStep: ordered.length };
}

/** Builds one case: its timeline of steps, then the columns that the timeline implies. */
function planCase(
  input: HistoryInput,
  random: Random,
  openedAt: number,
  pools: Pools,
): PlannedCase | null {
  const categoryCode = random.weighted(
    input.categories.map(
      (category) => [category.code, categoryWeights[category.code] ?? 1] as const,
    ),
  );
  const category = input.categories.find((entry) => entry.code === categoryCode) as PlanCategory;
  const texts = categoryTexts[categoryCode];
  if (!texts) throw new Error(`no demo texts for category ${categoryCode}`);

  const wantsStudent = studentCategories.has(categoryCode) ? 0.75 : 0.2;
  const customerPool = random.chance(0.12)
    ? pools.featured
    : random.chance(wantsStudent)
      ? pools.students
      : pools.staff;
  const requester = random.pick(customerPool);
  const language = requester.language;
  const place = random.pick(places);

  const office = isOfficeHours(openedAt);
  const channel = random.weighted(office ? officeChannels : afterHoursChannels);
  const deskLogged = channel === 'phone' || channel === 'walk_in' || channel === 'other';
  const agents = pools.agents;
  const createdBy = deskLogged ? random.pick(agents).email : requester.email;

  let impact = category.impact;
  let urgency = category.urgency;
  if (random.chance(0.15)) urgency = shift(urgency, random.chance(0.5) ? -1 : 1);
  if (random.chance(0.05)) impact = shift(impact, -1);
  const priority = priorityFrom(impact, urgency);

  const unitWorkers = pools.workersByUnit.get(category.unitCode) ?? [];
  const head = pools.headByUnit.get(category.unitCode);
  if (unitWorkers.length === 0 || !head)
    throw new Error(`unit ${category.unitCode} has no technician or head`);
  const assignee = random.chance(0.08) ? head : random.pick(unitWorkers);
  const assigner = random.chance(0.75) ? random.pick(agents) : head;

  const target = input.targets[priority];
  const firstResponseTargetMs = target.firstResponseMinutes * minuteMs;
  const resolutionTargetMs = target.resolutionMinutes * minuteMs;

  const steps: Step[] = [];
  const waits: [number, number][] = [];
  const stopped: [number, number][] = [];
  let status = 'new';
  const setStatus = (next: string): [string, PlanValue, PlanValue] => {
    const change: [string, PlanValue, PlanValue] = ['status', status, next];
    status = next;
    return change;
  };

  steps.push({
    at: openedAt,
    actorEmail: createdBy,
    action: 'opened',
    details: { channel },
    changes: [['status', null, 'new']],
  });

  // Tentukan & agihkan: assign to a technician of the category's unit. After office hours the
  // staff on duty take most cases, low-priority ones less often.
  const intake = !office && random.chance(priority <= 3 ? 0.8 : 0.5) ? 'on_duty' : priority;
  const assignedAt = advance(
    intake,
    openedAt + minuteMs,
    random.logNormal(assignMedian[priority], 0.7),
  );
  steps.push({
    at: assignedAt,
    actorEmail: assigner.email,
    action: 'assigned',
    details: {
      reason: inLanguage(
        { ms: 'Diagihkan mengikut kategori aduan', en: 'Assigned by complaint category' },
        assigner.language,
      ),
    },
    changes: [setStatus('assigned'), ['assigneeId', null, { personEmail: assignee.email }]],
  });

  // First response: a public reply or the assignee's first work log.
  let worker = assignee;
  let workMinutes = 0;
  const respondedAt = advance(
    intake,
    assignedAt + minuteMs,
    random.logNormal(responseMedian[priority], 0.8),
  );
  const replyFirst = random.chance(0.6);
  if (replyFirst) {
    steps.push({
      at: respondedAt,
      actorEmail: worker.email,
      action: 'replied',
      changes: [setStatus('in_progress')],
      message: {
        kind: 'reply',
        visibility: 'public',
        body: inLanguage(random.pick(firstReplies), language),
        minutes: null,
      },
    });
  } else {
    const minutes = random.int(10, 60);
    workMinutes += minutes;
    steps.push({
      at: respondedAt,
      actorEmail: worker.email,
      action: 'work_logged',
      details: { minutes },
      changes: [setStatus('in_progress')],
      message: {
        kind: 'work_log',
        visibility: 'internal',
        body: inLanguage(texts.workLog, worker.language),
        minutes,
      },
    });
  }
  let cursor = respondedAt;

  // Reassignment within the unit, now and then.
  let reassignmentCount = 0;
  if (unitWorkers.length > 1 && random.chance(0.06)) {
    const other = random.pick(unitWorkers.filter((person) => person.email !== worker.email));
    cursor = advance(priority, cursor + minuteMs, random.logNormal(60, 0.6));
    steps.push({
      at: cursor,
      actorEmail: head.email,
      action: 'assigned',
      details: {
        reason: inLanguage(
          {
            ms: 'Dipindahkan kepada juruteknik yang lebih berpengalaman',
            en: 'Moved to a more experienced technician',
          },
          head.language,
        ),
      },
      changes: [
        setStatus('assigned'),
        ['assigneeId', { personEmail: worker.email }, { personEmail: other.email }],
      ],
    });
    reassignmentCount += 1;
    worker = other;
    const minutes = random.int(15, 90);
    workMinutes += minutes;
    cursor = advance(priority, cursor + minuteMs, random.logNormal(40, 0.6));
    steps.push({
      at: cursor,
      actorEmail: worker.email,
      action: 'work_logged',
      details: { minutes },
      changes: [setStatus('in_progress')],
      message: {
        kind: 'work_log',
        visibility: 'internal',
        body: inLanguage(texts.workLog, worker.language),
        minutes,
      },
    });
  }

  // Waiting for the customer or a supplier pauses the clock; resuming moves both deadlines.
  let pausedMs = 0;
  const dueAt = (targetMs: number): string =>
    new Date(openedAt + targetMs + pausedMs).toISOString();
  const wait = (reason: 'customer' | 'supplier'): void => {
    cursor = advance(priority, cursor + minuteMs, random.logNormal(60, 0.7));
    const forCustomer = reason === 'customer';
    steps.push({
      at: cursor,
      actorEmail: worker.email,
      action: 'waiting',
      details: { reason },
      changes: [
        setStatus(forCustomer ? 'waiting_customer' : 'waiting_supplier'),
        ['waitingFor', null, reason],
      ],
      message: forCustomer
        ? {
            kind: 'reply',
            visibility: 'public',
            body: inLanguage(random.pick(customerQuestions), language),
            minutes: null,
          }
        : {
            kind: 'note',
            visibility: 'internal',
            body: inLanguage(random.pick(supplierNotes), worker.language),
            minutes: null,
          },
    });

    const pausedFrom = cursor;
    // Capped at 5 days for the customer and 14 for a supplier, so that both waits together stay
    // within pausedMs, a 32-bit column of milliseconds (24.8 days).
    const pauseMs = forCustomer
      ? Math.min(5 * dayMs, random.logNormal(18 * hourMs, 0.9))
      : Math.min(14 * dayMs, random.logNormal(4 * dayMs, 0.6));
    cursor = Math.round(cursor + Math.max(10 * minuteMs, pauseMs));
    waits.push([pausedFrom, cursor]);

    const before = [dueAt(firstResponseTargetMs), dueAt(resolutionTargetMs)];
    pausedMs += cursor - pausedFrom;
    const moved: [string, PlanValue, PlanValue][] = [
      ['firstResponseDueAt', before[0] ?? null, dueAt(firstResponseTargetMs)],
      ['resolutionDueAt', before[1] ?? null, dueAt(resolutionTargetMs)],
    ];

    if (forCustomer && random.chance(0.8)) {
      steps.push({
        at: cursor,
        actorEmail: requester.email,
        action: 'customer_replied',
        changes: [setStatus('in_progress'), ['waitingFor', 'customer', null], ...moved],
        message: {
          kind: 'customer_reply',
          visibility: 'public',
          body: inLanguage(random.pick(customerAnswers), language),
          minutes: null,
        },
      });
    } else {
      steps.push({
        at: cursor,
        actorEmail: worker.email,
        action: 'resumed',
        changes: [setStatus('in_progress'), ['waitingFor', reason, null], ...moved],
      });
    }
  };
  if (random.chance(0.18)) wait('customer');
  if (supplierCategories.has(categoryCode) && random.chance(0.18)) wait('supplier');

  // Laksana penyelenggaraan: the work, then the resolution.
  const resolveOnce = (note: string): number => {
    const totalWork = Math.max(15, random.logNormal(workMedian[priority], 0.8));
    const logs = random.int(1, 3);
    for (let index = 0; index < logs; index += 1) {
      cursor = advance(priority, cursor + minuteMs, totalWork / logs);
      const minutes = Math.min(24 * 60, Math.max(5, Math.round(random.logNormal(45, 0.6))));
      workMinutes += minutes;
      steps.push({
        at: cursor,
        actorEmail: worker.email,
        action: 'work_logged',
        details: { minutes },
        changes: [],
        message: {
          kind: 'work_log',
          visibility: 'internal',
          body: inLanguage(texts.workLog, worker.language),
          minutes,
        },
      });
    }
    cursor = advance(priority, cursor + minuteMs, random.logNormal(20, 0.5));
    steps.push({
      at: cursor,
      actorEmail: worker.email,
      action: 'resolved',
      changes: [setStatus('resolved')],
      message: { kind: 'resolution', visibility: 'public', body: note, minutes: null },
    });
    return cursor;
  };
  const resolutionNote = inLanguage(texts.resolution, language);
  let resolvedAt = resolveOnce(resolutionNote);

  // Dibuka semula: a few customers reopen within the confirmation window.
  let reopenCount = 0;
  if (random.chance(0.04)) {
    const reopenedAt = Math.round(resolvedAt + random.logNormal(20 * hourMs, 0.6));
    if (reopenedAt < resolvedAt + input.confirmationWindowHours * hourMs) {
      stopped.push([resolvedAt, reopenedAt]);
      cursor = reopenedAt;
      steps.push({
        at: cursor,
        actorEmail: requester.email,
        action: 'reopened',
        details: { reason: inLanguage(random.pick(reopenReasons), language) },
        changes: [setStatus('in_progress'), ['reopenCount', '0', '1']],
      });
      reopenCount = 1;
      resolvedAt = resolveOnce(resolutionNote);
    }
  }

  // The customer confirms, or the case closes itself when the confirmation window ends.
  const confirmed = random.chance(0.5);
  const closedAt = confirmed
    ? Math.round(
        resolvedAt +
          Math.min(random.logNormal(8 * hourMs, 1), (input.confirmationWindowHours - 1) * hourMs),
      )
    : resolvedAt + input.confirmationWindowHours * hourMs;
  steps.push({
    at: closedAt,
    actorEmail: confirmed ? requester.email : null,
    action: confirmed ? 'confirmed' : 'auto_closed',
    changes: [setStatus('closed')],
  });

  // Service-level warnings and breaches, where the clock ran out before the response or fix.
  const clock = clockSteps({
    openedAt,
    respondedAt,
    resolvedAt,
    firstResponseTargetMs,
    resolutionTargetMs,
    warningShare: input.warningShare,
    waits,
    stopped,
  });
  steps.push(...clock.steps);

  // The rating: often when confirming, rarely after the case closed by itself.
  let rating: PlannedCase['rating'] = null;
  const breached = clock.firstResponseBreached || clock.resolutionBreached;
  if (random.chance(confirmed ? 0.65 : 0.2)) {
    const at = Math.round(
      closedAt + (confirmed ? random.int(1, 20) * minuteMs : random.logNormal(2 * dayMs, 0.8)),
    );
    const score =
      breached || reopenCount > 0
        ? random.weighted([
            [5, 15],
            [4, 30],
            [3, 25],
            [2, 18],
            [1, 12],
          ] as const)
        : random.weighted([
            [5, 48],
            [4, 34],
            [3, 11],
            [2, 4],
            [1, 3],
          ] as const);
    const comment = random.chance(0.4)
      ? inLanguage(random.pick(ratingComments[score >= 4 ? 'good' : 'bad']), language)
      : '';
    rating = { score, comment, at };
    steps.push({ at, actorEmail: requester.email, action: 'rated', details: { score } });
  }

  const last = Math.max(...steps.map((step) => step.at));
  if (last >= input.end.getTime()) return null;

  const { history, messages, lastStep } = timelineRows(steps);

  const title = inLanguage(random.pick(texts.titles), language);
  return {
    id: random.uuid(),
    referenceYear: localTime(openedAt).year,
    title,
    description: withPlace(inLanguage(texts.description, language), place),
    language,
    channel,
    priority,
    impact,
    urgency,
    categoryCode,
    requesterEmail: requester.email,
    createdByEmail: createdBy,
    unitCode: category.unitCode,
    assigneeEmail: worker.email,
    openedAt,
    firstRespondedAt: respondedAt,
    resolvedAt,
    closedAt,
    firstResponseDueAt: openedAt + firstResponseTargetMs + pausedMs,
    resolutionDueAt: openedAt + resolutionTargetMs + pausedMs,
    firstResponseBreached: clock.firstResponseBreached,
    resolutionBreached: clock.resolutionBreached,
    pausedMs,
    reopenCount,
    reassignmentCount,
    workMinutes,
    resolutionNote,
    rating,
    updatedAt: last,
    lastStep,
    history,
    messages,
  };
}

interface Pools {
  featured: PlanCustomer[];
  students: PlanCustomer[];
  staff: PlanCustomer[];
  agents: PlanStaff[];
  workersByUnit: Map<string, PlanStaff[]>;
  headByUnit: Map<string, PlanStaff>;
}

function poolsOf(input: HistoryInput): Pools {
  const workersByUnit = new Map<string, PlanStaff[]>();
  const headByUnit = new Map<string, PlanStaff>();
  for (const person of input.staff) {
    if (!person.unitCode) continue;
    if (person.kind === 'head') headByUnit.set(person.unitCode, person);
    if (person.kind === 'technician') {
      workersByUnit.set(person.unitCode, [...(workersByUnit.get(person.unitCode) ?? []), person]);
    }
  }
  const generated = input.customers.filter((customer) => !customer.featured);
  return {
    featured: input.customers.filter((customer) => customer.featured),
    students: generated.filter((customer) => customer.kind === 'student'),
    staff: generated.filter((customer) => customer.kind !== 'student'),
    agents: input.staff.filter((person) => person.kind === 'agent'),
    workersByUnit,
    headByUnit,
  };
}

/**
 * Plans the closed cases of the `days` days before `end`, in order of opening. Cases that would
 * still be open at `end` are left out: the live demo cases stand for those.
 */
export function planHistory(input: HistoryInput): PlannedCase[] {
  const random = createRandom(input.seed).fork('history');
  const pools = poolsOf(input);
  for (const pool of [pools.featured, pools.students, pools.staff, pools.agents]) {
    if (pool.length === 0)
      throw new Error('planHistory needs agents, featured, student and staff customers');
  }

  const endMs = input.end.getTime();
  const firstDay = localMidnight(endMs - input.days * dayMs);
  const planned: PlannedCase[] = [];
  for (let day = firstDay; day < endMs; day += dayMs) {
    const local = localTime(day + 12 * hourMs);
    const count = poisson(random, input.casesPerWorkingDay * dayFactor(local));
    const quiet = dayFactor(local) < 0.5;
    const arrivals: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const hour = random.weighted(quiet ? quietDayHours : workingDayHours);
      arrivals.push(day + hour * hourMs + random.int(0, 59) * minuteMs + random.int(0, 59) * 1000);
    }
    arrivals.sort((a, b) => a - b);
    for (const openedAt of arrivals) {
      if (openedAt >= endMs) continue;
      const plannedCase = planCase(input, random.fork(`case:${openedAt}`), openedAt, pools);
      if (plannedCase) planned.push(plannedCase);
    }
  }
  return planned;
}
