/**
 * The people of the demo organisation, an ICT division like UTMDigital. It has one sign-in account
 * per role, unit heads and technicians in every unit, and ten customers who can sign in. A few
 * hundred generated staff and students appear only as requesters in the case history.
 */
import { sql } from 'drizzle-orm';
import type { Language, PersonKind, Role } from '../../common/enums';
import type { Database } from '../../db/client';
import { people, unitMembers, units } from '../../db/schema';
import { unitCodes } from '../../db/seed/reference';
import { createRandom, type Random } from './random';

export const demoDomain = 'demo.khidmat.test';
/** Seed of the demo's random generator: the same seed gives the same people and history. */
export const demoSeed = 20_261_204;

export type UnitCode = (typeof unitCodes)[keyof typeof unitCodes];

export interface DemoPerson {
  email: string;
  name: string;
  kind: PersonKind;
  roles: Role[];
  language: Language;
  phone: string | null;
  /** Staff or matric number. */
  externalId: string | null;
  /** Units the person works in, with 'head' for the unit head (ketua unit). */
  units: { code: UnitCode; role: 'member' | 'head' }[];
  /** True for the accounts printed at start-up, which get the demo password. */
  signsIn: boolean;
  /** Purpose of the account, printed next to it. */
  description?: string;
}

const email = (local: string) => `${local}@${demoDomain}`;

interface StaffSeed {
  local: string;
  name: string;
  roles: Role[];
  units: { code: UnitCode; role: 'member' | 'head' }[];
  language?: Language;
  description?: string;
}

const staffSeeds: StaffSeed[] = [
  {
    local: 'admin',
    name: 'Khairul Anuar bin Yaacob',
    roles: ['admin'],
    units: [],
    description: 'system administrator (pentadbir sistem)',
  },
  {
    local: 'manager',
    name: 'Prof. Madya Dr. Azman bin Hamid',
    roles: ['manager'],
    units: [],
    description: "the division's management",
  },
  {
    local: 'approver',
    name: 'Dr. Suriani binti Mohd Noor',
    roles: ['approver'],
    units: [],
    description: 'approver (pelulus)',
  },
  {
    local: 'supervisor',
    name: 'Norhayati binti Ismail',
    roles: ['supervisor'],
    units: [{ code: unitCodes.serviceDesk, role: 'head' }],
    description: 'head of Meja Bantuan (ketua unit)',
  },
  {
    local: 'agent',
    name: 'Muhammad Hafiz bin Rahman',
    roles: ['agent'],
    units: [{ code: unitCodes.serviceDesk, role: 'member' }],
    description: 'service-desk agent (ejen meja perkhidmatan)',
  },
  {
    local: 'technician',
    name: 'Mohd Faizal bin Abdullah',
    roles: ['technician'],
    units: [{ code: unitCodes.serviceDesk, role: 'member' }],
    description: 'technician of Meja Bantuan (juruteknik)',
  },
  {
    local: 'auditor',
    name: 'Haslinda binti Abu Bakar',
    roles: ['auditor'],
    units: [],
    description: 'quality coordinator (penyelaras kualiti)',
  },
  {
    local: 'siti.aminah',
    name: 'Siti Aminah binti Yusof',
    roles: ['agent'],
    units: [{ code: unitCodes.serviceDesk, role: 'member' }],
  },
  {
    local: 'lim.weijie',
    name: 'Lim Wei Jie',
    roles: ['technician'],
    units: [{ code: unitCodes.serviceDesk, role: 'member' }],
    language: 'en',
  },
  {
    local: 'kamarul.ariffin',
    name: 'Kamarul Ariffin bin Hassan',
    roles: ['supervisor'],
    units: [{ code: unitCodes.network, role: 'head' }],
  },
  {
    local: 'rajesh.subramaniam',
    name: 'Rajesh a/l Subramaniam',
    roles: ['technician'],
    units: [{ code: unitCodes.network, role: 'member' }],
    language: 'en',
  },
  {
    local: 'zulkifli.osman',
    name: 'Ahmad Zulkifli bin Osman',
    roles: ['technician'],
    units: [{ code: unitCodes.network, role: 'member' }],
  },
  {
    local: 'tan.meiling',
    name: 'Dr. Tan Mei Ling',
    roles: ['supervisor'],
    units: [{ code: unitCodes.applications, role: 'head' }],
  },
  {
    local: 'nurul.izzah',
    name: 'Nurul Izzah binti Kamal',
    roles: ['technician'],
    units: [{ code: unitCodes.applications, role: 'member' }],
  },
  {
    local: 'wong.kahseng',
    name: 'Wong Kah Seng',
    roles: ['technician'],
    units: [{ code: unitCodes.applications, role: 'member' }],
    language: 'en',
  },
  {
    local: 'zainal.abidin',
    name: 'Zainal Abidin bin Mat Saad',
    roles: ['supervisor'],
    units: [{ code: unitCodes.infrastructure, role: 'head' }],
  },
  {
    local: 'arun.krishnan',
    name: 'Arun a/l Krishnan',
    roles: ['technician'],
    units: [{ code: unitCodes.infrastructure, role: 'member' }],
  },
  {
    local: 'farah.nadia',
    name: 'Farah Nadia binti Zakaria',
    roles: ['technician'],
    units: [{ code: unitCodes.infrastructure, role: 'member' }],
  },
  {
    local: 'rosli.jusoh',
    name: 'Rosli bin Jusoh',
    roles: ['supervisor'],
    units: [{ code: unitCodes.multimedia, role: 'head' }],
  },
  {
    local: 'hairul.nizam',
    name: 'Hairul Nizam bin Ibrahim',
    roles: ['technician'],
    units: [{ code: unitCodes.multimedia, role: 'member' }],
  },
  {
    local: 'chong.liying',
    name: 'Chong Li Ying',
    roles: ['technician'],
    units: [{ code: unitCodes.multimedia, role: 'member' }],
  },
  {
    local: 'azlan.sulaiman',
    name: 'Mohd Azlan bin Sulaiman',
    roles: ['supervisor'],
    units: [{ code: unitCodes.security, role: 'head' }],
  },
  {
    local: 'priya.ramasamy',
    name: 'Priya a/p Ramasamy',
    roles: ['technician'],
    units: [{ code: unitCodes.security, role: 'member' }],
    language: 'en',
  },
];

