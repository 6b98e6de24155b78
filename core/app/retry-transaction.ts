import { isRetryableConflict } from "../db/postgres-errors.ts";

/**
 * Runs a transactional unit again when it lost a race that the database detected (two first orders of one
 * customer at once, a deadlock). The unit must be idempotent up to its commit, which a transaction is.
 */
export async function retryOnConflict<T>(unit: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await unit();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
