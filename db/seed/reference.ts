/**
 * Reference data of a university ICT division modelled on UTMDigital: its units, an ICT service
 * catalogue in Malay and English, and the default service-level targets. Loading is an upsert by
 * code (by priority for targets), so running it again updates the rows instead of adding new ones.
 * Service-level policies are only inserted when missing, so an administrator's changes stay.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Level, Priority } from '../../common/enums';
import type { Database } from '../client';
import {
  defaultEscalation,
  type PausableStatus,
  type SlaPolicyInput,
  type SlaTarget,
} from '../../common/sla';
import { campuses, categories, services, slaPolicies, slaTargets, units } from '../schema';
import { seedApprovals } from './approvals';
import { seedCalendars } from './calendars';
import { seedInventory } from './inventory';

export const unitCodes = {
  serviceDesk: 'SERVICE-DESK',
  network: 'NETWORK',
  applications: 'APPLICATIONS',
  infrastructure: 'INFRASTRUCTURE',
  multimedia: 'MULTIMEDIA',
  security: 'SECURITY',
} as const;

type UnitKey = keyof typeof unitCodes;

interface UnitSeed {
  key: UnitKey;
  nameMs: string;
  nameEn: string;
}

interface CategorySeed {
  code: string;
  nameMs: string;
  nameEn: string;
  /** Unit that receives the category's cases, when it differs from the service's. */
  unit?: UnitKey;
  impact: Level;
  urgency: Level;
}

interface ServiceSeed {
  code: string;
  nameMs: string;
  nameEn: string;
  descriptionMs: string;
  descriptionEn: string;
  unit: UnitKey;
  categories: CategorySeed[];
}

/** UTM's campuses: the main campus in Johor Bahru, where the reference units work, and Kuala Lumpur. */
export const referenceCampuses = [
  { code: 'JB', nameMs: 'Kampus Johor Bahru', nameEn: 'Johor Bahru campus' },
  { code: 'KL', nameMs: 'Kampus Kuala Lumpur', nameEn: 'Kuala Lumpur campus' },
] as const;

const mainCampusCode = 'JB';

export const referenceUnits: UnitSeed[] = [
  {
    key: 'serviceDesk',
    nameMs: 'Meja Bantuan',
    nameEn: 'Service Desk',
  },
  { key: 'network', nameMs: 'Rangkaian', nameEn: 'Network' },
  {
    key: 'applications',
    nameMs: 'Sistem Aplikasi',
    nameEn: 'Application Systems',
  },
  {
    key: 'infrastructure',
    nameMs: 'Infrastruktur & Pusat Data',
    nameEn: 'Infrastructure & Data Centre',
  },
  {
    key: 'multimedia',
    nameMs: 'Multimedia & Upacara',
    nameEn: 'Multimedia & Events',
  },
  {
    key: 'security',
    nameMs: 'Keselamatan ICT',
    nameEn: 'ICT Security',
  },
];

