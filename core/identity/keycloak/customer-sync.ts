import { NetworkError } from "@keycloak/keycloak-admin-client";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../../db/database.ts";
import { customers } from "../../db/schema.ts";

/** What the sync needs from Keycloak: the user of a phone, made a customer, found or created. */
export interface CustomerUsers {
  ensureCustomer(phone: string, whatsappName: string | undefined): Promise<string>;
}

function refusedOnlyThis(error: unknown): boolean {
  return error instanceof NetworkError && error.response.status >= 400 && error.response.status < 500;
}

export interface CustomerSyncOptions {
  db: Db;
  users: CustomerUsers;
  logger: Logger;
  /** Time between two passes when nothing asks for one sooner; also the longest wait after an outage. */
  intervalMs: number;
  /** Rows linked per pass. */
  batchSize?: number;
}

const FIRST_RETRY_MS = 500;

/**
 * Links customers to their Keycloak users. The outbox is the customers table itself: a customer whose
 * `identity_id` is null has not been synced yet, whoever created it (a first message, an order over the API) and
 * whatever Keycloak was doing then. A pass runs soon after a new customer writes, and every `intervalMs` anyway;
 * after a failure it retries sooner, doubling the wait up to `intervalMs`. The update is conditional, so passes in
 * several processes at once link each customer once, to the one user Keycloak keeps for its phone.
 */
export class CustomerSync {
  readonly #options: CustomerSyncOptions;
  /** Phones known to be linked already: their messages need no pass. */
  readonly #linked = new Set<string>();
  /** Phones that wrote since the last pass started and are not known to be linked. */
  readonly #nudged = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #closed = false;
  #failures = 0;

  constructor(options: CustomerSyncOptions) {
    this.#options = options;
  }

  start(): void {
    this.#schedule(0);
  }

  /** A customer wrote: link it soon, unless it is linked already. */
  nudge(phone: string): void {
    if (this.#closed || this.#linked.has(phone)) return;
    this.#nudged.add(phone);
    // During an outage the back-off decides when to try again, not each message.
    if (this.#failures > 0) return;
    if (this.#running !== null) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Runs one pass now (waiting for one under way first); true when every customer is linked. */
  async runOnce(): Promise<boolean> {
    while (this.#running !== null) await this.#running;
    return this.#pass();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  #schedule(delayMs: number): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const run = this.#pass()
        .catch((error: unknown) => {
          this.#failures += 1;
          this.#options.logger.warn({ err: error }, "customer sync pass failed; will retry");
          return false;
        })
        .then((done) => {
          this.#running = null;
          if (this.#again) {
            this.#again = false;
            this.#schedule(0);
          } else if (this.#failures > 0) {
            this.#schedule(Math.min(this.#options.intervalMs, FIRST_RETRY_MS * 2 ** (this.#failures - 1)));
          } else {
            this.#schedule(done ? this.#options.intervalMs : 0);
          }
        });
      this.#running = run;
    }, delayMs);
    this.#timer.unref();
  }

  async #pass(): Promise<boolean> {
    const { db, users, logger } = this.#options;
    const limit = this.#options.batchSize ?? 50;
    const nudged = [...this.#nudged];
    this.#nudged.clear();
    const pending = await db
      .select({ id: customers.id, phone: customers.phone, name: customers.name })
      .from(customers)
      .where(isNull(customers.identityId))
      .orderBy(asc(customers.id))
      .limit(limit);
    const pendingPhones = new Set(pending.map((row) => row.phone));
    let refused = 0;
    let lastError: unknown = null;
    for (const row of pending) {
      if (this.#closed) return false;
      let identityId: string;
      try {
        identityId = await users.ensureCustomer(row.phone, row.name ?? undefined);
      } catch (error) {
        lastError = error;
        refused++;
        // One customer Keycloak refuses (a 4xx) must not hold back those after it: it is tried again at the next
        // pass. Anything else (no answer, a timeout, a 5xx) means Keycloak is away: asking for the rest would only
        // wait out their timeouts too.
        if (refusedOnlyThis(error)) continue;
        refused = pending.length;
        break;
      }
      await db
        .update(customers)
        .set({ identityId })
        .where(and(eq(customers.id, row.id), isNull(customers.identityId)));
      this.#linked.add(row.phone);
    }
    if (refused > 0 && refused === pending.length) {
      // Every one failed: Keycloak is away. Once per outage at warn level; the retries that follow at debug.
      this.#failures += 1;
      logger[this.#failures === 1 ? "warn" : "debug"](
        { err: lastError, pending: pending.length, failures: this.#failures },
        "customers not synced to Keycloak yet; will retry",
      );
      return false;
    }
    if (refused > 0) logger.warn({ err: lastError, refused }, "some customers not synced to Keycloak; will retry");
    if (this.#failures > 0) logger.info({ failures: this.#failures }, "customers syncing to Keycloak again");
    this.#failures = 0;
    // A phone nudged before the query and not pending in it was linked already: its next messages need no pass.
    if (pending.length < limit) {
      for (const phone of nudged) if (!pendingPhones.has(phone)) this.#linked.add(phone);
    }
    return pending.length < limit;
  }
}
