import { describe, expect, it } from "vitest";
import { SessionLossNotices } from "../../bot/dialogue/session-loss-notices.ts";
import type { SessionLoss } from "../../bot/transports/transport.ts";

const AT = new Date("2026-12-06T14:02:00Z");
const later = (ms: number) => new Date(AT.getTime() + ms);

describe("telling entrepreneurs of a lost WhatsApp session", () => {
  it.each([
    ["no loss", null, false],
    ["an unlink, still down", { at: AT, kind: "logged_out", backAt: null }, true],
    ["an unlink, back a moment later", { at: AT, kind: "logged_out", backAt: later(5_000) }, true],
    ["a saved session refused", { at: AT, kind: "refused", backAt: null }, true],
    ["a connection down for 30 s and back", { at: AT, kind: "dropped", backAt: later(30_000) }, false],
    ["a connection down for 2 minutes and back", { at: AT, kind: "dropped", backAt: later(120_000) }, true],
    ["a connection down a moment, not back yet", { at: AT, kind: "dropped", backAt: null }, true],
  ] satisfies Array<[string, SessionLoss | null, boolean]>)("%s: told %s", (_label, loss, told) => {
    const notices = new SessionLossNotices(() => loss);
    expect(notices.pending("5584988886666")).toBe(told ? loss : null);
  });

  it("tells each entrepreneur once per loss, and again for the next one", () => {
    let loss: SessionLoss = { at: AT, kind: "logged_out", backAt: later(60_000) };
    const notices = new SessionLossNotices(() => loss);
    const first = notices.pending("5584988886666");
    expect(first).toBe(loss);
    if (first) notices.markTold("5584988886666", first);
    expect(notices.pending("5584988886666")).toBeNull();
    expect(notices.pending("5584988887777")).toBe(loss);
    loss = { at: later(3_600_000), kind: "refused", backAt: null };
    expect(notices.pending("5584988886666")).toBe(loss);
  });
});
