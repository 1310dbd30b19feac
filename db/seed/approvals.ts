/**
 * Default approval rules (one per subject kind) and a starting set of ICT facilities that can be
 * applied for. Rules are inserted only when no rule of the same name exists, so an administrator's
 * changes survive a reload; facilities are upserted by code.
 */
import { eq, sql } from 'drizzle-orm';
import type { ApprovalRuleLevel, ApprovalSubjectKind } from '../../common/approval';
import type { FacilityField, FacilityItemKind } from '../../common/facility-request';
import type { Database } from '../client';
import { approvalRules, facilityItems, units } from '../schema';
import { unitCodes } from './reference';

interface RuleSeed {
  name: string;
  subjectKind: ApprovalSubjectKind;
  levels: ApprovalRuleLevel[];
}

export const defaultApprovalRules: RuleSeed[] = [
  {
    name: 'Facility requests: head of the requester unit',
    subjectKind: 'facilityRequest',
    levels: [{ mode: 'any', approvers: [{ type: 'requesterUnitHead' }] }],
  },
  {
    name: 'Loans: head of the unit owning the resource',
    subjectKind: 'facilityLoan',
    levels: [{ mode: 'any', approvers: [{ type: 'ownerUnitHead' }] }],
  },
  {
    name: 'Ceremony support: requester unit head, then management',
    subjectKind: 'ceremonySupport',
    levels: [
      { mode: 'any', approvers: [{ type: 'requesterUnitHead' }] },
      { mode: 'any', approvers: [{ type: 'role', role: 'manager' }] },
    ],
  },
  {
    name: 'ICT projects: management',
    subjectKind: 'ictProject',
    levels: [{ mode: 'any', approvers: [{ type: 'role', role: 'manager' }] }],
  },
];

const purposeField: FacilityField = {
  key: 'purpose',
  labelMs: 'Tujuan permohonan',
  labelEn: 'Purpose of the application',
  type: 'text',
  required: true,
  maxLength: 500,
};

interface ItemSeed {
  code: string;
  nameMs: string;
  nameEn: string;
  kind: FacilityItemKind;
  unit: keyof typeof unitCodes;
  fields: FacilityField[];
  provisionSteps: string[];
  downloadUrl?: string;
}

export const defaultFacilityItems: ItemSeed[] = [
  {
    code: 'PERISIAN-MATLAB',
    nameMs: 'Lesen perisian MATLAB',
    nameEn: 'MATLAB software licence',
    kind: 'software',
    unit: 'applications',
    fields: [
      purposeField,
      {
        key: 'computerTag',
        labelMs: 'No. tag komputer',
        labelEn: 'Computer asset tag',
        type: 'text',
        required: false,
        maxLength: 40,
      },
    ],
    provisionSteps: ['Daftar lesen', 'Jana kunci pengaktifan'],
    downloadUrl: 'https://software.example.invalid/matlab',
  },
  {
    code: 'AKAUN-EMEL-KUMPULAN',
    nameMs: 'Akaun e-mel kumpulan',
    nameEn: 'Group e-mail account',
    kind: 'service',
    unit: 'applications',
    fields: [
      purposeField,
      {
        key: 'members',
        labelMs: 'Bilangan ahli',
        labelEn: 'Number of members',
        type: 'number',
        required: true,
      },
    ],
    provisionSteps: ['Cipta akaun', 'Tambah ahli'],
  },
  {
    code: 'TITIK-RANGKAIAN',
    nameMs: 'Titik rangkaian baharu',
    nameEn: 'New network point',
    kind: 'hardware',
    unit: 'network',
    fields: [
      purposeField,
      {
        key: 'location',
        labelMs: 'Lokasi (bangunan dan bilik)',
        labelEn: 'Location (building and room)',
        type: 'text',
        required: true,
        maxLength: 200,
      },
    ],
    provisionSteps: ['Tinjauan tapak', 'Pemasangan kabel', 'Ujian sambungan'],
  },
];

export async function seedApprovals(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    for (const rule of defaultApprovalRules) {
      const [existing] = await tx
        .select({ id: approvalRules.id })
        .from(approvalRules)
        .where(eq(approvalRules.name, rule.name));
      if (!existing) await tx.insert(approvalRules).values(rule);
    }

    for (const item of defaultFacilityItems) {
      const [unit] = await tx
        .select({ id: units.id })
        .from(units)
        .where(eq(units.code, unitCodes[item.unit]));
      const values = {
        code: item.code,
        nameMs: item.nameMs,
        nameEn: item.nameEn,
        kind: item.kind,
        unitId: unit?.id ?? null,
        fields: item.fields,
        provisionSteps: item.provisionSteps,
        downloadUrl: item.downloadUrl ?? null,
      };
      await tx
        .insert(facilityItems)
        .values(values)
        .onConflictDoUpdate({ target: facilityItems.code, set: { ...values, active: sql`true` } });
    }
  });
}
