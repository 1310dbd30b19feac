/**
 * Database side of the ServiceNow import: the units, categories and people that anonymised tokens
 * become, and the case and history rows of one incident. Every write is an upsert or an insert
 * that ignores a duplicate key, so running the import again writes nothing twice.
 */
import { and, eq, sql } from 'drizzle-orm';
import { complaintPrefix } from '../../common/complaint';
import type { CaseStatus, Level, Priority, Role } from '../../common/enums';
import { rowsOf, type Database } from '../../db/client';
import { caseHistory, cases, categories, people, services, units } from '../../db/schema';
import { allocateReference } from '../cases/reference';
import { importedEmailOf, type NumberedToken } from './servicenow-format';
import type { CaseSnapshot, IncidentPlan } from './servicenow-plan';

export const importServiceCode = 'SN-IMPORT';

/** A case already imported from ServiceNow, with the last update of the log applied to it. */
export interface ExistingImport {
  caseId: string;
  reference: string;
  workflowId: string | null;
  snapshot: CaseSnapshot;
  /** The sys_mod_count of the last import marker, or -1 when the case has none. */
  lastModCount: number;
}

/** Loads every case imported from ServiceNow, keyed by incident number. */
export async function loadExistingImports(db: Database): Promise<Map<string, ExistingImport>> {
  const result = await db.execute(sql`
    select c.id, c.external_ref, c.reference, c.workflow_id, c.status, c.unit_id, c.assignee_id,
           c.priority, c.impact, c.urgency, c.reopen_count,
           (select max(split_part(h.idempotency_key, ':', 3)::int)
              from case_history h
             where h.case_id = c.id and h.action = 'imported'
               and h.idempotency_key like 'sn:%') as last_mod_count
      from cases c
     where c.source = 'servicenow' and c.external_ref is not null`);
  const rows = rowsOf<{
    id: string;
    external_ref: string;
    reference: string;
    workflow_id: string | null;
    status: string;
    unit_id: string | null;
    assignee_id: string | null;
    priority: number;
    impact: number;
    urgency: number;
    reopen_count: number;
    last_mod_count: number | null;
  }>(result);

  const existing = new Map<string, ExistingImport>();
  for (const row of rows) {
    existing.set(row.external_ref, {
      caseId: row.id,
      reference: row.reference,
      workflowId: row.workflow_id,
      snapshot: {
        status: row.status as CaseStatus,
        unitId: row.unit_id,
        assigneeId: row.assignee_id,
        priority: Number(row.priority) as Priority,
        impact: Number(row.impact) as Level,
        urgency: Number(row.urgency) as Level,
        reopenCount: Number(row.reopen_count),
      },
      lastModCount: row.last_mod_count === null ? -1 : Number(row.last_mod_count),
    });
  }
  return existing;
}

/**
 * Finds or creates the units, categories and people behind anonymised tokens, remembering each
 * id for the rest of the import.
 */
export class ImportDirectory {
  private readonly unitIds = new Map<number, string>();
  private readonly categoryIds = new Map<number, string>();
  private readonly personIds = new Map<string, string>();
  private serviceId: string | null = null;

  constructor(private readonly db: Database) {}

  /** The unit of a group token: code `SN-<n>`, created with the token as its name. */
  async unitOf(group: NumberedToken): Promise<string> {
    const cached = this.unitIds.get(group.number);
    if (cached) return cached;
    const code = `SN-${group.number}`;
    await this.db
      .insert(units)
      .values({ code, nameMs: group.token, nameEn: group.token })
      .onConflictDoNothing({ target: units.code });
    const [row] = await this.db.select({ id: units.id }).from(units).where(eq(units.code, code));
    if (!row) throw new Error(`unit ${code} was neither created nor found`);
    this.unitIds.set(group.number, row.id);
    return row.id;
  }

  /** The catalogue service that holds every imported category. */
  async importService(): Promise<string> {
    if (this.serviceId) return this.serviceId;
    await this.db
      .insert(services)
      .values({
        code: importServiceCode,
        nameMs: 'Diimport daripada ServiceNow',
        nameEn: 'Imported from ServiceNow',
        descriptionMs: 'Kategori aduan yang dibawa masuk daripada log insiden ServiceNow.',
        descriptionEn: 'Categories of incidents brought in from a ServiceNow incident log.',
        sortOrder: 1000,
      })
      .onConflictDoNothing({ target: services.code });
    const [row] = await this.db
      .select({ id: services.id })
      .from(services)
      .where(eq(services.code, importServiceCode));
    if (!row) throw new Error(`service ${importServiceCode} was neither created nor found`);
    this.serviceId = row.id;
    return row.id;
  }

