/**
 * Writes of a project's own records: milestones, the team and the risk register. Each change runs
 * in one transaction with a row of ict_project_history (source `records`) holding who changed
 * what, with the old and new values. Removing a record sets `removed_at`; nothing is deleted.
 */
import { and, eq, isNull, max } from 'drizzle-orm';
import { AppError } from '../../common/errors';
import {
  projectRecordLimits,
  type MilestoneStatus,
  type ProjectTeamRole,
  type RiskStatus,
} from '../../common/ict-project';
import type { Database } from '../../db/client';
import {
  ictProjectHistory,
  ictProjectMilestones,
  ictProjectRisks,
  ictProjectTeam,
  ictProjects,
} from '../../db/schema';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The author, project and time of a change to a record. */
export interface RecordChange {
  projectId: string;
  actorId: string;
  at: Date;
}

export interface MilestoneFields {
  name: string;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: MilestoneStatus;
}

export interface TeamMemberFields {
  personId: string;
  role: ProjectTeamRole;
}

export interface RiskFields {
  description: string;
  /** From 1 to 5, as the database checks. */
  likelihood: number;
  impact: number;
  ownerId: string | null;
  mitigation: string;
  status: RiskStatus;
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `${field}: ${message}`, [{ field, message }]);
}

/**
 * Appends a history row numbered after the last `records` step of the project. The project row is
 * locked first, so two changes of one project at the same time take consecutive steps.
 */
async function appendHistory(
  tx: Transaction,
  change: RecordChange,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx
    .select({ id: ictProjects.id })
    .from(ictProjects)
    .where(eq(ictProjects.id, change.projectId))
    .for('update');
  const [last] = await tx
    .select({ step: max(ictProjectHistory.step) })
    .from(ictProjectHistory)
    .where(
      and(
        eq(ictProjectHistory.projectId, change.projectId),
        eq(ictProjectHistory.source, 'records'),
      ),
    );
  await tx.insert(ictProjectHistory).values({
    projectId: change.projectId,
    source: 'records',
    step: (last?.step ?? 0) + 1,
    action,
    actorId: change.actorId,
    details,
    at: change.at,
  });
}

/** Checks how many live records of a kind a project has before one more is added. */
function requireRoom(count: number, field: string): void {
  if (count >= projectRecordLimits.perProject) {
    throw invalid(field, `a project has at most ${projectRecordLimits.perProject} of these`);
  }
}

/** Checks the planned and actual dates of a milestone, naming the field at fault. */
export function checkMilestoneDates(fields: MilestoneFields): void {
  if (fields.plannedEnd < fields.plannedStart) {
    throw invalid('body.plannedEnd', 'must not be before plannedStart');
  }
  if (fields.actualEnd !== null && fields.actualStart === null) {
    throw invalid('body.actualStart', 'is required when actualEnd is set');
  }
  if (fields.actualEnd !== null && fields.actualStart !== null) {
    if (fields.actualEnd < fields.actualStart) {
      throw invalid('body.actualEnd', 'must not be before actualStart');
    }
  }
  if (fields.status === 'completed' && fields.actualEnd === null) {
    throw invalid('body.actualEnd', 'is required for a completed milestone');
  }
}

// ---------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------

export async function addMilestone(
  db: Database,
  change: RecordChange,
  fields: MilestoneFields,
): Promise<string> {
  checkMilestoneDates(fields);
  return db.transaction(async (tx) => {
    const live = await tx
      .select({ id: ictProjectMilestones.id })
      .from(ictProjectMilestones)
      .where(
        and(
          eq(ictProjectMilestones.projectId, change.projectId),
          isNull(ictProjectMilestones.removedAt),
        ),
      );
    requireRoom(live.length, 'body');
    const [row] = await tx
      .insert(ictProjectMilestones)
      .values({
        projectId: change.projectId,
        ...fields,
        createdAt: change.at,
        updatedAt: change.at,
      })
      .returning({ id: ictProjectMilestones.id });
    if (!row) throw new Error('insert into ict_project_milestones returned nothing');
    await appendHistory(tx, change, 'milestone_added', { id: row.id, new: fields });
    return row.id;
  });
}

