import type { Logger } from "pino";
import type { CoreContext } from "../core/app/context.ts";
import { recordWhatsappSession, vouchForWhatsappSession } from "../core/app/record-whatsapp-session.ts";
import { SESSION_HEARTBEAT_MS } from "../core/domain/whatsapp-session.ts";
import type { SessionReport } from "./transports/transport.ts";

/** How long a write the database refused waits before the latest session is written again. */
const RETRY_MS = 5_000;

/**
 * Writes the transport's session to the database as it changes, so that the API's role (perhaps another process)
 * reads it: one write at a time, the latest state only (a state overtaken while a write was under way is skipped),
 * and again after a failure, so that an outage leaves the record behind for a while but never wrong for good. Between
 * changes it vouches for the record every `heartbeatMs`, so that a bot killed without a word shows as silent.
 */
export class SessionRecorder {
  private latest: SessionReport | null = null;
  private writing: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly context: CoreContext,
    private readonly businessId: number,
    private readonly logger: Logger,
    private readonly heartbeatMs = SESSION_HEARTBEAT_MS,
  ) {}

  record(session: SessionReport): void {
    this.latest = session;
    this.writing ??= this.writeLatest();
    if (!this.heartbeat && !this.stopped) {
      this.heartbeat = setInterval(() => this.vouch(), this.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  /** Writes the last session (the transport closed: `stopped`) once more if it was not written, then no more. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    if (this.latest) this.writing ??= this.writeLatest();
    for (let writing = this.writing; writing; writing = this.writing) await writing;
  }

  /** The heartbeat: skipped while a change is being written (that write vouches too) or waits to be retried. */
  private vouch(): void {
    if (this.writing || this.retry || this.stopped) return;
    this.writing = vouchForWhatsappSession(this.context, { businessId: this.businessId })
      .catch((error: unknown) => this.logger.warn({ err: error }, "WhatsApp session heartbeat not recorded"))
      .finally(() => {
        this.writing = null;
        // A change that came while the heartbeat was written is written now.
        if (this.latest) this.writing = this.writeLatest();
      });
  }

  private async writeLatest(): Promise<void> {
    try {
      while (this.latest) {
        const session = this.latest;
        this.latest = null;
        try {
          await recordWhatsappSession(this.context, { businessId: this.businessId, ...session });
        } catch (error) {
          this.latest ??= session;
          this.logger.warn({ err: error }, "WhatsApp session state not recorded yet; will retry");
          if (this.stopped) return;
          this.retry = setTimeout(() => {
            this.retry = null;
            this.writing ??= this.writeLatest();
          }, RETRY_MS);
          this.retry.unref();
          return;
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
