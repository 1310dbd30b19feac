/** Reads of event support requests for the API: lists, one event with its parts, the calendar. */
import { and, asc, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm';
import type { CeremonyStatus } from '../../common/ceremony';
import type { Database } from '../../db/client';
import {
  ceremonyChecklist,
  ceremonyEquipment,
  ceremonyEvents,
  ceremonyHistory,
  ceremonyLog,
  ceremonyTeam,
  inventoryResources,
  people,
  unitMembers,
  units,
} from '../../db/schema';

const eventColumns = { event: ceremonyEvents, requesterName: people.name };

export type CeremonyEventRow = typeof ceremonyEvents.$inferSelect;

export interface CeremonyFilters {
  requesterId?: string;
  status?: CeremonyStatus | undefined;
  /** Events that overlap [from, to). */
  from?: Date;
  to?: Date;
  limit: number;
}

export async function listCeremonies(db: Database, filters: CeremonyFilters) {
  const conditions: SQL[] = [];
  if (filters.requesterId) conditions.push(eq(ceremonyEvents.requesterId, filters.requesterId));
  if (filters.status) conditions.push(eq(ceremonyEvents.status, filters.status));
  if (filters.to) conditions.push(lt(ceremonyEvents.startsAt, filters.to));
  if (filters.from) conditions.push(gt(ceremonyEvents.endsAt, filters.from));
  const calendar = filters.from !== undefined;
  return db
    .select(eventColumns)
    .from(ceremonyEvents)
    .innerJoin(people, eq(people.id, ceremonyEvents.requesterId))
    .where(and(...conditions))
    .orderBy(calendar ? asc(ceremonyEvents.startsAt) : desc(ceremonyEvents.requestedAt))
    .limit(filters.limit);
}

export async function findCeremony(db: Database, reference: string) {
  const [row] = await db
    .select(eventColumns)
    .from(ceremonyEvents)
    .innerJoin(people, eq(people.id, ceremonyEvents.requesterId))
    .where(eq(ceremonyEvents.reference, reference));
  return row ?? null;
}

export async function ceremonyTeamOf(db: Database, eventId: string) {
  return db
    .select({ personId: ceremonyTeam.personId, name: people.name })
    .from(ceremonyTeam)
    .innerJoin(people, eq(people.id, ceremonyTeam.personId))
    .where(eq(ceremonyTeam.eventId, eventId))
    .orderBy(asc(people.name));
}

/** Returns the ids of the teams of the given events, keyed by event id. */
export async function teamsOf(db: Database, eventIds: string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>();
  if (eventIds.length === 0) return teams;
  const rows = await db
    .select({ eventId: ceremonyTeam.eventId, personId: ceremonyTeam.personId })
    .from(ceremonyTeam)
    .where(inArray(ceremonyTeam.eventId, eventIds));
  for (const row of rows) teams.set(row.eventId, [...(teams.get(row.eventId) ?? []), row.personId]);
  return teams;
}

export async function ceremonyParts(db: Database, eventId: string) {
  const [checklist, log, equipment, timeline] = await Promise.all([
    db
      .select({
        key: ceremonyChecklist.key,
        need: ceremonyChecklist.need,
        kind: ceremonyChecklist.kind,
        tickedById: ceremonyChecklist.tickedById,
        tickedByName: people.name,
        tickedAt: ceremonyChecklist.tickedAt,
      })
      .from(ceremonyChecklist)
      .leftJoin(people, eq(people.id, ceremonyChecklist.tickedById))
      .where(eq(ceremonyChecklist.eventId, eventId))
      .orderBy(asc(ceremonyChecklist.position)),
    db
      .select({ authorName: people.name, body: ceremonyLog.body, at: ceremonyLog.at })
      .from(ceremonyLog)
      .innerJoin(people, eq(people.id, ceremonyLog.authorId))
      .where(eq(ceremonyLog.eventId, eventId))
      .orderBy(asc(ceremonyLog.step)),
    db
      .select({
        resourceId: ceremonyEquipment.resourceId,
        name: inventoryResources.name,
        tag: inventoryResources.tag,
        outcome: ceremonyEquipment.outcome,
        location: ceremonyEquipment.location,
        damage: ceremonyEquipment.damage,
        damageCaseReference: ceremonyEquipment.damageCaseReference,
      })
      .from(ceremonyEquipment)
      .innerJoin(inventoryResources, eq(inventoryResources.id, ceremonyEquipment.resourceId))
      .where(eq(ceremonyEquipment.eventId, eventId))
      .orderBy(asc(inventoryResources.tag)),
    db
      .select({
        step: ceremonyHistory.step,
        action: ceremonyHistory.action,
        actorName: people.name,
        details: ceremonyHistory.details,
        at: ceremonyHistory.at,
      })
      .from(ceremonyHistory)
      .leftJoin(people, eq(people.id, ceremonyHistory.actorId))
      .where(eq(ceremonyHistory.eventId, eventId))
      .orderBy(asc(ceremonyHistory.step)),
  ]);
  return { checklist, log, equipment, timeline };
}

/** Returns the id of the unit with the given code, or null. */
export async function unitIdByCode(db: Database, code: string): Promise<string | null> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.code, code));
  return row?.id ?? null;
}

/** Lists the active members and heads of a unit, who may join an event's team. */
export async function supportStaffOf(db: Database, unitId: string) {
  return db
    .selectDistinct({ id: people.id, name: people.name })
    .from(unitMembers)
    .innerJoin(people, eq(people.id, unitMembers.personId))
    .where(
      and(
        eq(unitMembers.unitId, unitId),
        inArray(unitMembers.role, ['member', 'head']),
        eq(people.active, true),
      ),
    )
    .orderBy(asc(people.name));
}
