/**
 * Runs `work` again and again: at once while it finds something to do, else after `pollMs`, or sooner when poked
 * (something was written in this process). Errors are reported and the loop goes on: a store that is away now
 * may be back at the next turn.
 */
export class PollingLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A poke that came while a round ran: what it announced may have been written after the round looked. */
  private poked = false;

  constructor(
    /** Does one round; returns how many things it handled (0: nothing to do, so wait). */
    private readonly work: () => Promise<number>,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  poke(): void {
    if (this.wake) this.wake();
    else this.poked = true;
  }

  /** Stops after the round in hand. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.poked = false;
      let handled = 0;
      try {
        handled = await this.work();
      } catch (error) {
        this.onError(error);
      }
      if (handled > 0 || this.poked || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
