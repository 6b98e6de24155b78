import type { Logger } from "pino";

/** Retries `attempt` with exponential backoff (capped at 10 s) until it succeeds or `giveUpAfterMs` passes. */
export async function waitFor<T>(
  logger: Logger,
  what: string,
  attempt: () => Promise<T>,
  giveUpAfterMs = 120_000,
): Promise<T> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() - started > giveUpAfterMs) throw error;
      const delay = Math.min(10_000, 250 * 2 ** Math.min(tries, 6));
      logger.warn({ err: (error as Error).message, retryInMs: delay }, `${what} not reachable yet`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
