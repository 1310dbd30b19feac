/**
 * The people a CSI campaign invites: for each population group, the active people of its kind,
 * all of them or an exact share chosen by a hash of the campaign and the person.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CsiPopulationGroup } from '../../common/csi';
import type { Database } from '../../db/client';
import { people } from '../../db/schema';

/** Returns how many of `size` people a group of `percent` invites: rounded half up. */
export function sampleSize(size: number, percent: number): number {
  if (percent >= 100) return size;
  return Math.min(size, Math.round((size * percent) / 100));
}

function sampleKey(campaignId: string, personId: string): string {
  return createHash('sha256').update(`${campaignId}:${personId}`).digest('hex');
}

/**
 * Picks exactly sampleSize(ids.length, percent) of the ids: those with the lowest SHA-256 of
 * `<campaign id>:<person id>`. The choice depends only on the campaign and the people, so a retry
 * picks the same people, and each campaign picks a different sample.
 */
export function samplePeople(
  campaignId: string,
  ids: readonly string[],
  percent: number,
): string[] {
  const size = sampleSize(ids.length, percent);
  if (size === ids.length) return [...ids];
  return ids
    .map((id) => ({ id, key: sampleKey(campaignId, id) }))
    .sort((a, b) => a.key.localeCompare(b.key))
    .slice(0, size)
    .map((entry) => entry.id);
}

/** Returns the ids of the people to invite, each once, ordered by id. */
export async function selectPopulation(
  db: Pick<Database, 'select'>,
  campaignId: string,
  groups: readonly CsiPopulationGroup[],
): Promise<string[]> {
  const chosen = new Set<string>();
  for (const group of groups) {
    const rows = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.kind, group.kind), eq(people.active, true)));
    const ids = rows.map((row) => row.id).sort();
    for (const id of samplePeople(campaignId, ids, group.percent)) chosen.add(id);
  }
  return [...chosen].sort();
}