/** Customers who sign in: the local part of the e-mail, the name, staff or student, language. */
const customerSeeds: [string, string, PersonKind, Language][] = [
  ['customer', 'Aishah binti Mohamed', 'staff', 'ms'],
  ['customer2', 'Muhammad Amirul Haziq bin Azman', 'student', 'ms'],
  ['customer3', 'Tan Jia Hui', 'student', 'ms'],
  ['customer4', 'Dr. Ganesan a/l Muniandy', 'staff', 'ms'],
  ['customer5', 'Nur Syafiqah binti Roslan', 'student', 'ms'],
  ['customer6', 'Lee Chee Keong', 'staff', 'en'],
  ['customer7', 'Ahmad Firdaus bin Jamaluddin', 'student', 'ms'],
  ['customer8', 'Kavitha a/p Rajendran', 'staff', 'ms'],
  ['customer9', 'Omar Abdullah Al-Amri', 'student', 'en'],
  ['customer10', 'Mohd Ikhwan bin Salleh', 'staff', 'ms'],
];

const malayMaleNames = [
  'Muhammad',
  'Ahmad',
  'Mohd',
  'Amirul',
  'Hakim',
  'Syafiq',
  'Danial',
  'Irfan',
  'Haziq',
  'Azlan',
  'Faris',
  'Aiman',
  'Zulhilmi',
  'Razak',
  'Shahrul',
];
const malayFemaleNames = [
  'Nur',
  'Siti',
  'Nurul',
  'Aina',
  'Aisyah',
  'Farhana',
  'Syahirah',
  'Izzati',
  'Hidayah',
  'Amira',
  'Balqis',
  'Najwa',
  'Liyana',
  'Atiqah',
  'Hanis',
];
const malayFatherNames = [
  'Abdullah',
  'Ismail',
  'Hassan',
  'Othman',
  'Yusof',
  'Rahman',
  'Ibrahim',
  'Salleh',
  'Kassim',
  'Zakaria',
  'Hamzah',
  'Mansor',
  'Sulaiman',
  'Jaafar',
  'Aziz',
];
const chineseSurnames = [
  'Tan',
  'Lim',
  'Lee',
  'Wong',
  'Ng',
  'Chong',
  'Ong',
  'Teo',
  'Goh',
  'Chan',
  'Yap',
  'Loh',
];
const chineseGivenNames = [
  'Wei Ming',
  'Jia Hui',
  'Kah Seng',
  'Mei Ling',
  'Zi Xuan',
  'Jun Hao',
  'Hui Min',
  'Chee Keong',
  'Xin Yi',
  'Kok Leong',
  'Pei Shan',
  'Yong Sheng',
];
const indianGivenMale = [
  'Arjun',
  'Ganesh',
  'Suresh',
  'Vikram',
  'Kumar',
  'Ravi',
  'Prakash',
  'Dinesh',
];
const indianGivenFemale = [
  'Kavitha',
  'Priya',
  'Deepa',
  'Shalini',
  'Anitha',
  'Meena',
  'Lavanya',
  'Revathi',
];
const indianFatherNames = [
  'Subramaniam',
  'Krishnan',
  'Muniandy',
  'Rajendran',
  'Ramasamy',
  'Selvaraj',
  'Nadarajah',
  'Govindasamy',
];
const internationalNames = [
  'Abdulrahman Al-Harbi',
  'Fatima Yusuf Bello',
  'Ahmed Hassan Elsayed',
  'Zhang Wei',
  'Rizky Pratama',
  'Nguyen Thi Lan',
  'Mohammed Al-Qahtani',
  'Aisha Bello',
];

