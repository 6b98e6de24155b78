/** PostgreSQL's SQLSTATE for a unique constraint violation, from postgres.js and PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/** Serialization failures and deadlocks: the transaction may simply be run again. */
export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === "40001" || state === "40P01" || state === "23505";
}

/** The server's error under whatever wraps it: its SQLSTATE and DETAIL, from postgres.js and PGlite alike. */
export function databaseError(error: unknown): { code: string; detail: string | undefined } | undefined {
  let current: unknown = error;
  // drizzle wraps driver errors; the SQLSTATE is on the innermost cause.
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const { code, detail } = current as { code?: unknown; detail?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, detail: typeof detail === "string" ? detail : undefined };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function sqlState(error: unknown): string | undefined {
  return databaseError(error)?.code;
}
