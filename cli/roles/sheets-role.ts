import type { Registry } from "prom-client";
import { requeueUnfinishedSheets } from "../../core/app/sheet-jobs.ts";
import { BullmqQueue } from "../../sheets/queue/bullmq-queue.ts";
import { InProcessQueue } from "../../sheets/queue/in-process-queue.ts";
import { OutboxRelay } from "../../sheets/queue/outbox-relay.ts";
import type { SheetQueue } from "../../sheets/queue/sheet-queue.ts";
import { createSheetsMetrics } from "../../sheets/sheets-metrics.ts";
import type { FileStore } from "../../sheets/storage/file-store.ts";
import { sheetJobProcessor } from "../../sheets/worker/produce-sheet.ts";
import type { Runtime } from "../runtime.ts";

function createQueue(runtime: Runtime): SheetQueue {
  const { config, logger } = runtime;
  const retry = { attempts: config.SHEET_JOB_ATTEMPTS, backoffMs: config.SHEET_JOB_BACKOFF_MS };
  if (config.REDIS_URL) {
    return new BullmqQueue({
      redisUrl: config.REDIS_URL,
      prefix: config.QUEUE_PREFIX,
      concurrency: config.SHEETS_CONCURRENCY,
      retry,
      lockDurationMs: config.SHEET_JOB_LOCK_MS,
      logger: logger.child({ part: "queue" }),
    });
  }
  return new InProcessQueue(config.SHEETS_CONCURRENCY, retry);
}

/** The sheets role: the relay from the job outbox to the queue, and the worker that produces the sheets. */
export async function startSheets(runtime: Runtime, store: FileStore, registry: Registry): Promise<SheetQueue> {
  const { config, context, logger, lifecycle, events } = runtime;
  const queue = createQueue(runtime);
  const relay = new OutboxRelay(context, queue, logger.child({ part: "relay" }));
  await queue.work(
    sheetJobProcessor({
      context,
      store,
      locale: config.LOCALE,
      businessName: config.BUSINESS_NAME,
      sendToProviders: config.SEND_TO_PROVIDERS,
      linkTtlSeconds: config.SHEET_LINK_TTL_HOURS * 3600,
      logger: logger.child({ part: "sheets" }),
      observe: createSheetsMetrics(registry, queue),
    }),
  );
  if (queue.kind === "in-process") {
    const requeued = await requeueUnfinishedSheets(context);
    if (requeued > 0) logger.info({ sheets: requeued }, "unfinished sheets from before the restart queued again");
  }
  relay.start();
  const poke = () => relay.poke();
  events.on("sheets_queued", poke);
  lifecycle.onStop("sheets", async () => {
    events.off("sheets_queued", poke);
    await relay.stop();
    // Finishes the jobs in hand before the database closes.
    await queue.stop();
  });
  return queue;
}
