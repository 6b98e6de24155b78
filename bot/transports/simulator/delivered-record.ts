import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** Lines kept when the file is read at start: far more than a sender ever holds unrecorded at a crash. */
const KEPT_LINES = 100_000;

/** A delivery of another database's entry with the same id (DATA_DIR kept, DATABASE_URL changed) is told apart by time. */
const CLOCK_SLACK_MS = 1000;

/**
 * The simulator's own record of what it delivered: one line per outbox entry (`id<TAB>to<TAB>when`), appended
 * before `send` returns, so that it outlives a process killed between the delivery and the outbox's record of it
 * (the kernel keeps what was written). Read again at start, where only the last KEPT_LINES lines are kept.
 */
export class DeliveredRecord {
  private readonly delivered = new Map<number, { to: string; at: number }[]>();
  /** Kept open: a reply pays one write, not an open and a close as well. */
  private descriptor: number | null = null;

  /** `file` null: memory only, for a simulator that never outlives its process (tests). */
  constructor(file: string | null) {
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) {
      const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
      const kept = lines.slice(-KEPT_LINES);
      if (kept.length < lines.length) writeFileSync(file, `${kept.join("\n")}\n`);
      for (const line of kept) {
        const [id, to, at] = line.split("\t");
        if (id && to && at) this.remember(Number(id), to, Date.parse(at));
      }
    }
    this.descriptor = openSync(file, "a");
  }

  /** Written down before the send returns, so before anyone records that it went. */
  add(outboxEntryId: number, to: string, at: Date): void {
    if (this.descriptor !== null) writeSync(this.descriptor, `${outboxEntryId}\t${to}\t${at.toISOString()}\n`);
    this.remember(outboxEntryId, to, at.getTime());
  }

  close(): void {
    if (this.descriptor !== null) closeSync(this.descriptor);
    this.descriptor = null;
  }

  /** Whether the entry was delivered to `to` between `from` and `until`. */
  has(outboxEntryId: number, to: string, from: Date, until: Date): boolean {
    return (this.delivered.get(outboxEntryId) ?? []).some(
      (delivery) =>
        delivery.to === to &&
        delivery.at >= from.getTime() - CLOCK_SLACK_MS &&
        delivery.at <= until.getTime() + CLOCK_SLACK_MS,
    );
  }

  private remember(outboxEntryId: number, to: string, at: number): void {
    if (!Number.isInteger(outboxEntryId) || Number.isNaN(at)) return;
    const deliveries = this.delivered.get(outboxEntryId) ?? [];
    deliveries.push({ to, at });
    this.delivered.set(outboxEntryId, deliveries);
  }
}
