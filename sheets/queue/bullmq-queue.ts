import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import { type SheetJob, sheetJobId } from "../../core/app/sheet-jobs.ts";
import { type RetryPolicy, type SheetJobProcessor, type SheetQueue, UnrecoverableJobError } from "./sheet-queue.ts";

const QUEUE_NAME = "sisconf-sheets";

const jobData = z.object({
  sheetId: z.number().int().positive(),
  batchId: z.number().int().positive(),
  generation: z.number().int().min(0),
});

export interface BullmqOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  retry: RetryPolicy;
  /** How long a worker holds a job before others consider it stalled (a killed worker's job is taken over). */
  lockDurationMs: number;
  logger: Logger;
}

/** Sheet jobs on Redis: any number of `sisconf sheets` processes share them, each job to one worker at a time. */
export class BullmqQueue implements SheetQueue {
  readonly kind = "bullmq";
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(private readonly options: BullmqOptions) {
    // BullMQ's blocking commands need unlimited retries per request; reconnection is ioredis's own, with backoff.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, enableReadyCheck: false });
    this.connection.on("error", (error) => options.logger.warn({ err: error.message }, "redis connection error"));
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: options.prefix });
    this.queue.on("error", (error) => options.logger.warn({ err: error.message }, "queue error"));
  }

  async enqueue(jobs: readonly SheetJob[]): Promise<void> {
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: "sheet",
        data: job,
        opts: {
          jobId: sheetJobId(job),
          attempts: this.options.retry.attempts,
          backoff: { type: "exponential", delay: this.options.retry.backoffMs },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async work(processor: SheetJobProcessor): Promise<void> {
    this.worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        const parsed = jobData.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad job payload: ${parsed.error.message}`);
        const attempts = job.opts.attempts ?? 1;
        try {
          await processor(parsed.data, { number: job.attemptsMade + 1, final: job.attemptsMade + 1 >= attempts });
        } catch (error) {
          if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection: this.connection.duplicate(),
        prefix: this.options.prefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: Math.max(1000, Math.floor(this.options.lockDurationMs / 2)),
      },
    );
    this.worker.on("error", (error) => this.options.logger.warn({ err: error.message }, "worker error"));
  }

  async counts() {
    const counts = await this.queue.getJobCounts("waiting", "delayed", "active", "failed");
    return {
      waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0),
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async stop(): Promise<void> {
    // Worker.close waits for the jobs in hand to finish before it resolves.
    await this.worker?.close();
    await this.queue.close();
    this.connection.disconnect();
  }
}