export const referenceServices: ServiceSeed[] = [
  {
    code: 'EMAIL-ACCOUNTS',
    nameMs: 'E-mel & Akaun',
    nameEn: 'E-mail & Accounts',
    descriptionMs:
      'Akaun UTMID, e-mel universiti, set semula kata laluan dan akses kepada sistem berpusat.',
    descriptionEn:
      'UTMID accounts, university e-mail, password resets and access to central systems.',
    unit: 'serviceDesk',
    categories: [
      {
        code: 'EMAIL-PASSWORD',
        nameMs: 'Set semula kata laluan',
        nameEn: 'Password reset',
        impact: 3,
        urgency: 2,
      },
      {
        code: 'EMAIL-UTMID',
        nameMs: 'Akaun UTMID',
        nameEn: 'UTMID account',
        impact: 3,
        urgency: 2,
      },
      {
        code: 'EMAIL-MAILBOX',
        nameMs: 'Peti mel & e-mel',
        nameEn: 'Mailbox & e-mail',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'EMAIL-OUTAGE',
        nameMs: 'E-mel tidak berfungsi (seluruh kampus)',
        nameEn: 'E-mail down (campus-wide)',
        unit: 'infrastructure',
        impact: 1,
        urgency: 1,
      },
    ],
  },
  {
    code: 'NETWORK-WIFI',
    nameMs: 'Rangkaian & Wi-Fi',
    nameEn: 'Network & Wi-Fi',
    descriptionMs: 'Capaian Wi-Fi (UTMWiFi, eduroam), titik rangkaian, VPN dan talian kampus.',
    descriptionEn: 'Wi-Fi access (UTMWiFi, eduroam), network points, VPN and campus links.',
    unit: 'network',
    categories: [
      {
        code: 'NET-EDUROAM',
        nameMs: 'Wi-Fi & eduroam',
        nameEn: 'Wi-Fi & eduroam',
        impact: 3,
        urgency: 2,
      },
      {
        code: 'NET-POINT',
        nameMs: 'Titik rangkaian',
        nameEn: 'Network point',
        impact: 3,
        urgency: 3,
      },
      { code: 'NET-VPN', nameMs: 'VPN', nameEn: 'VPN', impact: 3, urgency: 2 },
      {
        code: 'NET-OUTAGE',
        nameMs: 'Gangguan rangkaian bangunan',
        nameEn: 'Building network outage',
        impact: 1,
        urgency: 1,
      },
    ],
  },
  {
    code: 'APPLICATIONS',
    nameMs: 'Sistem Aplikasi',
    nameEn: 'Application Systems',
    descriptionMs:
      'Sistem pelajar, sumber manusia, kewangan, e-pembelajaran dan portal universiti.',
    descriptionEn:
      'Student, human resources, finance, e-learning systems and the university portal.',
    unit: 'applications',
    categories: [
      {
        code: 'APP-STUDENT',
        nameMs: 'Sistem maklumat pelajar',
        nameEn: 'Student information system',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'APP-HR',
        nameMs: 'Sistem sumber manusia',
        nameEn: 'Human resources system',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'APP-FINANCE',
        nameMs: 'Sistem kewangan',
        nameEn: 'Finance system',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'APP-ELEARNING',
        nameMs: 'E-pembelajaran',
        nameEn: 'E-learning',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'APP-ERROR',
        nameMs: 'Ralat sistem aplikasi',
        nameEn: 'Application error',
        impact: 2,
        urgency: 3,
      },
    ],
  },
  {
    code: 'HARDWARE-PC',
    nameMs: 'Perkakasan & Komputer',
    nameEn: 'Hardware & PC',
    descriptionMs: 'Komputer meja, komputer riba, pencetak dan peranti persisian milik universiti.',
    descriptionEn: 'University-owned desktops, laptops, printers and peripherals.',
    unit: 'serviceDesk',
    categories: [
      {
        code: 'HW-PC',
        nameMs: 'Komputer meja & riba',
        nameEn: 'Desktop & laptop',
        impact: 3,
        urgency: 2,
      },
      { code: 'HW-PRINTER', nameMs: 'Pencetak', nameEn: 'Printer', impact: 3, urgency: 3 },
      {
        code: 'HW-PERIPHERAL',
        nameMs: 'Peranti persisian',
        nameEn: 'Peripheral',
        impact: 3,
        urgency: 3,
      },
    ],
  },
  {
    code: 'SOFTWARE-LICENCES',
    nameMs: 'Perisian & Lesen',
    nameEn: 'Software & Licences',
    descriptionMs: 'Pemasangan perisian berlesen, muat turun perisian dan pembaharuan lesen.',
    descriptionEn: 'Licensed software installation, software download and licence renewal.',
    unit: 'serviceDesk',
    categories: [
      {
        code: 'SW-INSTALL',
        nameMs: 'Pemasangan perisian',
        nameEn: 'Software installation',
        impact: 3,
        urgency: 3,
      },
      {
        code: 'SW-LICENCE',
        nameMs: 'Lesen perisian',
        nameEn: 'Software licence',
        impact: 3,
        urgency: 3,
      },
      {
        code: 'SW-HOWTO',
        nameMs: 'Cara penggunaan',
        nameEn: 'How-to question',
        impact: 3,
        urgency: 3,
      },
    ],
  },
  {
    code: 'TEACHING-AIDS',
    nameMs: 'Alat Bantu Mengajar (ABM)',
    nameEn: 'Teaching Aids (ABM)',
    descriptionMs: 'Projektor, sistem audio dan peralatan ABM di dewan kuliah dan bilik latihan.',
    descriptionEn:
      'Projectors, audio systems and teaching aids in lecture halls and training rooms.',
    unit: 'multimedia',
    categories: [
      {
        code: 'ABM-PROJECTOR',
        nameMs: 'Projektor & paparan',
        nameEn: 'Projector & display',
        impact: 2,
        urgency: 1,
      },
      { code: 'ABM-AUDIO', nameMs: 'Sistem audio', nameEn: 'Audio system', impact: 2, urgency: 1 },
      {
        code: 'ABM-LAB',
        nameMs: 'Bilik latihan / makmal',
        nameEn: 'Training room / lab',
        impact: 2,
        urgency: 2,
      },
    ],
  },
  {
    code: 'DATA-CENTRE',
    nameMs: 'Pusat Data & Hosting',
    nameEn: 'Data Centre & Hosting',
    descriptionMs: 'Pelayan maya, hosting laman web, storan, sandaran & pemulihan.',
    descriptionEn: 'Virtual servers, website hosting, storage, backup and restore.',
    unit: 'infrastructure',
    categories: [
      { code: 'DC-VM', nameMs: 'Pelayan maya', nameEn: 'Virtual server', impact: 2, urgency: 2 },
      {
        code: 'DC-HOSTING',
        nameMs: 'Hosting laman web',
        nameEn: 'Website hosting',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'DC-BACKUP',
        nameMs: 'Sandaran & pemulihan',
        nameEn: 'Backup & restore',
        impact: 2,
        urgency: 2,
      },
    ],
  },
  {
    code: 'ICT-SECURITY',
    nameMs: 'Insiden Keselamatan ICT',
    nameEn: 'ICT Security Incident',
    descriptionMs:
      'Pancingan data (phishing), perisian hasad, akaun dicerobohi dan kebocoran data.',
    descriptionEn: 'Phishing, malware, compromised accounts and data leaks.',
    unit: 'security',
    categories: [
      {
        code: 'SEC-PHISHING',
        nameMs: 'E-mel pancingan data',
        nameEn: 'Phishing e-mail',
        impact: 2,
        urgency: 1,
      },
      { code: 'SEC-MALWARE', nameMs: 'Perisian hasad', nameEn: 'Malware', impact: 2, urgency: 1 },
      {
        code: 'SEC-ACCOUNT',
        nameMs: 'Akaun dicerobohi',
        nameEn: 'Compromised account',
        impact: 1,
        urgency: 1,
      },
    ],
  },
  {
    code: 'EVENT-SUPPORT',
    nameMs: 'Sokongan Upacara & Teknikal',
    nameEn: 'Event Support',
    descriptionMs: 'Sokongan ICT untuk majlis rasmi, konvokesyen, persidangan dan siaran langsung.',
    descriptionEn:
      'ICT support for official functions, convocation, conferences and live streaming.',
    unit: 'multimedia',
    categories: [
      {
        code: 'EVT-CEREMONY',
        nameMs: 'Majlis rasmi',
        nameEn: 'Official function',
        impact: 2,
        urgency: 2,
      },
      {
        code: 'EVT-CONVOCATION',
        nameMs: 'Konvokesyen',
        nameEn: 'Convocation',
        impact: 1,
        urgency: 2,
      },
      {
        code: 'EVT-STREAMING',
        nameMs: 'Siaran langsung',
        nameEn: 'Live streaming',
        impact: 2,
        urgency: 2,
      },
    ],
  },
];

