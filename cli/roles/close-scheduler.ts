import { runCloseSchedule } from "../../core/app/run-close-schedule.ts";
import { PollingLoop } from "../../core/background/polling-loop.ts";
import type { Identity } from "../../core/identity/identity.ts";
import type { Runtime } from "../runtime.ts";

/**
 * The scheduler of the batch cut-off and its reminders, run by every process with the API: each turn claims the
 * moments that came in the database, so any number of them close a batch once. The chat's "fechar lote quinta 18h"
 * is read at the next turn.
 */
export function startCloseScheduler(runtime: Runtime, identity: Identity): void {
  const { config, context, logger, lifecycle, businessId } = runtime;
  const log = logger.child({ part: "close-scheduler" });
  const loop = new PollingLoop(
    async () => {
      const handled = await runCloseSchedule(context, {
        businessId,
        fromEnvironment: config.BATCH_CLOSE_SCHEDULE,
        reminderHours: config.BATCH_REMINDER_HOURS,
        pendingTtlMs: config.pendingTtlMs,
        timeZone: config.TZ,
        // Keycloak's entrepreneurs too: they get word of the close and the sheet links.
        entrepreneurPhones: await identity.entrepreneurPhones(businessId),
      });
      if (handled > 0) log.info({ handled }, "scheduled close or reminders done");
      // A turn that did something has nothing more to do until the next moment: wait, do not spin.
      return 0;
    },
    config.BATCH_SCHEDULE_CHECK_SECONDS * 1000,
    (error) => log.warn({ err: error }, "the close schedule could not be checked; trying again at the next turn"),
  );
  loop.start();
  lifecycle.onStop("close-scheduler", () => loop.stop());
}
