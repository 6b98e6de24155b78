import type { SentNotification } from "../../core/app/send-notifications.ts";

/** Most messages recorded by one statement. */
const MOST_PER_STATEMENT = 200;

interface Waiting {
  sent: SentNotification;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records sent messages in groups: a message sent while nothing is being recorded is recorded at once, and those
 * sent while a record is being written wait for it and then go in the next statement together. A quiet sender
 * waits for nobody; a busy one records a round of replies in one statement instead of one statement each.
 */
export class SentRecorder {
  private waiting: Waiting[] = [];
  private writing = false;

  /** `write` records a group in one statement (markNotificationsSent). */
  constructor(private readonly write: (sent: readonly SentNotification[]) => Promise<void>) {}

  /** Resolves once the message is recorded as sent; rejects when the statement that held it failed. */
  record(sent: SentNotification): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ sent, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MOST_PER_STATEMENT);
      try {
        await this.write(group.map((entry) => entry.sent));
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error);
      }
    }
    this.writing = false;
  }
}
