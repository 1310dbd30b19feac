/**
 * The organisation behind generated cases: the reference catalogue and service targets (loaded
 * when the database has none), generated customers, service-desk agents and technicians per unit.
 */
import { sql } from 'drizzle-orm';
import type { Level } from '../../common/enums';
import { rowsOf, type Database } from '../../db/client';
import { loadReferenceData } from '../../db/seed/reference';
import { createRandom, type Random } from '../../scripts/demo/random';
import type { GeneratorContext, Row } from './cases';
import type { RowWriter } from './writers';

/** E-mail domain of generated people; `.test` is reserved, so no mail can reach anyone. */
export const generatedEmailDomain = 'gen.khidmat.test';

export const personColumns = ['id', 'email', 'name', 'kind', 'language', 'roles', 'external_id'];

const givenNames = [
  'Ahmad',
  'Nur',
  'Muhammad',
  'Siti',
  'Aisyah',
  'Hafiz',
  'Farah',
  'Amir',
  'Wei Ling',
  'Kumar',
  'Priya',
  'Chong',
  'Zulkifli',
  'Aminah',
  'Daniel',
  'Hui Min',
  'Faizal',
  'Nadia',
  'Ravi',
  'Liyana',
];
const familyNames = [
  'Abdullah',
  'Ismail',
  'Rahman',
  'Hassan',
  'Tan',
  'Lim',
  'Ong',
  'Raj',
  'Yusof',
  'Ibrahim',
  'Osman',
  'Wong',
  'Subramaniam',
  'Kassim',
  'Omar',
  'Lee',
  'Mahmud',
  'Salleh',
  'Ng',
  'Aziz',
];

export interface OrganisationOptions {
  seed: number;
  customers: number;
  techniciansPerUnit: number;
  agents: number;
}

/** Customers in proportion to the cases: one per 20 cases, at least 50, at most 50,000. */
export function customerCount(cases: number): number {
  return Math.min(50_000, Math.max(50, Math.ceil(cases / 20)));
}

function personName(random: Random): string {
  return `${random.pick(givenNames)} ${random.pick(familyNames)}`;
}

function personRow(random: Random, label: string, index: number, roles: string, kind: string): Row {
  return {
    id: random.uuid(),
    email: `${label}-${String(index).padStart(6, '0')}@${generatedEmailDomain}`,
    name: personName(random),
    kind,
    language: random.chance(0.75) ? 'ms' : 'en',
    roles,
    external_id:
      kind === 'student' ? `A${20 + (index % 7)}EC${String(index).padStart(4, '0')}` : null,
  };
}

/**
 * Writes the generated people and returns the organisation for the case generator. A database
 * that already has generated people keeps them: the labels of a second run carry its seed.
 */
export async function prepareOrganisation(
  db: Database,
  writer: RowWriter,
  options: OrganisationOptions,
): Promise<GeneratorContext> {
  const [unitCount] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from units`),
  );
  if (!unitCount || unitCount.n === 0) await loadReferenceData(db);

  const random = createRandom(options.seed).fork('organisation');
  const prefix = `s${options.seed}`;
  const units = rowsOf<{ id: string; code: string }>(
    await db.execute(sql`select id, code from units where active order by code`),
  );
  const categories = rowsOf<{
    id: string;
    code: string;
    service_id: string;
    unit_id: string | null;
    default_impact: number;
    default_urgency: number;
  }>(
    await db.execute(sql`
      select c.id, c.code, c.service_id, coalesce(c.default_unit_id, s.default_unit_id) as unit_id,
             c.default_impact, c.default_urgency
      from categories c join services s on s.id = c.service_id
      where c.active and s.active order by c.code`),
  );
  const targets = rowsOf<{
    priority: number;
    first_response_minutes: number;
    resolution_minutes: number;
  }>(
    await db.execute(
      sql`select priority, first_response_minutes, resolution_minutes from sla_targets`,
    ),
  );

  const customerRows: Row[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    const kind = random.weighted([
      ['student', 60],
      ['staff', 35],
      ['visitor', 5],
    ] as const);
    customerRows.push(personRow(random, `${prefix}-customer`, index, '{customer}', kind));
  }
  const agentRows: Row[] = [];
  for (let index = 0; index < options.agents; index += 1) {
    agentRows.push(personRow(random, `${prefix}-agent`, index, '{agent}', 'staff'));
  }
  const technicians = new Map<string, string[]>();
  const technicianRows: Row[] = [];
  const memberRows: Row[] = [];
  for (const unit of units) {
    const ids: string[] = [];
    for (let index = 0; index < options.techniciansPerUnit; index += 1) {
      const row = personRow(
        random,
        `${prefix}-${unit.code.toLowerCase()}`,
        index,
        '{technician}',
        'staff',
      );
      const personId = row.id as string;
      technicianRows.push(row);
      memberRows.push({ unit_id: unit.id, person_id: personId, role: 'member' });
      ids.push(personId);
    }
    technicians.set(unit.id, ids);
  }

  await writer.write('people', personColumns, [...customerRows, ...agentRows, ...technicianRows]);
  await writer.write('unit_members', ['unit_id', 'person_id', 'role'], memberRows);

  const fallbackUnit = units[0]?.id;
  return {
    categories: categories.flatMap((category) => {
      const unitId = category.unit_id ?? fallbackUnit;
      if (!unitId) return [];
      return [
        {
          id: category.id,
          code: category.code,
          serviceId: category.service_id,
          unitId,
          impact: category.default_impact as Level,
          urgency: category.default_urgency as Level,
        },
      ];
    }),
    customers: customerRows.map((row) => row.id as string),
    agents: agentRows.map((row) => row.id as string),
    technicians,
    targets: new Map(
      targets.map((target) => [
        target.priority,
        {
          firstResponseMinutes: target.first_response_minutes,
          resolutionMinutes: target.resolution_minutes,
        },
      ]),
    ),
  };
}