/**
 * Targets per priority in working minutes of the default calendar, where 480 minutes make a
 * Monday-to-Thursday working day. The workflows take their targets from `referenceSlaPolicies`;
 * these rows remain for the demo's history generator, which reads `sla_targets`.
 * NOTE: these values date from when targets were calendar time. The demo's history keeps them
 * until its generator reads the policies, because the demo's tests bound its breach rate.
 */
export const referenceSlaTargets: Array<{
  priority: Priority;
  nameMs: string;
  nameEn: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}> = [
  {
    priority: 1,
    nameMs: 'Sangat kritikal',
    nameEn: 'Critical',
    firstResponseMinutes: 30,
    resolutionMinutes: 240,
  },
  {
    priority: 2,
    nameMs: 'Tinggi',
    nameEn: 'High',
    firstResponseMinutes: 120,
    resolutionMinutes: 1440,
  },
  {
    priority: 3,
    nameMs: 'Sederhana',
    nameEn: 'Medium',
    firstResponseMinutes: 480,
    resolutionMinutes: 4320,
  },
  {
    priority: 4,
    nameMs: 'Rendah',
    nameEn: 'Low',
    firstResponseMinutes: 1440,
    resolutionMinutes: 10080,
  },
];

type PolicySeed = Omit<SlaPolicyInput, 'categoryId' | 'active'> & {
  /** Code of the catalogue category the policy is for; absent for every category. */
  categoryCode?: string;
};

