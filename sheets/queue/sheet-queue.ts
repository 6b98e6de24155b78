import type { SheetJob } from "../../core/app/sheet-jobs.ts";

/** Thrown by a processor when trying again cannot help (a bad payload, a batch that does not exist). */
export class UnrecoverableJobError extends Error {
  override name = "UnrecoverableJobError";
}

/** Runs one job; `final` says this is the last try, so a failure is final. */
export type SheetJobProcessor = (job: SheetJob, attempt: { number: number; final: boolean }) => Promise<void>;

/**
 * The job-runner port. Two adapters: BullMQ on Redis (several worker processes share the jobs), and an in-process
 * runner for embedded mode. Guarantees: enqueuing a job whose id (`sheetJobId`) is already queued or running is a
 * no-op; a failing job is tried again with exponential backoff up to `attempts` times, at once failed for an
 * `UnrecoverableJobError`; `stop` takes no new job and waits for the jobs in hand. Leaves out: priorities,
 * delayed jobs, and (in-process) surviving a restart, which the job outbox covers by enqueuing again.
 */
export interface SheetQueue {
  readonly kind: "bullmq" | "in-process";
  enqueue(jobs: readonly SheetJob[]): Promise<void>;
  /** Starts taking jobs; a producer-only process never calls it. */
  work(processor: SheetJobProcessor): Promise<void>;
  /** Jobs waiting, running and failed, for metrics. */
  counts(): Promise<{ waiting: number; active: number; failed: number }>;
  stop(): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  /** Delay before the second try; doubled for each later one. */
  backoffMs: number;
}
