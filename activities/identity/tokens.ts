/**
 * Personal API tokens. The token itself is returned once, at creation; the database keeps its
 * SHA-256 and a short prefix that lets a person tell their tokens apart.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { appendAudit } from './audit';
import { apiTokenPrefix, randomSecret, sha256 } from './principals';

export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

/** Characters of the token kept as its visible prefix: `kht_` and eight random characters. */
const visiblePrefixLength = apiTokenPrefix.length + 8;

export async function createApiToken(
  db: Database,
  input: { personId: string; name: string; expiresInDays?: number | undefined; now: Date },
): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = `${apiTokenPrefix}${randomSecret()}`;
  const expiresAt =
    input.expiresInDays === undefined
      ? null
      : new Date(input.now.getTime() + input.expiresInDays * 86_400_000);
  const record = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        personId: input.personId,
        name: input.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, visiblePrefixLength),
        createdAt: input.now,
        expiresAt,
      })
      .returning(tokenColumns);
    if (!row) throw new Error('insert into api_tokens returned no row');
    await appendAudit(tx, {
      actorId: input.personId,
      entity: 'api_token',
      entityId: row.id,
      action: 'created',
      newValue: {
        name: row.name,
        prefix: row.prefix,
        expiresAt: row.expiresAt?.toISOString() ?? null,
      },
    });
    return row;
  });
  return { token, record };
}

/** Lists a person's tokens, newest first, revoked and expired ones included. */
export function listApiTokens(db: Database, personId: string): Promise<ApiTokenRecord[]> {
  return db
    .select(tokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * Revokes one of the person's own tokens. Returns false when the person has no token with that
 * id, so that another person's token looks the same as a missing one. Revoking twice is allowed.
 */
export async function revokeApiToken(
  db: Database,
  input: { personId: string; tokenId: string; now: Date },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, input.tokenId), eq(apiTokens.personId, input.personId)));
    if (!token) return false;
    if (token.revokedAt) return true;
    await tx
      .update(apiTokens)
      .set({ revokedAt: input.now })
      .where(and(eq(apiTokens.id, token.id), isNull(apiTokens.revokedAt)));
    await appendAudit(tx, {
      actorId: input.personId,
      entity: 'api_token',
      entityId: token.id,
      action: 'revoked',
      newValue: { revokedAt: input.now.toISOString() },
    });
    return true;
  });
}

/** Returns the owner of a token, or null when there is no token with that id. */
export async function apiTokenOwner(db: Database, tokenId: string): Promise<string | null> {
  const [token] = await db
    .select({ personId: apiTokens.personId })
    .from(apiTokens)
    .where(eq(apiTokens.id, tokenId));
  return token?.personId ?? null;
}
