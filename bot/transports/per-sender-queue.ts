/**
 * One chain of work per sender: a person's messages are handled in the order they arrived (a quick "sim" must not
 * overtake the order it confirms), different people in parallel. Tasks must not reject.
 */
export class PerSenderQueue {
  private readonly chains = new Map<string, Promise<void>>();

  run(sender: string, task: () => Promise<void>): void {
    const previous = this.chains.get(sender) ?? Promise.resolve();
    const next = previous.then(task);
    this.chains.set(sender, next);
    void next.then(() => {
      if (this.chains.get(sender) === next) this.chains.delete(sender);
    });
  }

  /** Resolves once the work accepted so far is done. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }
}