/** UTM-style programme codes that appear in matric numbers. */
const programmeCodes = ['EC', 'KE', 'KM', 'KA', 'SC', 'MP', 'BE', 'SX'];

function generatedName(random: Random): { name: string; language: Language } {
  const group = random.weighted([
    ['malay', 62],
    ['chinese', 20],
    ['indian', 10],
    ['international', 8],
  ] as const);
  if (group === 'malay') {
    const female = random.chance(0.55);
    const givenNames = female
      ? `${random.pick(malayFemaleNames)} ${random.pick(malayFemaleNames.slice(2))}`
      : `${random.pick(malayMaleNames)} ${random.pick(malayMaleNames.slice(3))}`;
    return {
      name: `${givenNames} ${female ? 'binti' : 'bin'} ${random.pick(malayFatherNames)}`,
      language: 'ms',
    };
  }
  if (group === 'chinese') {
    return {
      name: `${random.pick(chineseSurnames)} ${random.pick(chineseGivenNames)}`,
      language: random.chance(0.5) ? 'en' : 'ms',
    };
  }
  if (group === 'indian') {
    const female = random.chance(0.5);
    const givenName = random.pick(female ? indianGivenFemale : indianGivenMale);
    return {
      name: `${givenName} ${female ? 'a/p' : 'a/l'} ${random.pick(indianFatherNames)}`,
      language: 'ms',
    };
  }
  return { name: random.pick(internationalNames), language: 'en' };
}

/** Derives a Malaysian mobile number such as 013-274 5510 from a position in a list. */
function mobileNumber(index: number): string {
  const digits = String(2_745_510 + index * 104_729).slice(-7);
  return `01${2 + (index % 8)}-${digits.slice(0, 3)} ${digits.slice(3)}`;
}

function emailLocalPart(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/\b(bin|binti|a\/l|a\/p|dr\.|prof\.|madya)\b/g, ' ')
    .replace(/[^a-z ]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  return words.slice(0, 2).join('.');
}

/**
 * Lists every person of the demo organisation, in a fixed order. The generated customers depend only
 * on the seed, so the case history that refers to them is reproducible.
 */
