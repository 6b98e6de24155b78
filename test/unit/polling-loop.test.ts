import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { PollingLoop } from "../../core/background/polling-loop.ts";

describe("the polling loop", () => {
  const minute = 60_000;

  it("runs again at once when poked while a round was running, instead of waiting for the next poll", async () => {
    let rounds = 0;
    let finishFirst = () => {};
    const loop = new PollingLoop(
      async () => {
        rounds++;
        if (rounds === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
        return 0;
      },
      minute,
      () => {},
    );
    loop.start();
    await sleep(10);
    loop.poke();
    finishFirst();
    await sleep(50);
    expect(rounds).toBe(2);
    await loop.stop();
  });

  it("waits for the next poll when nothing was found and nobody poked, and wakes when poked", async () => {
    let rounds = 0;
    const loop = new PollingLoop(
      async () => {
        rounds++;
        return 0;
      },
      minute,
      () => {},
    );
    loop.start();
    await sleep(50);
    expect(rounds).toBe(1);
    loop.poke();
    await sleep(50);
    expect(rounds).toBe(2);
    await loop.stop();
  });
});
