/**
 * When each message may go: to the same person, a burst of `perRecipientBurst` at once and then one every
 * `perRecipientIntervalMs` (a token bucket, as WhatsApp's pair rate counts); over everyone, no more than
 * `globalPerSecond` in any second. A message reserves its moment before it waits for it, so many recipients sent at
 * once spread over the seconds to come instead of all waking at the first free one. An urgent message (a reply
 * someone waits for) keeps only the per-recipient limits: it never queues behind the moments bulk messages (an
 * announcement to thousands) reserved ahead, and the bulk reserved after it makes room.
 */
export class SendPacer {
  /** Per person: the last reserved moment, and the messages still allowed at once right after it. */
  private readonly lastTo = new Map<string, { moment: number; allowance: number }>();
  /** Reserved moments of the last second and after, in order. */
  private readonly reserved: number[] = [];

  constructor(
    private readonly perRecipientIntervalMs: number,
    private readonly globalPerSecond: number,
    private readonly perRecipientBurst = 1,
  ) {}

  /** How long a message to `phone` would wait from `now`, reserving nothing. */
  waitFor(phone: string, now: number, urgent = false): number {
    return this.momentFor(phone, now, urgent) - now;
  }

  /** Reserves the next moment for a message to `phone`; returns how long to wait from `now` until it. */
  reserve(phone: string, now: number, urgent = false): number {
    const moment = this.momentFor(phone, now, urgent);
    const at = this.reserved.findIndex((other) => other > moment);
    this.reserved.splice(at === -1 ? this.reserved.length : at, 0, moment);
    const before = this.lastTo.get(phone);
    const allowance = before ? this.allowanceAt(before, moment) : this.perRecipientBurst;
    this.lastTo.set(phone, { moment, allowance: Math.max(0, allowance - 1) });
    // Only the recent past matters: forget the rest now and then.
    if (this.lastTo.size > 10_000) {
      const refilled = this.perRecipientIntervalMs * this.perRecipientBurst;
      for (const [other, last] of this.lastTo) if (last.moment + refilled <= now) this.lastTo.delete(other);
    }
    return moment - now;
  }

  private momentFor(phone: string, now: number, urgent: boolean): number {
    while (this.reserved.length > 0 && (this.reserved[0] ?? now) <= now - 1000) this.reserved.shift();
    const moment = this.nextForRecipient(phone, now);
    if (urgent || this.reserved.length < this.globalPerSecond) return moment;
    // The moment must fall a second after the one `globalPerSecond` places back.
    const boundary = this.reserved[this.reserved.length - this.globalPerSecond] ?? now;
    return Math.max(moment, boundary + 1000);
  }

  /** The platform asked to wait for this person (pair rate exceeded): nothing goes to them before `until`. */
  holdUntil(phone: string, until: number): void {
    const before = this.lastTo.get(phone);
    if (before && before.moment >= until) return;
    // Allowance 1 at `until`, and the interval after it, as if a message had just gone.
    this.lastTo.set(phone, { moment: until - this.perRecipientIntervalMs, allowance: 0 });
  }

  private nextForRecipient(phone: string, now: number): number {
    const last = this.lastTo.get(phone);
    if (!last) return now;
    const start = Math.max(now, last.moment);
    const allowance = this.allowanceAt(last, start);
    if (allowance >= 1 || this.perRecipientIntervalMs === 0) return start;
    return start + Math.ceil((1 - allowance) * this.perRecipientIntervalMs);
  }

  private allowanceAt(last: { moment: number; allowance: number }, moment: number): number {
    if (this.perRecipientIntervalMs === 0) return this.perRecipientBurst;
    const refilled = (moment - last.moment) / this.perRecipientIntervalMs;
    return Math.min(this.perRecipientBurst, last.allowance + refilled);
  }
}