export function demoPeople(seed: number, generatedCustomers = 240): DemoPerson[] {
  const result: DemoPerson[] = [];
  for (const staff of staffSeeds) {
    result.push({
      email: email(staff.local),
      name: staff.name,
      kind: 'staff',
      roles: staff.roles,
      language: staff.language ?? 'ms',
      phone: null,
      externalId: null,
      units: staff.units,
      signsIn: true,
      ...(staff.description ? { description: staff.description } : {}),
    });
  }
  customerSeeds.forEach(([local, name, kind, language], index) => {
    result.push({
      email: email(local),
      name,
      kind,
      roles: ['customer'],
      language,
      phone: mobileNumber(index),
      externalId:
        kind === 'student'
          ? `A2${index % 5}${programmeCodes[index % programmeCodes.length]}0${100 + index * 13}`
          : `S${20_000 + index * 97}`,
      units: [],
      signsIn: true,
      description: `customer (${kind === 'student' ? 'student' : 'staff'})`,
    });
  });

  const random = createRandom(seed).fork('people');
  const usedEmails = new Set(result.map((person) => person.email));
  for (let index = 0; index < generatedCustomers; index += 1) {
    const { name, language } = generatedName(random);
    const student = random.chance(0.6);
    let local = emailLocalPart(name);
    for (let suffix = 2; usedEmails.has(email(local)); suffix += 1)
      local = `${emailLocalPart(name)}${suffix}`;
    usedEmails.add(email(local));
    const year = random.int(20, 26);
    result.push({
      email: email(local),
      name,
      kind: student ? 'student' : 'staff',
      roles: ['customer'],
      language,
      phone: null,
      externalId: student
        ? `A${year}${random.pick(programmeCodes)}${String(random.int(1, 9999)).padStart(4, '0')}`
        : `S${random.int(10_000, 39_999)}`,
      units: [],
      signsIn: false,
    });
  }
  return result;
}

/** Returns the e-mail of a demo account, such as technician@demo.khidmat.test. */
export function accountEmail(local: string): string {
  return email(local);
}

/**
 * Inserts or updates every demo person and their unit memberships. People that sign in get the
 * given password hash (one argon2id hash shared by all, because they share the demo password).
 * Returns the person id of every e-mail and the unit id of every unit code.
 */
export async function loadDemoPeople(
  db: Database,
  everyone: DemoPerson[],
  passwordHash: string,
): Promise<{ personIds: Map<string, string>; unitIds: Map<string, string> }> {
  return db.transaction(async (tx) => {
    const unitRows = await tx.select({ id: units.id, code: units.code }).from(units);
    const unitIds = new Map(unitRows.map((row) => [row.code, row.id]));

    const personIds = new Map<string, string>();
    const batchSize = 200;
    for (let start = 0; start < everyone.length; start += batchSize) {
      const batch = everyone.slice(start, start + batchSize).map((person) => ({
        email: person.email,
        name: person.name,
        kind: person.kind,
        roles: person.roles,
        language: person.language,
        phone: person.phone,
        externalId: person.externalId,
        passwordHash: person.signsIn ? passwordHash : null,
      }));
      const rows = await tx
        .insert(people)
        .values(batch)
        .onConflictDoUpdate({
          target: people.email,
          set: {
            name: sql`excluded.name`,
            kind: sql`excluded.kind`,
            roles: sql`excluded.roles`,
            language: sql`excluded.language`,
            phone: sql`excluded.phone`,
            externalId: sql`excluded.external_id`,
            passwordHash: sql`excluded.password_hash`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: people.id, email: people.email });
      for (const row of rows) personIds.set(row.email, row.id);
    }

    const memberships = everyone.flatMap((person) =>
      person.units.map((unit) => {
        const unitId = unitIds.get(unit.code);
        if (!unitId) throw new Error(`unit ${unit.code} is missing: load the reference data first`);
        return { unitId, personId: personIds.get(person.email) as string, role: unit.role };
      }),
    );
    if (memberships.length > 0) {
      await tx
        .insert(unitMembers)
        .values(memberships)
        .onConflictDoUpdate({
          target: [unitMembers.unitId, unitMembers.personId],
          set: { role: sql`excluded.role` },
        });
    }
    return { personIds, unitIds };
  });
}
