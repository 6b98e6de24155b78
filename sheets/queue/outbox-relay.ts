import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import { takeSheetsToEnqueue } from "../../core/app/sheet-jobs.ts";
import { PollingLoop } from "../../core/background/polling-loop.ts";
import type { SheetQueue } from "./sheet-queue.ts";

/**
 * Moves sheet jobs from the database's outbox to the queue. A close commits its sheets and this relay picks them
 * up: at once when woken in this process, else at the next poll, and after a restart when it crashed in between.
 * A queue that is down (Redis) leaves them in the outbox until it is back.
 */
export class OutboxRelay {
  private readonly loop: PollingLoop;

  constructor(context: CoreContext, queue: SheetQueue, logger: Logger, pollMs = 250) {
    this.loop = new PollingLoop(
      async () => {
        const moved = await takeSheetsToEnqueue(context, 100, (jobs) => queue.enqueue(jobs));
        if (moved > 0) logger.info({ jobs: moved }, "sheet jobs enqueued");
        return moved;
      },
      pollMs,
      (error) => logger.warn({ err: (error as Error).message }, "sheet jobs not enqueued yet"),
    );
  }

  start(): void {
    this.loop.start();
  }

  poke(): void {
    this.loop.poke();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
