import type { Logger } from "pino";

type Stopper = { name: string; stop: () => Promise<void> };

/**
 * Stops what a process started, last started first, on SIGTERM or SIGINT, within a grace time; a second signal
 * or the end of the grace time exits at once.
 */
export class Lifecycle {
  private readonly stoppers: Stopper[] = [];
  private stopping = false;
  private readonly stoppingController = new AbortController();

  constructor(
    private readonly logger: Logger,
    private readonly graceMs = 20_000,
  ) {}

  get accepting(): boolean {
    return !this.stopping;
  }

  /**
   * Aborted the moment stopping begins, before anything stops: long-lived answers (event streams) end on it, since
   * the HTTP server, stopped first, waits for every open request to end.
   */
  get stoppingSignal(): AbortSignal {
    return this.stoppingController.signal;
  }

  onStop(name: string, stop: () => Promise<void>): void {
    this.stoppers.push({ name, stop });
  }

  handleSignals(): void {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        process.once(signal, () => process.exit(1));
        void this.stop(signal).then((clean) => process.exit(clean ? 0 : 1));
      });
    }
  }

  /** Resolves true when everything stopped cleanly in time. */
  async stop(reason: string): Promise<boolean> {
    if (this.stopping) return false;
    this.stopping = true;
    this.logger.info({ reason }, "stopping");
    this.stoppingController.abort();
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), this.graceMs).unref());
    const work = (async () => {
      let clean = true;
      for (const stopper of [...this.stoppers].reverse()) {
        try {
          await stopper.stop();
        } catch (error) {
          clean = false;
          this.logger.error({ err: error, part: stopper.name }, "could not stop cleanly");
        }
      }
      return clean;
    })();
    const clean = await Promise.race([work, timeout]);
    if (!clean) this.logger.warn("stopped with errors or after the grace time");
    this.logger.flush();
    return clean;
  }
}
