import { describe, expect, it } from "vitest";
import { SentRecorder } from "../../bot/outbox/sent-recorder.ts";
import type { SentNotification } from "../../core/app/send-notifications.ts";

const sent = (id: number): SentNotification => ({
  claim: { id, attempts: 1 },
  message: { text: `mensagem ${id}` },
  sentAt: new Date(0),
});

/** A write that holds each statement open until the test lets it finish. */
function heldWrites() {
  const statements: { ids: number[]; finish: (error?: Error) => void }[] = [];
  const write = (group: readonly SentNotification[]) =>
    new Promise<void>((resolve, reject) => {
      statements.push({
        ids: group.map((entry) => entry.claim.id),
        finish: (error) => (error ? reject(error) : resolve()),
      });
    });
  return { statements, write };
}

describe("recording sent messages in groups", () => {
  it("records a message at once when nothing is being written, and those sent meanwhile together next", async () => {
    const { statements, write } = heldWrites();
    const recorder = new SentRecorder(write);
    const first = recorder.record(sent(1));
    expect(statements.map((statement) => statement.ids)).toEqual([[1]]);
    const waiting = [recorder.record(sent(2)), recorder.record(sent(3)), recorder.record(sent(4))];
    // Nothing more is written while the first statement runs.
    expect(statements).toHaveLength(1);
    statements[0]?.finish();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements.map((statement) => statement.ids)).toEqual([[1], [2, 3, 4]]);
    statements[1]?.finish();
    await Promise.all(waiting);
  });

  it("fails only the group whose statement failed, and goes on with the next", async () => {
    const { statements, write } = heldWrites();
    const recorder = new SentRecorder(write);
    const first = recorder.record(sent(1));
    const second = recorder.record(sent(2));
    statements[0]?.finish(new Error("store away"));
    await expect(first).rejects.toThrow("store away");
    await new Promise((resolve) => setImmediate(resolve));
    statements[1]?.finish();
    await expect(second).resolves.toBeUndefined();
    expect(statements.map((statement) => statement.ids)).toEqual([[1], [2]]);
  });
});
