/** Survey definitions: list, create and change. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { surveys } from '../../db/schema';

export type SurveyRow = typeof surveys.$inferSelect;
export type NewSurvey = Omit<typeof surveys.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export function listSurveys(db: Database): Promise<SurveyRow[]> {
  return db.select().from(surveys).orderBy(asc(surveys.code));
}

/** Inserts a survey and returns it, or null when its code is taken. */
export async function createSurvey(db: Database, survey: NewSurvey): Promise<SurveyRow | null> {
  const [row] = await db
    .insert(surveys)
    .values(survey)
    .onConflictDoNothing({ target: surveys.code })
    .returning();
  return row ?? null;
}

/** Changes the given fields of a survey and returns it, or null when there is no such survey. */
export async function updateSurvey(
  db: Database,
  id: string,
  change: Partial<Omit<NewSurvey, 'code'>>,
): Promise<SurveyRow | null> {
  const [row] = await db
    .update(surveys)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(surveys.id, id))
    .returning();
  return row ?? null;
}
