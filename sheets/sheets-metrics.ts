import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { SheetQueue } from "./queue/sheet-queue.ts";

export type SheetPhase = "load" | "workbook" | "upload" | "total";
export type SheetOutcome = "ready" | "failed" | "retry";

/** Sheet jobs by outcome, their phases' durations, and the queue's depth read at scrape time. */
export function createSheetsMetrics(registry: Registry, queue: SheetQueue) {
  const jobs = new Counter({
    name: "sisconf_sheet_jobs_total",
    help: "Sheet jobs by outcome (ready, retry, failed)",
    labelNames: ["outcome"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "sisconf_sheet_job_duration_seconds",
    help: "Duration of sheet jobs and of their phases",
    labelNames: ["phase"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: "sisconf_queue_jobs",
    help: "Sheet jobs in the queue by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await queue.counts().catch(() => null);
      if (!counts) return;
      for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
    },
  });
  // Series start at 0 so that rate() and increase() see the first job (and the first failure) too.
  for (const outcome of ["ready", "retry", "failed"]) jobs.inc({ outcome }, 0);
  for (const phase of ["load", "workbook", "upload", "total"]) duration.zero({ phase });
  return (phase: SheetPhase, seconds: number, outcome: SheetOutcome) => {
    duration.observe({ phase }, seconds);
    if (phase === "total") jobs.inc({ outcome });
  };
}
