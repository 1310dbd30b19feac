/**
 * Reads of ICT projects for the API: the portfolio page, one project with its history and
 * records, the people a project involves, and the uploaded files its documents may name.
 */
import { and, asc, desc, eq, exists, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ProjectGate, ProjectStatus, ProjectVariant } from '../../common/ict-project';
import type { Database } from '../../db/client';
import {
  attachments,
  ictProjectHistory,
  ictProjectMilestones,
  ictProjectRisks,
  ictProjectTeam,
  ictProjects,
  people,
  units,
} from '../../db/schema';

export type ProjectRow = typeof ictProjects.$inferSelect;

const projectColumns = {
  project: ictProjects,
  applicantName: people.name,
  unitCode: units.code,
};

/** A project with the applicant's name and the code of the applicant's unit. */
export interface ProjectListRow {
  project: ProjectRow;
  applicantName: string;
  unitCode: string | null;
}

/** Position after which the next portfolio page starts: newest request first, then id. */
export interface PortfolioCursor {
  requestedAt: string;
  id: string;
}

export interface PortfolioFilters {
  status?: ProjectStatus | undefined;
  gate?: ProjectGate | undefined;
  variant?: ProjectVariant | undefined;
  unitId?: string | undefined;
  /** Only projects this person applied for or is on the team of. */
  involving?: string | undefined;
  after: PortfolioCursor | null;
  limit: number;
}

/** Lists projects newest first with keyset pagination; `next` is null on the last page. */
export async function listProjects(
  db: Database,
  filters: PortfolioFilters,
): Promise<{ items: ProjectListRow[]; next: PortfolioCursor | null }> {
  const conditions: SQL[] = [];

  if (filters.status) conditions.push(eq(ictProjects.status, filters.status));
  if (filters.gate) conditions.push(eq(ictProjects.currentGate, filters.gate));
  if (filters.variant) conditions.push(eq(ictProjects.variant, filters.variant));
  if (filters.unitId) conditions.push(eq(ictProjects.applicantUnitId, filters.unitId));
  if (filters.involving) {
    const onTeam = db
      .select({ id: ictProjectTeam.id })
      .from(ictProjectTeam)
      .where(
        and(
          eq(ictProjectTeam.projectId, ictProjects.id),
          eq(ictProjectTeam.personId, filters.involving),
          isNull(ictProjectTeam.removedAt),
        ),
      );
    const involved = or(eq(ictProjects.applicantId, filters.involving), exists(onTeam));
    if (involved) conditions.push(involved);
  }

  if (filters.after) {
    conditions.push(
      sql`(${ictProjects.requestedAt}, ${ictProjects.id}) < (${filters.after.requestedAt}::timestamptz, ${filters.after.id}::uuid)`,
    );
  }

  const rows = await db
    .select(projectColumns)
    .from(ictProjects)
    .innerJoin(people, eq(people.id, ictProjects.applicantId))
    .leftJoin(units, eq(units.id, ictProjects.applicantUnitId))
    .where(and(...conditions))
    .orderBy(desc(ictProjects.requestedAt), desc(ictProjects.id))
    .limit(filters.limit + 1);
  const items = rows.slice(0, filters.limit);
  const last = items.at(-1);
  const next =
    rows.length > filters.limit && last
      ? { requestedAt: last.project.requestedAt.toISOString(), id: last.project.id }
      : null;
  return { items, next };
}

export async function findProject(db: Database, reference: string): Promise<ProjectListRow | null> {
  const [row] = await db
    .select(projectColumns)
    .from(ictProjects)
    .innerJoin(people, eq(people.id, ictProjects.applicantId))
    .leftJoin(units, eq(units.id, ictProjects.applicantUnitId))
    .where(eq(ictProjects.reference, reference));
  return row ?? null;
}

/** Returns the ids of the people on a project's team now. */
export async function teamIdsOf(db: Database, projectId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ personId: ictProjectTeam.personId })
    .from(ictProjectTeam)
    .where(and(eq(ictProjectTeam.projectId, projectId), isNull(ictProjectTeam.removedAt)));
  return rows.map((row) => row.personId);
}

/** Returns the history of a project and its children, oldest first, with each actor's name. */
export async function projectHistory(db: Database, projectId: string) {
  return db
    .select({
      source: ictProjectHistory.source,
      step: ictProjectHistory.step,
      action: ictProjectHistory.action,
      actorId: ictProjectHistory.actorId,
      actorName: people.name,
      details: ictProjectHistory.details,
      at: ictProjectHistory.at,
    })
    .from(ictProjectHistory)
    .leftJoin(people, eq(people.id, ictProjectHistory.actorId))
    .where(eq(ictProjectHistory.projectId, projectId))
    .orderBy(asc(ictProjectHistory.at), asc(ictProjectHistory.id));
}

export type ProjectHistoryRow = Awaited<ReturnType<typeof projectHistory>>[number];

/** Returns the milestones, team and risks of a project that are not removed. */
export async function projectRecords(db: Database, projectId: string) {
  const [milestones, team, risks] = await Promise.all([
    db
      .select({
        id: ictProjectMilestones.id,
        name: ictProjectMilestones.name,
        plannedStart: ictProjectMilestones.plannedStart,
        plannedEnd: ictProjectMilestones.plannedEnd,
        actualStart: ictProjectMilestones.actualStart,
        actualEnd: ictProjectMilestones.actualEnd,
        status: ictProjectMilestones.status,
        updatedAt: ictProjectMilestones.updatedAt,
      })
      .from(ictProjectMilestones)
      .where(
        and(eq(ictProjectMilestones.projectId, projectId), isNull(ictProjectMilestones.removedAt)),
      )
      .orderBy(asc(ictProjectMilestones.plannedStart), asc(ictProjectMilestones.createdAt)),
    db
      .select({
        id: ictProjectTeam.id,
        personId: ictProjectTeam.personId,
        name: people.name,
        email: people.email,
        role: ictProjectTeam.role,
        since: ictProjectTeam.createdAt,
      })
      .from(ictProjectTeam)
      .innerJoin(people, eq(people.id, ictProjectTeam.personId))
      .where(and(eq(ictProjectTeam.projectId, projectId), isNull(ictProjectTeam.removedAt)))
      .orderBy(asc(ictProjectTeam.createdAt)),
    db
      .select({
        id: ictProjectRisks.id,
        description: ictProjectRisks.description,
        likelihood: ictProjectRisks.likelihood,
        impact: ictProjectRisks.impact,
        ownerId: ictProjectRisks.ownerId,
        ownerName: people.name,
        mitigation: ictProjectRisks.mitigation,
        status: ictProjectRisks.status,
        updatedAt: ictProjectRisks.updatedAt,
      })
      .from(ictProjectRisks)
      .leftJoin(people, eq(people.id, ictProjectRisks.ownerId))
      .where(and(eq(ictProjectRisks.projectId, projectId), isNull(ictProjectRisks.removedAt)))
      .orderBy(asc(ictProjectRisks.createdAt)),
  ]);
  return { milestones, team, risks };
}

/** Returns the uploaded files with the given ids that belong to no case, keyed by id. */
export async function findLooseFiles(db: Database, ids: string[]) {
  if (ids.length === 0) return new Map<string, LooseFile>();
  const rows = await db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      sha256: attachments.sha256,
      uploadedById: attachments.uploadedById,
    })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), isNull(attachments.caseId)));
  return new Map(rows.map((row) => [row.id, row]));
}

export interface LooseFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: string;
}

/** Returns whether an active person with this id exists. */
export async function activePersonExists(db: Database, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)));
  return row !== undefined;
}
