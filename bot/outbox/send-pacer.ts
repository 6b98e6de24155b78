/**
 * When each message may go: at least `perRecipientIntervalMs` after the last one to the same person, and no more
 * than `globalPerSecond` in any second. A message reserves its moment before it waits for it, so many recipients
 * sent at once spread over the seconds to come instead of all waking at the first free one.
 */
export class SendPacer {
  private readonly lastTo = new Map<string, number>();
  /** Reserved moments of the last second and after, in order. */
  private readonly reserved: number[] = [];

  constructor(
    private readonly perRecipientIntervalMs: number,
    private readonly globalPerSecond: number,
  ) {}

  /**
   * Reserves the next moment for a message to `phone`; returns how long to wait from `now` until it. An urgent
   * message (a reply someone waits for) keeps only the per-recipient interval: it never queues behind the moments
   * bulk messages (an announcement to thousands) reserved ahead, and the bulk reserved after it makes room.
   */
  reserve(phone: string, now: number, urgent = false): number {
    while (this.reserved.length > 0 && (this.reserved[0] ?? now) <= now - 1000) this.reserved.shift();
    let moment = Math.max(now, (this.lastTo.get(phone) ?? Number.NEGATIVE_INFINITY) + this.perRecipientIntervalMs);
    if (!urgent && this.reserved.length >= this.globalPerSecond) {
      // The moment must fall a second after the one `globalPerSecond` places back.
      const boundary = this.reserved[this.reserved.length - this.globalPerSecond] ?? now;
      moment = Math.max(moment, boundary + 1000);
    }
    const at = this.reserved.findIndex((other) => other > moment);
    this.reserved.splice(at === -1 ? this.reserved.length : at, 0, moment);
    this.lastTo.set(phone, moment);
    // Only the recent past matters for the interval: forget the rest now and then.
    if (this.lastTo.size > 10_000) {
      for (const [other, last] of this.lastTo) if (last + this.perRecipientIntervalMs <= now) this.lastTo.delete(other);
    }
    return moment - now;
  }
}