/** Changes the given fields of a milestone; returns false when the project has no such milestone. */
export async function updateMilestone(
  db: Database,
  change: RecordChange,
  milestoneId: string,
  patch: Partial<MilestoneFields>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        name: ictProjectMilestones.name,
        plannedStart: ictProjectMilestones.plannedStart,
        plannedEnd: ictProjectMilestones.plannedEnd,
        actualStart: ictProjectMilestones.actualStart,
        actualEnd: ictProjectMilestones.actualEnd,
        status: ictProjectMilestones.status,
      })
      .from(ictProjectMilestones)
      .where(liveMilestone(change.projectId, milestoneId))
      .for('update');
    if (!current) return false;
    const before = current as MilestoneFields;
    const after: MilestoneFields = { ...before, ...definedOf(patch) };
    checkMilestoneDates(after);
    await tx
      .update(ictProjectMilestones)
      .set({ ...after, updatedAt: change.at })
      .where(eq(ictProjectMilestones.id, milestoneId));
    await appendHistory(tx, change, 'milestone_changed', {
      id: milestoneId,
      ...differences(before, after),
    });
    return true;
  });
}

export async function removeMilestone(
  db: Database,
  change: RecordChange,
  milestoneId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .update(ictProjectMilestones)
      .set({ removedAt: change.at, updatedAt: change.at })
      .where(liveMilestone(change.projectId, milestoneId))
      .returning({ name: ictProjectMilestones.name });
    if (removed.length === 0) return false;
    await appendHistory(tx, change, 'milestone_removed', {
      id: milestoneId,
      name: removed[0]?.name,
    });
    return true;
  });
}

function liveMilestone(projectId: string, milestoneId: string) {
  return and(
    eq(ictProjectMilestones.id, milestoneId),
    eq(ictProjectMilestones.projectId, projectId),
    isNull(ictProjectMilestones.removedAt),
  );
}

// ---------------------------------------------------------------------------------------------
// Team
// ---------------------------------------------------------------------------------------------

/** Adds a person to the team in a role; a person already holding that role is a conflict. */
export async function addTeamMember(
  db: Database,
  change: RecordChange,
  fields: TeamMemberFields,
): Promise<string> {
  return db.transaction(async (tx) => {
    const live = await tx
      .select({ personId: ictProjectTeam.personId, role: ictProjectTeam.role })
      .from(ictProjectTeam)
      .where(and(eq(ictProjectTeam.projectId, change.projectId), isNull(ictProjectTeam.removedAt)));
    if (live.some((member) => member.personId === fields.personId && member.role === fields.role)) {
      throw new AppError('conflict', `The person already has the role ${fields.role}`, {
        field: 'body.personId',
      });
    }
    requireRoom(live.length, 'body');
    const [row] = await tx
      .insert(ictProjectTeam)
      .values({
        projectId: change.projectId,
        ...fields,
        createdAt: change.at,
        updatedAt: change.at,
      })
      .returning({ id: ictProjectTeam.id });
    if (!row) throw new Error('insert into ict_project_team returned nothing');
    await appendHistory(tx, change, 'team_member_added', { id: row.id, new: fields });
    return row.id;
  });
}

/** Changes a member's role; returns false when the project has no such member. */
export async function changeTeamRole(
  db: Database,
  change: RecordChange,
  memberId: string,
  role: ProjectTeamRole,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ personId: ictProjectTeam.personId, role: ictProjectTeam.role })
      .from(ictProjectTeam)
      .where(liveMember(change.projectId, memberId))
      .for('update');
    if (!current) return false;
    if (current.role === role) return true;
    const [holder] = await tx
      .select({ id: ictProjectTeam.id })
      .from(ictProjectTeam)
      .where(
        and(
          eq(ictProjectTeam.projectId, change.projectId),
          eq(ictProjectTeam.personId, current.personId),
          eq(ictProjectTeam.role, role),
          isNull(ictProjectTeam.removedAt),
        ),
      );
    if (holder) {
      throw new AppError('conflict', `The person already has the role ${role}`, {
        field: 'body.role',
      });
    }
    await tx
      .update(ictProjectTeam)
      .set({ role, updatedAt: change.at })
      .where(eq(ictProjectTeam.id, memberId));
    await appendHistory(tx, change, 'team_member_changed', {
      id: memberId,
      personId: current.personId,
      old: { role: current.role },
      new: { role },
    });
    return true;
  });
}