const minutes = (value: number): SlaTarget => ({ kind: 'workingMinutes', minutes: value });
const workingDays = (value: number): SlaTarget => ({ kind: 'workingDays', days: value });
const waitingCustomer: PausableStatus[] = ['waiting_customer'];
const waitingSupplier: PausableStatus[] = ['waiting_supplier'];

function complaintPolicy(
  code: string,
  names: [string, string],
  scope: { priority?: Priority; categoryCode?: string },
  targets: [SlaTarget | null, SlaTarget | null],
  pauseStatuses: PausableStatus[],
): PolicySeed {
  return {
    code,
    nameMs: names[0],
    nameEn: names[1],
    workflowType: 'complaint',
    priority: scope.priority ?? null,
    categoryCode: scope.categoryCode,
    firstResponse: targets[0],
    resolution: targets[1],
    pauseStatuses,
    reopenMode: 'continue',
    warningShares: [0.75],
    escalation: defaultEscalation,
  };
}

/**
 * Default service-level policies from the targets typical of Malaysian university ICT charters
 * (piagam pelanggan), in working time of the default calendar; 480 working minutes make a
 * Monday-to-Thursday working day. Administrators change them through the API.
 */
export const referenceSlaPolicies: PolicySeed[] = [
  complaintPolicy(
    'complaint-p1',
    ['Sangat kritikal', 'Critical outage'],
    { priority: 1 },
    [minutes(30), minutes(240)],
    waitingSupplier,
  ),
  complaintPolicy(
    'complaint-p2',
    ['Tinggi', 'High'],
    { priority: 2 },
    [minutes(120), minutes(480)],
    waitingCustomer,
  ),
  complaintPolicy(
    'complaint-p3',
    ['Pembaikan, alat ganti ada', 'Repair, spares in stock'],
    { priority: 3 },
    [minutes(480), minutes(7 * 480)],
    waitingCustomer,
  ),
  complaintPolicy(
    'complaint-p4',
    ['Melibatkan perolehan atau waranti', 'Needs procurement or a warranty claim'],
    { priority: 4 },
    [minutes(480), minutes(30 * 480)],
    ['waiting_customer', 'waiting_supplier'],
  ),
  ...['EMAIL-PASSWORD', 'SW-INSTALL', 'SW-HOWTO'].map((categoryCode) =>
    complaintPolicy(
      `complaint-simple-${categoryCode.toLowerCase()}`,
      ['Aduan mudah', 'Simple complaint'],
      { categoryCode },
      [minutes(60), minutes(480)],
      waitingCustomer,
    ),
  ),
  complaintPolicy(
    'complaint-app-error',
    ['Ralat sistem aplikasi', 'Application error'],
    { categoryCode: 'APP-ERROR' },
    [minutes(480), minutes(7 * 480)],
    waitingCustomer,
  ),
  ...['SEC-PHISHING', 'SEC-MALWARE', 'SEC-ACCOUNT'].map((categoryCode) =>
    complaintPolicy(
      `complaint-security-${categoryCode.toLowerCase()}`,
      ['Insiden keselamatan pengguna', 'User-level security incident'],
      { categoryCode },
      [minutes(60), workingDays(1)],
      [],
    ),
  ),
  {
    ...complaintPolicy(
      'facility-request',
      ['Permohonan kemudahan ICT', 'ICT facility request'],
      {},
      [null, workingDays(3)],
      waitingCustomer,
    ),
    workflowType: 'facilityRequest',
  },
  {
    ...complaintPolicy(
      'facility-loan',
      ['Pinjaman peralatan', 'Equipment loan'],
      {},
      [minutes(480), workingDays(5)],
      [],
    ),
    workflowType: 'facilityLoan',
  },
  {
    ...complaintPolicy(
      'ceremony-support',
      ['Sokongan upacara', 'Event support'],
      {},
      [minutes(480), null],
      [],
    ),
    workflowType: 'ceremonySupport',
  },
  {
    ...complaintPolicy(
      'ict-project-enhancement',
      ['Penambahbaikan sistem', 'Enhancement request'],
      {},
      [null, workingDays(7)],
      [],
    ),
    workflowType: 'ictProject',
  },
];

