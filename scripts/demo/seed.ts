/**
 * Loads the demo organisation and its year of closed cases into a bootstrapped database. Each part
 * is skipped when it is already there, so a second start only checks.
 */
import { hashPassword } from '../../activities/identity/passwords';
import type { Priority } from '../../common/enums';
import type { Logger } from '../../common/logger';
import type { Database } from '../../db/client';
import { slaTargets } from '../../db/schema';
import { referenceServices, unitCodes } from '../../db/seed/reference';
import { planHistory, type HistoryInput, type PlanCategory, type PlanStaff } from './history';
import { countDemoHistory, storeHistory } from './history-store';
import { demoPeople, demoSeed, loadDemoPeople, type DemoPerson } from './organisation';

export interface SeedOptions {
  db: Database;
  logger: Logger;
  password: string;
  /** The instant the history ends; now, unless a test fixes it. */
  end?: Date;
  seed?: number;
  /** Average new cases on a working day; about 8 gives a year of about 2,000 cases. */
  casesPerWorkingDay?: number;
  confirmationWindowHours: number;
  warningShare: number;
}

export interface SeedResult {
  people: DemoPerson[];
  personIds: Map<string, string>;
  unitIds: Map<string, string>;
  /** Cases written now; 0 when the history was already loaded. */
  historyCases: number;
}

/** Lists the catalogue's categories with the unit that receives them, from the reference data. */
export function planCategories(): PlanCategory[] {
  return referenceServices.flatMap((service) =>
    service.categories.map((category) => ({
      code: category.code,
      unitCode: unitCodes[category.unit ?? service.unit],
      impact: category.impact,
      urgency: category.urgency,
    })),
  );
}

/** Lists the staff who work cases in the history: agents, unit heads and technicians, by unit. */
export function planStaff(everyone: DemoPerson[]): PlanStaff[] {
  const staff: PlanStaff[] = [];
  for (const person of everyone) {
    const unit = person.units[0];
    if (person.roles.includes('agent')) {
      staff.push({
        email: person.email,
        language: person.language,
        kind: 'agent',
        unitCode: unit?.code ?? null,
      });
    } else if (unit?.role === 'head') {
      staff.push({
        email: person.email,
        language: person.language,
        kind: 'head',
        unitCode: unit.code,
      });
    } else if (person.roles.includes('technician') && unit) {
      staff.push({
        email: person.email,
        language: person.language,
        kind: 'technician',
        unitCode: unit.code,
      });
    }
  }
  return staff;
}

export function historyInput(
  everyone: DemoPerson[],
  targets: HistoryInput['targets'],
  options: Pick<
    SeedOptions,
    'end' | 'seed' | 'casesPerWorkingDay' | 'confirmationWindowHours' | 'warningShare'
  >,
): HistoryInput {
  return {
    seed: options.seed ?? demoSeed,
    end: options.end ?? new Date(),
    days: 365,
    casesPerWorkingDay: options.casesPerWorkingDay ?? 8,
    categories: planCategories(),
    staff: planStaff(everyone),
    customers: everyone
      .filter((person) => person.roles.length === 1 && person.roles[0] === 'customer')
      .map((person) => ({
        email: person.email,
        language: person.language,
        kind: person.kind,
        featured: person.signsIn,
      })),
    targets,
    confirmationWindowHours: options.confirmationWindowHours,
    warningShare: options.warningShare,
  };
}

async function loadTargets(db: Database): Promise<HistoryInput['targets']> {
  const rows = await db.select().from(slaTargets);
  const targets: Partial<HistoryInput['targets']> = {};
  for (const row of rows) {
    targets[row.priority as Priority] = {
      firstResponseMinutes: row.firstResponseMinutes,
      resolutionMinutes: row.resolutionMinutes,
    };
  }
  for (const priority of [1, 2, 3, 4] as const) {
    if (!targets[priority])
      throw new Error(
        `sla_targets has no row for priority ${priority}: load the reference data first`,
      );
  }
  return targets as HistoryInput['targets'];
}

/** Loads the people (always, as an upsert) and the history (once). */
export async function seedOrganisation(options: SeedOptions): Promise<SeedResult> {
  const { db, logger } = options;
  const everyone = demoPeople(options.seed ?? demoSeed);
  const started = Date.now();
  // One hash for every account, because they share the demo password; argon2id takes ~50 ms each.
  const passwordHash = await hashPassword(options.password);
  const { personIds, unitIds } = await loadDemoPeople(db, everyone, passwordHash);
  logger.info({ people: everyone.length, ms: Date.now() - started }, 'demo people loaded');

  let historyCases = 0;
  if ((await countDemoHistory(db)) === 0) {
    const planStarted = Date.now();
    const plan = planHistory(historyInput(everyone, await loadTargets(db), options));
    const references = await storeHistory(db, plan, { personIds, unitIds });
    historyCases = references.length;
    logger.info(
      {
        cases: historyCases,
        first: references[0],
        last: references.at(-1),
        ms: Date.now() - planStarted,
      },
      'demo history of closed cases loaded',
    );
  }
  return { people: everyone, personIds, unitIds, historyCases };
}