export async function removeTeamMember(
  db: Database,
  change: RecordChange,
  memberId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .update(ictProjectTeam)
      .set({ removedAt: change.at, updatedAt: change.at })
      .where(liveMember(change.projectId, memberId))
      .returning({ personId: ictProjectTeam.personId, role: ictProjectTeam.role });
    if (removed.length === 0) return false;
    await appendHistory(tx, change, 'team_member_removed', { id: memberId, old: removed[0] });
    return true;
  });
}

function liveMember(projectId: string, memberId: string) {
  return and(
    eq(ictProjectTeam.id, memberId),
    eq(ictProjectTeam.projectId, projectId),
    isNull(ictProjectTeam.removedAt),
  );
}

// ---------------------------------------------------------------------------------------------
// Risks
// ---------------------------------------------------------------------------------------------

export async function addRisk(
  db: Database,
  change: RecordChange,
  fields: RiskFields,
): Promise<string> {
  return db.transaction(async (tx) => {
    const live = await tx
      .select({ id: ictProjectRisks.id })
      .from(ictProjectRisks)
      .where(
        and(eq(ictProjectRisks.projectId, change.projectId), isNull(ictProjectRisks.removedAt)),
      );
    requireRoom(live.length, 'body');
    const [row] = await tx
      .insert(ictProjectRisks)
      .values({
        projectId: change.projectId,
        ...fields,
        createdAt: change.at,
        updatedAt: change.at,
      })
      .returning({ id: ictProjectRisks.id });
    if (!row) throw new Error('insert into ict_project_risks returned nothing');
    await appendHistory(tx, change, 'risk_added', { id: row.id, new: fields });
    return row.id;
  });
}

/** Changes the given fields of a risk; returns false when the project has no such risk. */
export async function updateRisk(
  db: Database,
  change: RecordChange,
  riskId: string,
  patch: Partial<RiskFields>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        description: ictProjectRisks.description,
        likelihood: ictProjectRisks.likelihood,
        impact: ictProjectRisks.impact,
        ownerId: ictProjectRisks.ownerId,
        mitigation: ictProjectRisks.mitigation,
        status: ictProjectRisks.status,
      })
      .from(ictProjectRisks)
      .where(liveRisk(change.projectId, riskId))
      .for('update');
    if (!current) return false;
    const before = current as RiskFields;
    const after: RiskFields = { ...before, ...definedOf(patch) };
    await tx
      .update(ictProjectRisks)
      .set({ ...after, updatedAt: change.at })
      .where(eq(ictProjectRisks.id, riskId));
    await appendHistory(tx, change, 'risk_changed', { id: riskId, ...differences(before, after) });
    return true;
  });
}

export async function removeRisk(
  db: Database,
  change: RecordChange,
  riskId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .update(ictProjectRisks)
      .set({ removedAt: change.at, updatedAt: change.at })
      .where(liveRisk(change.projectId, riskId))
      .returning({ description: ictProjectRisks.description });
    if (removed.length === 0) return false;
    await appendHistory(tx, change, 'risk_removed', {
      id: riskId,
      description: removed[0]?.description,
    });
    return true;
  });
}

function liveRisk(projectId: string, riskId: string) {
  return and(
    eq(ictProjectRisks.id, riskId),
    eq(ictProjectRisks.projectId, projectId),
    isNull(ictProjectRisks.removedAt),
  );
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Returns the patch without the fields left undefined, so they keep their stored values. */
function definedOf<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Returns the old and new values of the fields that changed. */
function differences<T extends object>(before: T, after: T): { old: Partial<T>; new: Partial<T> } {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (before[key] === after[key]) continue;
    changedBefore[key] = before[key];
    changedAfter[key] = after[key];
  }
  return { old: changedBefore, new: changedAfter };
}
