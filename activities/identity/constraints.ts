/**
 * Recognises constraint violations raised by PostgreSQL, whichever driver raised them: Drizzle
 * wraps the driver's error (postgres.js or PGlite) in its own, with the original as `cause`.
 */

/** SQLSTATE of a unique_violation. */
const uniqueViolation = '23505';

function sqlState(error: unknown): { code?: unknown; constraint?: unknown } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as {
      code?: unknown;
      constraint?: unknown;
      constraint_name?: unknown;
      cause?: unknown;
    };
    if (candidate.code === uniqueViolation) {
      return {
        code: candidate.code,
        constraint: candidate.constraint ?? candidate.constraint_name,
      };
    }
    current = candidate.cause;
  }
  return null;
}

/** True when the error is a unique violation, of the named constraint when one is given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const state = sqlState(error);
  if (!state) return false;
  return (
    constraint === undefined || state.constraint === undefined || state.constraint === constraint
  );
}
