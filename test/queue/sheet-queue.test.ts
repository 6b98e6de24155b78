import { randomUUID } from "node:crypto";
import pino from "pino";
import { inject } from "vitest";
import { BullmqQueue } from "../../sheets/queue/bullmq-queue.ts";
import { InProcessQueue } from "../../sheets/queue/in-process-queue.ts";
import { describeSheetQueueContract } from "./sheet-queue-contract.ts";

describeSheetQueueContract("in-process", ({ retry, concurrency }) => new InProcessQueue(concurrency, retry));

// Each queue on a prefix of its own in the test Redis: no test sees another's jobs.
describeSheetQueueContract(
  "BullMQ on Redis",
  ({ retry, concurrency }) =>
    new BullmqQueue({
      redisUrl: inject("redisUrl"),
      prefix: `contract-${randomUUID()}`,
      concurrency,
      retry,
      lockDurationMs: 30_000,
      logger: pino({ level: "silent" }),
    }),
);
