import { PassThrough } from "node:stream";
import type { Logger } from "pino";
import type { CoreContext } from "../../core/app/context.ts";
import { AppError } from "../../core/app/errors.ts";
import { loadSheetContent } from "../../core/app/load-sheet-content.ts";
import { recordSheetFailure, recordSheetReady } from "../../core/app/record-sheet-outcome.ts";
import { startSheetJob } from "../../core/app/sheet-jobs.ts";
import type { SheetJobProcessor } from "../queue/sheet-queue.ts";
import { UnrecoverableJobError } from "../queue/sheet-queue.ts";
import type { SheetOutcome, SheetPhase } from "../sheets-metrics.ts";
import type { FileStore } from "../storage/file-store.ts";
import { readBody } from "../storage/read-body.ts";
import { sheetFileName } from "../workbooks/sheet-file-name.ts";
import type { SheetLocale } from "../workbooks/sheet-source.ts";
import { writePackingWorkbook } from "../workbooks/write-packing-workbook.ts";
import { writeProviderWorkbook } from "../workbooks/write-provider-workbook.ts";
import { XLSX_CONTENT_TYPE } from "../workbooks/xlsx-content-type.ts";

export interface SheetWorkerDependencies {
  context: CoreContext;
  store: FileStore;
  locale: SheetLocale;
  /** `BUSINESS_NAME`: the first line of every sheet's title. */
  businessName: string;
  /** SEND_TO_PROVIDERS: each provider's sheet also goes to the provider's phone once ready. */
  sendToProviders?: boolean | undefined;
  linkTtlSeconds: number;
  logger: Logger;
  /** Timings of each phase, for metrics. */
  observe?: (phase: SheetPhase, seconds: number, outcome: SheetOutcome) => void;
}

/**
 * One sheet job: read the batch, write the workbook, store it under the sheet's fixed key (a retry overwrites),
 * record the link and queue the message to the entrepreneur. Failures are recorded; the last one is reported.
 */
export function sheetJobProcessor(dependencies: SheetWorkerDependencies): SheetJobProcessor {
  const { context, store, logger } = dependencies;
  return async (job, attempt) => {
    const log = logger.child({ sheetId: job.sheetId, batchId: job.batchId, attempt: attempt.number });
    const started = performance.now();
    let phaseStarted = started;
    const phase = (name: Exclude<SheetPhase, "total">) => {
      const now = performance.now();
      dependencies.observe?.(name, (now - phaseStarted) / 1000, "ready");
      phaseStarted = now;
    };
    if (!(await startSheetJob(context, job))) {
      log.info("stale sheet job dropped");
      return;
    }
    try {
      const content = await loadSheetContent(context, job.sheetId).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "not_found") throw new UnrecoverableJobError(error.message);
        throw error;
      });
      phase("load");
      const title = {
        businessName: dependencies.businessName,
        batchNumber: content.sheet.batchNumber,
        closedAt: content.sheet.closedAt,
      };
      const output = new PassThrough();
      // Written and read together: a writer that fails destroys `output`, and the reading fails with it here, in
      // this job, rather than as a rejection nobody awaits (which would end the process).
      const [written, bytes] = await Promise.all([
        content.kind === "provider"
          ? writeProviderWorkbook(
              { locale: dependencies.locale, title, providerName: content.providerName, lines: content.lines },
              output,
            )
          : writePackingWorkbook(
              { locale: dependencies.locale, title, summary: content.summary, orders: content.orders },
              output,
            ),
        readBody(output),
      ]);
      phase("workbook");
      const filename = sheetFileName(content.sheet.providerKey, content.sheet.batchNumber);
      await store.put(content.sheet.storageKey, bytes, XLSX_CONTENT_TYPE);
      const url = await store.downloadUrl(content.sheet.storageKey, filename, dependencies.linkTtlSeconds);
      phase("upload");
      await recordSheetReady(context, {
        ...job,
        url,
        filename,
        sendToProviderAs: dependencies.sendToProviders ? dependencies.businessName : undefined,
      });
      dependencies.observe?.("total", (performance.now() - started) / 1000, "ready");
      log.info({ rows: written.rows, sheets: written.sheets, bytes: bytes.length }, "sheet stored");
    } catch (error) {
      const final = attempt.final || error instanceof UnrecoverableJobError;
      const reason = error instanceof Error ? error.message : String(error);
      dependencies.observe?.("total", (performance.now() - started) / 1000, final ? "failed" : "retry");
      log.warn({ err: reason, final }, "sheet job failed");
      await recordSheetFailure(context, { ...job, error: reason, final });
      throw error;
    }
  };
}