  /** The category of a category token: code `SN-CAT-<n>` under the import service. */
  async categoryOf(category: NumberedToken): Promise<string> {
    const cached = this.categoryIds.get(category.number);
    if (cached) return cached;
    const serviceId = await this.importService();
    const code = `SN-CAT-${category.number}`;
    await this.db
      .insert(categories)
      .values({ serviceId, code, nameMs: category.token, nameEn: category.token })
      .onConflictDoNothing({ target: categories.code });
    const [row] = await this.db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.code, code));
    if (!row) throw new Error(`category ${code} was neither created nor found`);
    this.categoryIds.set(category.number, row.id);
    return row.id;
  }

  /**
   * The person behind a token such as `Caller 2403`, created as staff with the role. A person
   * who already exists gains the role when they lack it.
   */
  async personOf(token: string, role: Role): Promise<string> {
    const email = importedEmailOf(token);
    const cacheKey = `${email} ${role}`;
    const cached = this.personIds.get(cacheKey);
    if (cached) return cached;

    await this.db
      .insert(people)
      .values({ email, name: token, kind: 'staff', roles: [role] })
      .onConflictDoNothing({ target: people.email });
    const [row] = await this.db
      .select({ id: people.id, roles: people.roles })
      .from(people)
      .where(eq(people.email, email));
    if (!row) throw new Error(`person ${email} was neither created nor found`);
    if (!row.roles.includes(role)) {
      await this.db
        .update(people)
        .set({ roles: sql`array_append(${people.roles}, ${role})`, updatedAt: new Date() })
        .where(and(eq(people.id, row.id), sql`not (${role} = any(${people.roles}))`));
    }
    this.personIds.set(cacheKey, row.id);
    return row.id;
  }
}

/**
 * Writes one planned incident in a transaction: inserts the case with a new reference, or updates
 * the existing one, and appends the history rows it lacks. Returns the case id and reference.
 */
export async function writeIncident(
  db: Database,
  plan: IncidentPlan,
  existing: ExistingImport | undefined,
  referenceYear: number,
): Promise<{ caseId: string; reference: string; workflowId: string | null }> {
  return db.transaction(async (tx) => {
    const fields = plan.caseFields;
    const values = {
      title: fields.title,
      description: fields.description,
      status: fields.status,
      channel: fields.channel,
      priority: fields.priority,
      impact: fields.impact,
      urgency: fields.urgency,
      serviceId: fields.serviceId,
      categoryId: fields.categoryId,
      requesterId: fields.requesterId,
      createdById: fields.createdById,
      unitId: fields.unitId,
      assigneeId: fields.assigneeId,
      openedAt: fields.openedAt,
      firstRespondedAt: fields.firstRespondedAt,
      resolvedAt: fields.resolvedAt,
      closedAt: fields.closedAt,
      resolutionBreached: fields.resolutionBreached,
      reopenCount: fields.reopenCount,
      reassignmentCount: fields.reassignmentCount,
      waitingFor: waitingForOf(fields.status),
    };

    let caseId: string;
    let reference: string;
    let workflowId: string | null;
    if (existing) {
      await tx
        .update(cases)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(cases.id, existing.caseId));
      caseId = existing.caseId;
      reference = existing.reference;
      workflowId = existing.workflowId;
    } else {
      reference = await allocateReference(tx, complaintPrefix, referenceYear);
      const [row] = await tx
        .insert(cases)
        .values({ ...values, reference, source: 'servicenow', externalRef: plan.number })
        .returning({ id: cases.id });
      if (!row) throw new Error(`case for ${plan.number} was not inserted`);
      caseId = row.id;
      workflowId = null;
    }

    if (plan.history.length > 0) {
      await tx
        .insert(caseHistory)
        .values(plan.history.map((entry) => ({ ...entry, caseId, actorId: null })))
        .onConflictDoNothing({ target: [caseHistory.caseId, caseHistory.idempotencyKey] });
    }
    return { caseId, reference, workflowId };
  });
}

/** Records that the case's workflow runs, so later imports do not start it again. */
export async function markWorkflowStarted(
  db: Database,
  caseId: string,
  workflowId: string,
): Promise<void> {
  await db.update(cases).set({ workflowId }).where(eq(cases.id, caseId));
}

function waitingForOf(status: CaseStatus): 'customer' | 'supplier' | null {
  if (status === 'waiting_customer') return 'customer';
  if (status === 'waiting_supplier') return 'supplier';
  return null;
}
