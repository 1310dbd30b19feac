/**
 * The project settings row: the value thresholds that choose a project's approval authority,
 * procurement method and performance security, the procurement deadlines, and the finance
 * office's e-mail address. The API reads and replaces it; the ictProject workflow reads the
 * thresholds, deadlines included, through an activity.
 */
import { eq } from 'drizzle-orm';
import {
  ictProjectThresholds,
  type ProjectSettings,
  type ProjectThresholds,
} from '../../common/ict-project';
import type { Database } from '../../db/client';
import { auditLog, people, projectSettings } from '../../db/schema';

type SettingsRow = typeof projectSettings.$inferSelect;

/** The stored settings with who changed them last. */
export interface StoredProjectSettings extends ProjectSettings {
  updatedAt: Date | null;
  updatedById: string | null;
  updatedByName: string | null;
}

function thresholdsOf(row: SettingsRow): Required<ProjectThresholds> {
  return {
    approval: {
      university: row.approvalUniversity,
      kpt: row.approvalKpt,
      mampu: row.approvalMampu,
    },
    procurement: { quotationAbove: row.quotationAbove, tenderAbove: row.tenderAbove },
    security: {
      requiredAbove: row.securityRequiredAbove,
      higherRateAbove: row.securityHigherRateAbove,
      rate: row.securityRate,
      higherRate: row.securityHigherRate,
    },
    retention: {
      rate: row.retentionRate,
      releasedAtCompletion: row.retentionReleasedAtCompletion,
    },
    deadlines: {
      documents: row.documentsDays,
      evaluation: row.evaluationDays,
      vendorAppointment: row.vendorAppointmentDays,
      purchaseOrder: row.purchaseOrderDays,
      contract: row.contractDays,
      reminderLead: row.reminderLeadDays,
    },
  };
}

function columnsOf(settings: ProjectSettings) {
  return {
    approvalUniversity: settings.approval.university,
    approvalKpt: settings.approval.kpt,
    approvalMampu: settings.approval.mampu,
    quotationAbove: settings.procurement.quotationAbove,
    tenderAbove: settings.procurement.tenderAbove,
    securityRequiredAbove: settings.security.requiredAbove,
    securityHigherRateAbove: settings.security.higherRateAbove,
    securityRate: settings.security.rate,
    securityHigherRate: settings.security.higherRate,
    retentionRate: settings.retention.rate,
    retentionReleasedAtCompletion: settings.retention.releasedAtCompletion,
    documentsDays: settings.deadlines.documents,
    evaluationDays: settings.deadlines.evaluation,
    vendorAppointmentDays: settings.deadlines.vendorAppointment,
    purchaseOrderDays: settings.deadlines.purchaseOrder,
    contractDays: settings.deadlines.contract,
    reminderLeadDays: settings.deadlines.reminderLead,
    financeEmail: settings.financeEmail,
  };
}

/**
 * Returns the project settings. Without a stored row (the migration seeds one) it returns the
 * defaults, so a project can start before an administrator has saved any.
 */
export async function readProjectSettings(db: Database): Promise<StoredProjectSettings> {
  const [found] = await db
    .select({ settings: projectSettings, updatedByName: people.name })
    .from(projectSettings)
    .leftJoin(people, eq(people.id, projectSettings.updatedById))
    .where(eq(projectSettings.id, 1));
  if (!found) {
    return {
      ...ictProjectThresholds,
      financeEmail: null,
      updatedAt: null,
      updatedById: null,
      updatedByName: null,
    };
  }
  return {
    ...thresholdsOf(found.settings),
    financeEmail: found.settings.financeEmail,
    updatedAt: found.settings.updatedAt,
    updatedById: found.settings.updatedById,
    updatedByName: found.updatedByName,
  };
}

/** Returns the thresholds and the procurement deadlines of the project settings. */
export async function readProjectThresholds(db: Database): Promise<Required<ProjectThresholds>> {
  const { approval, procurement, security, retention, deadlines } = await readProjectSettings(db);
  return { approval, procurement, security, retention, deadlines };
}

/**
 * Replaces the project settings and appends the old and new values to the audit log, in one
 * transaction. The caller has checked that the thresholds ascend and that the reminder lead is
 * shorter than every deadline.
 */
export async function replaceProjectSettings(
  db: Database,
  settings: ProjectSettings,
  actorId: string,
  at: Date,
): Promise<void> {
  const previous = await readProjectSettings(db);
  const columns = { ...columnsOf(settings), updatedById: actorId, updatedAt: at };
  await db.transaction(async (tx) => {
    await tx
      .insert(projectSettings)
      .values({ id: 1, ...columns })
      .onConflictDoUpdate({ target: projectSettings.id, set: columns });
    await tx.insert(auditLog).values({
      actorId,
      entity: 'project_settings',
      entityId: '1',
      action: 'updated',
      oldValue: JSON.stringify(columnsOf(previous)),
      newValue: JSON.stringify(columnsOf(settings)),
      at,
    });
  });
}
