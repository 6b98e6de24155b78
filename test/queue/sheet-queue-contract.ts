import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SheetJob } from "../../core/app/sheet-jobs.ts";
import {
  type RetryPolicy,
  type SheetJobProcessor,
  type SheetQueue,
  UnrecoverableJobError,
} from "../../sheets/queue/sheet-queue.ts";

/** A new queue on its own storage, with this retry policy and concurrency. */
export type OpenQueue = (options: { retry: RetryPolicy; concurrency: number }) => SheetQueue;

const RETRY: RetryPolicy = { attempts: 3, backoffMs: 50 };

function job(sheetId: number, generation = 0): SheetJob {
  return { sheetId, batchId: 1, generation };
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/**
 * What the job-runner port (sheets/queue/sheet-queue.ts) promises, run against each adapter: a job runs once per id,
 * failures are retried with backoff up to the attempts, an unrecoverable one fails at once, and stopping takes no new
 * job while waiting for the jobs in hand.
 */
export function describeSheetQueueContract(name: string, open: OpenQueue) {
  describe(`the sheet job runner: ${name}`, () => {
    const queues: SheetQueue[] = [];
    const openQueue = (options = { retry: RETRY, concurrency: 2 }) => {
      const queue = open(options);
      queues.push(queue);
      return queue;
    };
    beforeEach(() => {
      queues.length = 0;
    });
    afterEach(async () => {
      await Promise.allSettled(queues.map((queue) => queue.stop()));
    });

    it("runs every job it is given, once", async () => {
      const queue = openQueue();
      const runs: number[] = [];
      await queue.work(async (given) => {
        runs.push(given.sheetId);
      });
      await queue.enqueue([job(1), job(2), job(3)]);
      await eventually(() => runs.length === 3);
      expect(runs.sort()).toEqual([1, 2, 3]);
    });

    it("takes a job whose id is already waiting or running as a no-op, and a new generation as a new job", async () => {
      const queue = openQueue({ retry: RETRY, concurrency: 1 });
      const gate = deferred();
      const runs: string[] = [];
      await queue.work(async (given) => {
        runs.push(`${given.sheetId}:${given.generation}`);
        await gate.promise;
      });
      await queue.enqueue([job(1), job(2)]);
      await eventually(() => runs.length === 1);
      // One running, one waiting: both enqueued again, in two calls and within one.
      await queue.enqueue([job(1), job(2)]);
      await queue.enqueue([job(2), job(2), job(1, 1)]);
      gate.release();
      await eventually(() => runs.length === 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs.sort()).toEqual(["1:0", "1:1", "2:0"]);
    });

    it("tries a failing job again with growing delays, saying which try is the last", async () => {
      const queue = openQueue();
      const attempts: { number: number; final: boolean; at: number }[] = [];
      await queue.work(async (_given, attempt) => {
        attempts.push({ ...attempt, at: Date.now() });
        if (attempt.number < 3) throw new Error("storage away");
      });
      await queue.enqueue([job(7)]);
      await eventually(() => attempts.length === 3);
      expect(attempts.map(({ number, final }) => ({ number, final }))).toEqual([
        { number: 1, final: false },
        { number: 2, final: false },
        { number: 3, final: true },
      ]);
      const [first, second, third] = attempts.map((attempt) => attempt.at);
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(RETRY.backoffMs - 5);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2 * RETRY.backoffMs - 5);
      await eventually(async () => (await queue.counts()).waiting === 0 && (await queue.counts()).active === 0);
      expect((await queue.counts()).failed).toBe(0);
    });

    it("fails a job after its last try, and counts it", async () => {
      const queue = openQueue({ retry: { attempts: 2, backoffMs: 20 }, concurrency: 1 });
      let tries = 0;
      await queue.work(async () => {
        tries++;
        throw new Error("always broken");
      });
      await queue.enqueue([job(8)]);
      await eventually(async () => (await queue.counts()).failed === 1);
      expect(tries).toBe(2);
    });

    it("fails an unrecoverable job at once, without trying it again", async () => {
      const queue = openQueue();
      let tries = 0;
      await queue.work(async () => {
        tries++;
        throw new UnrecoverableJobError("the batch does not exist");
      });
      await queue.enqueue([job(9)]);
      await eventually(async () => (await queue.counts()).failed === 1);
      await new Promise((resolve) => setTimeout(resolve, 4 * RETRY.backoffMs));
      expect(tries).toBe(1);
    });

    it("on stop, waits for the jobs in hand and takes no new one", async () => {
      const queue = openQueue({ retry: RETRY, concurrency: 1 });
      const gate = deferred();
      const finished: number[] = [];
      const started: number[] = [];
      const processor: SheetJobProcessor = async (given) => {
        started.push(given.sheetId);
        await gate.promise;
        finished.push(given.sheetId);
      };
      await queue.work(processor);
      await queue.enqueue([job(1), job(2)]);
      await eventually(() => started.length === 1);
      let stopped = false;
      const stopping = queue.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toBe(false);
      gate.release();
      await stopping;
      expect(finished).toEqual(started);
      expect(started).toHaveLength(1);
    });
  });
}
