/**
 * Choosing the approval levels of a subject: the matching rule, its approver specifications
 * resolved to people, and each approver's delegate on the day the chain starts.
 */
import { and, arrayContains, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type {
  ApprovalApproverSpec,
  ApprovalRuleLevel,
  ApprovalSubject,
  ResolvedLevel,
} from '../../common/approval';
import type { Role } from '../../common/enums';
import type { Database } from '../../db/client';
import { approvalDelegations, approvalRules, people, unitMembers } from '../../db/schema';

const malaysianDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Kuala_Lumpur',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Returns the Malaysian calendar date (yyyy-MM-dd) of an instant. */
export function malaysianDateOf(instant: Date): string {
  return malaysianDate.format(instant);
}

/** Returns the active rule of lowest priority whose filters all match the subject, if any. */
export async function findApprovalRule(
  db: Database,
  subject: ApprovalSubject,
): Promise<{ id: string; levels: ApprovalRuleLevel[] } | null> {
  const rules = await db
    .select()
    .from(approvalRules)
    .where(and(eq(approvalRules.subjectKind, subject.kind), eq(approvalRules.active, true)))
    .orderBy(asc(approvalRules.priority), asc(approvalRules.createdAt));
  const rule = rules.find(
    (candidate) =>
      (candidate.category === null || candidate.category === subject.category) &&
      (candidate.unitId === null || candidate.unitId === subject.unitId) &&
      (candidate.minValue === null || (subject.value ?? 0) >= candidate.minValue) &&
      (candidate.maxValue === null || (subject.value ?? 0) < candidate.maxValue),
  );
  return rule ? { id: rule.id, levels: rule.levels } : null;
}

/** Returns the heads (ketua unit) of a unit who are active. */
export async function findUnitHeads(db: Database, unitId: string | null): Promise<string[]> {
  if (!unitId) return [];
  const rows = await db
    .select({ personId: unitMembers.personId })
    .from(unitMembers)
    .innerJoin(people, eq(people.id, unitMembers.personId))
    .where(
      and(eq(unitMembers.unitId, unitId), eq(unitMembers.role, 'head'), eq(people.active, true)),
    );
  return rows.map((row) => row.personId);
}

async function findPeopleWithRole(db: Database, role: Role): Promise<string[]> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(arrayContains(people.roles, [role]), eq(people.active, true)));
  return rows.map((row) => row.id);
}

async function resolveSpec(
  db: Database,
  spec: ApprovalApproverSpec,
  subject: ApprovalSubject,
): Promise<string[]> {
  switch (spec.type) {
    case 'person': {
      const rows = await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, spec.personId), eq(people.active, true)));
      return rows.map((row) => row.id);
    }
    case 'role':
      return findPeopleWithRole(db, spec.role);
    case 'requesterUnitHead':
      return findUnitHeads(db, subject.unitId);
    case 'unitHead':
      return findUnitHeads(db, spec.unitId);
    case 'ownerUnitHead':
      return findUnitHeads(db, subject.ownerUnitId ?? null);
  }
}

/** Returns the delegate of each approver who is away on the given date. */
export async function findActiveDelegates(
  db: Database,
  approverIds: string[],
  onDate: string,
): Promise<Map<string, string>> {
  if (approverIds.length === 0) return new Map();
  const rows = await db
    .select({
      approverId: approvalDelegations.approverId,
      delegateId: approvalDelegations.delegateId,
    })
    .from(approvalDelegations)
    .where(
      and(
        inArray(approvalDelegations.approverId, approverIds),
        lte(approvalDelegations.startsOn, onDate),
        gte(approvalDelegations.endsOn, onDate),
        isNull(approvalDelegations.revokedAt),
      ),
    )
    .orderBy(asc(approvalDelegations.createdAt));
  return new Map(rows.map((row) => [row.approverId, row.delegateId]));
}

/** Returns the people who approve when no rule matches or a level resolves to no one: approvers, else admins. */
async function fallbackApprovers(db: Database): Promise<string[]> {
  for (const role of ['approver', 'admin'] as const) {
    const ids = await findPeopleWithRole(db, role);
    if (ids.length > 0) return ids;
  }
  return [];
}

/**
 * Resolves the levels of a subject. A level whose specifications match no one falls back to the
 * people with the `approver` role (else `admin`), so no request passes a gate unapproved. The
 * requester never approves their own subject unless they are the only candidate.
 */
export async function resolveApprovalLevels(
  db: Database,
  subject: ApprovalSubject,
  at: Date,
): Promise<ResolvedLevel[]> {
  const rule = await findApprovalRule(db, subject);
  const ruleLevels: ApprovalRuleLevel[] = rule?.levels ?? [
    { mode: 'any', approvers: [{ type: 'requesterUnitHead' }] },
  ];

  const resolved: ResolvedLevel[] = [];
  for (const [index, level] of ruleLevels.entries()) {
    const ids = new Set<string>();
    for (const spec of level.approvers) {
      for (const id of await resolveSpec(db, spec, subject)) ids.add(id);
    }
    let approverIds = [...ids];
    if (approverIds.length === 0) approverIds = await fallbackApprovers(db);
    const others = approverIds.filter((id) => id !== subject.requesterId);
    if (others.length > 0) approverIds = others;
    if (approverIds.length === 0) {
      throw new Error(`level ${index + 1} of ${subject.reference} has no approver and no fallback`);
    }

    const delegates = await findActiveDelegates(db, approverIds, malaysianDateOf(at));
    resolved.push({
      level: index + 1,
      mode: level.mode,
      approvers: approverIds.sort().map((approverId) => ({
        approverId,
        delegateId: delegates.get(approverId) ?? null,
      })),
    });
  }
  return resolved;
}
