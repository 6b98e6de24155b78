/**
 * Messages per phone in a sliding minute. Past the limit the bot answers once ("calma") and then stays quiet until
 * the phone slows down, so a flood of 100 messages gets one reply instead of 100.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** "ok": handle it; "warn": answer with the slow-down message; "drop": say nothing. */
  check(phone: string): "ok" | "warn" | "drop" {
    const now = this.now();
    const window = this.windows.get(phone) ?? { times: [], warned: false };
    window.times = window.times.filter((time) => now - time < 60_000);
    window.times.push(now);
    this.windows.set(phone, window);
    if (window.times.length <= this.limitPerMinute) {
      window.warned = false;
      return "ok";
    }
    if (window.warned) return "drop";
    window.warned = true;
    return "warn";
  }

  /**
   * Takes back a message `check` counted whose handling was rolled back: it was not answered (not even with the
   * warning), and a redelivery is counted when it comes.
   */
  undo(phone: string, decision: "ok" | "warn" | "drop"): void {
    const window = this.windows.get(phone);
    if (!window) return;
    window.times.pop();
    if (decision === "warn") window.warned = false;
  }

  /** Forgets phones that went quiet, so memory follows the active phones only. */
  sweep(): void {
    const now = this.now();
    for (const [phone, window] of this.windows) {
      if (window.times.every((time) => now - time >= 60_000)) this.windows.delete(phone);
    }
  }
}
