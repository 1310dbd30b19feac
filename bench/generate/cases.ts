/**
 * Rows of generated cases and their status histories, a pure function of the seed, the size and
 * the organisation in `GeneratorContext`. Opening times follow office hours, the working week and
 * the academic year. The status of a case depends only on its age at the end of the period, and its
 * category only on fixed weights, so category and status are independent by construction.
 */
import { priorityFrom, type CaseStatus, type Channel, type Level } from '../../common/enums';
import { complaintPrefix } from '../../common/complaint';
import { formatReference } from '../../activities/cases/reference';
import {
  addWorkingMinutes,
  dayFactor,
  dayMs,
  hourMs,
  localTime,
  minuteMs,
} from '../../scripts/demo/calendar';
import { createRandom, type Random } from '../../scripts/demo/random';
import { caseText, ratingComment } from './texts';

export interface GeneratorCategory {
  id: string;
  code: string;
  serviceId: string;
  unitId: string;
  impact: Level;
  urgency: Level;
}

export interface GeneratorContext {
  categories: GeneratorCategory[];
  /** Person ids of the generated customers. */
  customers: string[];
  /** Person ids of the service-desk agents, who log phone and walk-in cases and assign. */
  agents: string[];
  /** Technician ids by unit id. */
  technicians: Map<string, string[]>;
  /** Service targets in working minutes, by priority. */
  targets: Map<number, { firstResponseMinutes: number; resolutionMinutes: number }>;
}

export interface GenerateOptions {
  seed: number;
  cases: number;
  /** The instant the generated period ends; every event happens before it. */
  endMs: number;
}

/** The `source` column of generated cases. */
export const generatedSource = 'generated';

/** One row of `cases`, keyed by column name; values are ready for COPY or a parameter. */
export type Row = Record<string, string | number | boolean | null>;

export interface GeneratedCase {
  caseRow: Row;
  historyRows: Row[];
}

/** Cases per year of generated history; the period grows with the size, up to eight years. */
const casesPerYear = 150_000;
const confirmationWindowMs = 3 * dayMs;

/** Relative volume per local hour on a working day and on a weekend or holiday. */
const workingDayHours = [
  0.05, 0.03, 0.02, 0.02, 0.02, 0.05, 0.1, 0.4, 1.2, 1.7, 1.8, 1.5, 0.8, 1.0, 1.5, 1.4, 1.1, 0.5,
  0.3, 0.3, 0.3, 0.25, 0.15, 0.08,
];
const restDayHours = [
  0.1, 0.05, 0.03, 0.03, 0.03, 0.05, 0.1, 0.2, 0.4, 0.6, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5,
  0.5, 0.6, 0.6, 0.5, 0.3, 0.15,
];

const channelWeights: (readonly [Channel, number])[] = [
  ['portal', 55],
  ['email', 20],
  ['phone', 12],
  ['walk_in', 6],
  ['mobile_app', 6],
  ['other', 1],
];

const openStatusWeights: (readonly [CaseStatus, number])[] = [
  ['new', 15],
  ['assigned', 20],
  ['in_progress', 40],
  ['waiting_customer', 15],
  ['waiting_supplier', 10],
];

const ratingWeights: (readonly [number, number])[] = [
  [5, 45],
  [4, 30],
  [3, 13],
  [2, 7],
  [1, 5],
];

/** Returns the share of cases still open at the given age in days at the end of the period. */
function openShare(ageDays: number): number {
  if (ageDays < 1) return 0.9;
  if (ageDays < 3) return 0.55;
  if (ageDays < 10) return 0.2;
  if (ageDays < 45) return 0.04;
  return 0.003;
}

/** Draws the opening instants of every case, sorted, by day volume and hour of day. */
export function openingTimes(random: Random, count: number, endMs: number): Float64Array {
  const years = Math.min(8, Math.max(1, Math.ceil(count / casesPerYear)));
  const days = Math.round(years * 365.25);
  const firstDayMs = endMs - days * dayMs;
  const cumulative = new Float64Array(days);
  let total = 0;
  for (let day = 0; day < days; day += 1) {
    total += dayFactor(localTime(firstDayMs + day * dayMs + 12 * hourMs));
    cumulative[day] = total;
  }

  const workingDayPicks = workingDayHours.map((weight, hour) => [hour, weight] as const);
  const restDayPicks = restDayHours.map((weight, hour) => [hour, weight] as const);
  const times = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    const point = random.next() * total;
    let low = 0;
    let high = days - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < point) low = middle + 1;
      else high = middle;
    }
    // Midnight of the chosen local day: Malaysia is UTC+8 all year.
    const dayStart =
      Math.floor((firstDayMs + low * dayMs + 8 * hourMs) / dayMs) * dayMs - 8 * hourMs;
    const restDay = dayFactor(localTime(dayStart + 12 * hourMs)) < 0.3;
    const hour = random.weighted(restDay ? restDayPicks : workingDayPicks);
    times[index] = Math.min(endMs - minuteMs, dayStart + hour * hourMs + random.next() * hourMs);
  }
  times.sort();
  return times;
}

