import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import { takeSheetsToEnqueue } from "../../core/app/sheet-jobs.ts";
import type { SheetQueue } from "./sheet-queue.ts";

/**
 * Moves sheet jobs from the database's outbox to the queue. A close commits its sheets and this relay picks them
 * up: at once when woken in this process, else at the next poll, and after a restart when it crashed in between.
 * A queue that is down (Redis) leaves them in the outbox until it is back.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly context: CoreContext,
    private readonly queue: SheetQueue,
    private readonly logger: Logger,
    private readonly pollMs = 250,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let moved = 0;
      try {
        moved = await takeSheetsToEnqueue(this.context, 100, (jobs) => this.queue.enqueue(jobs));
        if (moved > 0) this.logger.info({ jobs: moved }, "sheet jobs enqueued");
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, "sheet jobs not enqueued yet");
      }
      if (moved > 0 || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
