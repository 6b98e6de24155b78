import { type SheetJob, sheetJobId } from "../../core/app/sheet-jobs.ts";
import { type RetryPolicy, type SheetJobProcessor, type SheetQueue, UnrecoverableJobError } from "./sheet-queue.ts";

/** Embedded mode's runner: jobs run in this process, `concurrency` at a time, retried like BullMQ would. */
export class InProcessQueue implements SheetQueue {
  readonly kind = "in-process";
  private readonly waiting: { job: SheetJob; attempt: number }[] = [];
  private readonly known = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private processor: SheetJobProcessor | null = null;
  private stopped = false;
  private failed = 0;

  constructor(
    private readonly concurrency: number,
    private readonly retry: RetryPolicy,
  ) {}

  async enqueue(jobs: readonly SheetJob[]): Promise<void> {
    for (const job of jobs) {
      const id = sheetJobId(job);
      if (this.known.has(id)) continue;
      this.known.add(id);
      this.waiting.push({ job, attempt: 1 });
    }
    this.pump();
  }

  async work(processor: SheetJobProcessor): Promise<void> {
    this.processor = processor;
    this.pump();
  }

  async counts() {
    return { waiting: this.waiting.length + this.timers.size, active: this.running.size, failed: this.failed };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.stopped && this.processor && this.running.size < this.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next) break;
      const run = this.run(this.processor, next.job, next.attempt).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(processor: SheetJobProcessor, job: SheetJob, attempt: number): Promise<void> {
    const final = attempt >= this.retry.attempts;
    try {
      await processor(job, { number: attempt, final });
      this.known.delete(sheetJobId(job));
    } catch (error) {
      if (final || error instanceof UnrecoverableJobError) {
        this.failed++;
        this.known.delete(sheetJobId(job));
        return;
      }
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          this.waiting.push({ job, attempt: attempt + 1 });
          this.pump();
        },
        this.retry.backoffMs * 2 ** (attempt - 1),
      );
      this.timers.add(timer);
    }
  }
}