/** Caps a sampled duration at about a working year, beyond which the calendar walk gives up. */
function afterWorkingMinutes(startMs: number, minutes: number): number {
  return addWorkingMinutes(startMs, Math.min(minutes, 100_000));
}

function isoTime(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

/** Customers file cases unevenly: the square skews picks towards the start of the list. */
function pickCustomer(random: Random, customers: string[]): string {
  const index = Math.floor(random.next() ** 2 * customers.length);
  return customers[index] as string;
}

function shiftLevel(random: Random, level: Level): Level {
  if (!random.chance(0.2)) return level;
  const shifted = level + (random.chance(0.5) ? -1 : 1);
  return Math.min(3, Math.max(1, shifted)) as Level;
}

/** Lays out the status path of one case up to its current status, with the time of each step. */
function statusPath(status: CaseStatus): CaseStatus[] {
  switch (status) {
    case 'new':
      return ['new'];
    case 'assigned':
      return ['new', 'assigned'];
    case 'in_progress':
      return ['new', 'assigned', 'in_progress'];
    case 'waiting_customer':
    case 'waiting_supplier':
      return ['new', 'assigned', 'in_progress', status];
    case 'resolved':
      return ['new', 'assigned', 'in_progress', 'resolved'];
    case 'closed':
      return ['new', 'assigned', 'in_progress', 'resolved', 'closed'];
  }
}

/**
 * Yields the generated cases in order of opening, each with its history rows. References follow
 * the yearly sequence of live complaints. `lastValues` receives the last number used per year, so
 * the caller can move the reference counters past them.
 */
export function* generateCases(
  context: GeneratorContext,
  options: GenerateOptions,
  lastValues: Map<number, number>,
): Generator<GeneratedCase> {
  if (context.categories.length === 0) throw new Error('the catalogue has no categories');
  if (context.customers.length === 0) throw new Error('no customers to file the cases');
  const random = createRandom(options.seed);
  const times = openingTimes(random.fork('opening'), options.cases, options.endMs);
  const categoryWeights = context.categories.map(
    (category) => [category, 1 + random.next() * 9] as const,
  );

  for (let index = 0; index < options.cases; index += 1) {
    const openedMs = times[index] as number;
    const category = random.weighted(categoryWeights);
    const channel = random.weighted(channelWeights);
    const requesterId = pickCustomer(random, context.customers);
    const loggedByAgent = channel === 'phone' || channel === 'walk_in';
    const createdById = loggedByAgent ? random.pick(context.agents) : requesterId;
    const impact = shiftLevel(random, category.impact);
    const urgency = shiftLevel(random, category.urgency);
    const priority = priorityFrom(impact, urgency);
    const target = context.targets.get(priority) ?? {
      firstResponseMinutes: 240,
      resolutionMinutes: 1440,
    };
    const firstResponseDueMs = addWorkingMinutes(openedMs, target.firstResponseMinutes);
    const resolutionDueMs = addWorkingMinutes(openedMs, target.resolutionMinutes);

    const year = localTime(openedMs).year;
    const number = (lastValues.get(year) ?? 0) + 1;
    lastValues.set(year, number);
    const reference = formatReference(complaintPrefix, year, number);
    const language = random.chance(0.7) ? 'ms' : 'en';
    const text = caseText(random, category.code, language);

    const ageDays = (options.endMs - openedMs) / dayMs;
    const open = random.chance(openShare(ageDays));
    const spanMs = options.endMs - openedMs;
    const assignedMs = Math.min(
      openedMs + spanMs * 0.05,
      afterWorkingMinutes(openedMs, random.logNormal(20, 0.8)),
    );
    const respondedMs = Math.max(
      assignedMs,
      Math.min(
        openedMs + spanMs * 0.1,
        afterWorkingMinutes(openedMs, random.logNormal(target.firstResponseMinutes * 0.4, 0.9)),
      ),
    );
    let resolvedMs = afterWorkingMinutes(
      openedMs,
      random.logNormal(target.resolutionMinutes * 0.45, 1),
    );
    if (resolvedMs <= respondedMs || resolvedMs >= options.endMs) {
      resolvedMs = respondedMs + (options.endMs - respondedMs) * (0.2 + random.next() * 0.7);
    }
    const autoClose = random.chance(0.5);
    const closedMs = autoClose
      ? resolvedMs + confirmationWindowMs
      : resolvedMs + random.logNormal(4 * hourMs, 1);

    let status: CaseStatus;
    if (open) status = random.weighted(openStatusWeights);
    else status = closedMs < options.endMs ? 'closed' : 'resolved';

    const unitId = category.unitId;
    const technicians = context.technicians.get(unitId) ?? [];
    const assigneeId =
      status === 'new' || technicians.length === 0 ? null : random.pick(technicians);
    const assignerId = random.pick(context.agents);
    const done = status === 'resolved' || status === 'closed';
    const responded = status !== 'new' && status !== 'assigned';
    const waitingFor =
      status === 'waiting_customer'
        ? 'customer'
        : status === 'waiting_supplier'
          ? 'supplier'
          : null;
    const rated = status === 'closed' && random.chance(0.35);
    const rating = rated ? random.weighted(ratingWeights) : null;

    const stepTimes: Record<CaseStatus, number> = {
      new: openedMs,
      assigned: assignedMs,
      in_progress: respondedMs,
      waiting_customer: respondedMs + (options.endMs - respondedMs) * 0.3,
      waiting_supplier: respondedMs + (options.endMs - respondedMs) * 0.3,
      resolved: resolvedMs,
      closed: closedMs,
    };
    const lastChangeMs = stepTimes[status];
    const path = statusPath(status);

    const id = random.uuid();
    const caseRow: Row = {
      id,
      reference,
      type: 'incident',
      title: text.title,
      description: text.description,
      status,
      channel,
      priority,
      impact,
      urgency,
      service_id: category.serviceId,
      category_id: category.id,
      requester_id: requesterId,
      created_by_id: createdById,
      unit_id: unitId,
      assignee_id: assigneeId,
      workflow_id: null,
      waiting_for: waitingFor,
      opened_at: isoTime(openedMs),
      first_responded_at: responded ? isoTime(respondedMs) : null,
      resolved_at: done ? isoTime(resolvedMs) : null,
      closed_at: status === 'closed' ? isoTime(closedMs) : null,
      first_response_due_at: isoTime(firstResponseDueMs),
      resolution_due_at: isoTime(resolutionDueMs),
      first_response_breached: responded
        ? respondedMs > firstResponseDueMs
        : options.endMs > firstResponseDueMs,
      resolution_breached: done ? resolvedMs > resolutionDueMs : options.endMs > resolutionDueMs,
      paused_ms: 0,
      reopen_count: 0,
      reassignment_count: 0,
      work_minutes: done ? Math.round(random.logNormal(45, 0.8)) : 0,
      resolution_note: done ? text.resolution : null,
      rating,
      rating_comment:
        rating !== null && random.chance(0.3) ? ratingComment(random, rating, language) : null,
      rated_at: rating !== null ? isoTime(closedMs) : null,
      source: generatedSource,
      external_ref: null,
      last_step: path.length,
      created_at: isoTime(openedMs),
      updated_at: isoTime(lastChangeMs),
    };

    const historyRows: Row[] = [
      {
        case_id: id,
        at: isoTime(openedMs),
        actor_id: createdById,
        action: 'opened',
        field: null,
        old_value: null,
        new_value: null,
        details: JSON.stringify({ channel, reference }),
        idempotency_key: 'generated:0',
      },
    ];
    const stepActor = (step: CaseStatus): string | null => {
      if (step === 'new') return createdById;
      if (step === 'assigned') return assignerId;
      return assigneeId;
    };
    path.forEach((step, stepIndex) => {
      historyRows.push({
        case_id: id,
        at: isoTime(stepTimes[step]),
        actor_id: stepActor(step),
        action: 'status',
        field: 'status',
        old_value: stepIndex === 0 ? null : (path[stepIndex - 1] as string),
        new_value: step,
        details: null,
        idempotency_key: `generated:${stepIndex + 1}`,
      });
    });
    yield { caseRow, historyRows };
  }
}