/**
 * Inserts the reference policies that are missing. An existing policy (same code, or the same
 * workflow type, category and priority) is left as it is, because an administrator may have
 * changed it, and a policy whose category is not in the catalogue is skipped.
 */
async function seedSlaPolicies(tx: Pick<Database, 'select' | 'insert'>): Promise<void> {
  const categoryRows = await tx
    .select({ id: categories.id, code: categories.code })
    .from(categories);
  const categoryIds = new Map(categoryRows.map((row) => [row.code, row.id]));
  for (const { categoryCode, ...policy } of referenceSlaPolicies) {
    const categoryId = categoryCode === undefined ? null : categoryIds.get(categoryCode);
    if (categoryId === undefined) continue;
    await tx
      .insert(slaPolicies)
      .values({ ...policy, categoryId })
      .onConflictDoNothing();
  }
}

/**
 * Inserts or updates the reference units, catalogue and service-level targets, inserts the
 * missing campuses and service-level policies, then seeds the default working calendar.
 */
export async function loadReferenceData(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Campuses are only inserted, so names an administrator changed stay as they are.
    await tx
      .insert(campuses)
      .values([...referenceCampuses])
      .onConflictDoNothing();
    const [mainCampus] = await tx
      .select({ id: campuses.id })
      .from(campuses)
      .where(eq(campuses.code, mainCampusCode));

    const unitIds = new Map<UnitKey, string>();
    for (const unit of referenceUnits) {
      const values = { code: unitCodes[unit.key], nameMs: unit.nameMs, nameEn: unit.nameEn };
      const [row] = await tx
        .insert(units)
        .values(values)
        .onConflictDoUpdate({ target: units.code, set: { ...values, updatedAt: sql`now()` } })
        .returning({ id: units.id });
      if (!row) throw new Error(`unit ${values.code} was not written`);
      unitIds.set(unit.key, row.id);
    }
    // A reference unit without a campus works at the main one; a placement an administrator
    // made is kept.
    if (mainCampus) {
      await tx
        .update(units)
        .set({ campusId: mainCampus.id })
        .where(and(inArray(units.id, [...unitIds.values()]), isNull(units.campusId)));
    }
    const unitIdOf = (key: UnitKey): string => unitIds.get(key) as string;

    for (const [serviceIndex, service] of referenceServices.entries()) {
      const serviceValues = {
        code: service.code,
        nameMs: service.nameMs,
        nameEn: service.nameEn,
        descriptionMs: service.descriptionMs,
        descriptionEn: service.descriptionEn,
        defaultUnitId: unitIdOf(service.unit),
        sortOrder: (serviceIndex + 1) * 10,
      };
      const [serviceRow] = await tx
        .insert(services)
        .values(serviceValues)
        .onConflictDoUpdate({
          target: services.code,
          set: { ...serviceValues, updatedAt: sql`now()` },
        })
        .returning({ id: services.id });
      if (!serviceRow) throw new Error(`service ${service.code} was not written`);

      for (const [categoryIndex, category] of service.categories.entries()) {
        const categoryValues = {
          serviceId: serviceRow.id,
          code: category.code,
          nameMs: category.nameMs,
          nameEn: category.nameEn,
          defaultUnitId: unitIdOf(category.unit ?? service.unit),
          defaultImpact: category.impact,
          defaultUrgency: category.urgency,
          sortOrder: (categoryIndex + 1) * 10,
        };
        await tx
          .insert(categories)
          .values(categoryValues)
          .onConflictDoUpdate({
            target: categories.code,
            set: { ...categoryValues, updatedAt: sql`now()` },
          });
      }
    }

    for (const target of referenceSlaTargets) {
      await tx
        .insert(slaTargets)
        .values(target)
        .onConflictDoUpdate({
          target: slaTargets.priority,
          set: { ...target, updatedAt: sql`now()` },
        });
    }
    await seedSlaPolicies(tx);
  });
  await seedCalendars(db);
  await seedApprovals(db);
  await seedInventory(db);
}
