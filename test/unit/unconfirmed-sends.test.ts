import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { CloudApiTransport } from "../../bot/transports/cloud-api/cloud-api-transport.ts";
import { loadConfiguredTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { outboxReference, readStatuses } from "../../bot/transports/cloud-api/webhook-payload.ts";
import { DeliveredRecord } from "../../bot/transports/simulator/delivered-record.ts";
import { statusesNotification } from "../support/statuses-notification.ts";

const PHONE_NUMBER_ID = "1098765";
const CLAIMED = new Date("2026-12-03T12:00:00Z");
const LAPSED = new Date("2026-12-03T12:01:00Z");
const unconfirmed = { outboxEntryId: 42, to: "5584999990001", message: { text: "Chegaram as mangas!" } };
const at = (secondsAfterClaim: number) => new Date(CLAIMED.getTime() + secondsAfterClaim * 1000);

describe("the Cloud API's answer on a send the outbox could not record", () => {
  const transportAt = (now: Date, deliveries: { status: string; at: Date }[]) =>
    new CloudApiTransport({
      verifyToken: "verify",
      appSecret: "secret",
      accessToken: "access",
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: "http://127.0.0.1:9",
      logger: pino({ level: "silent" }),
      templates: loadConfiguredTemplates("pt_BR"),
      now: () => now,
      deliveriesOf: async (id) => (id === 42 ? deliveries : []),
    });

  it.each([
    { case: "a status says it was sent", now: at(61), deliveries: [{ status: "sent", at: at(30) }], kind: "delivered" },
    { case: "it was read", now: at(61), deliveries: [{ status: "read", at: at(90) }], kind: "delivered" },
    {
      case: "it failed after the claim began",
      now: at(61),
      deliveries: [{ status: "failed", at: at(20) }],
      kind: "not_delivered",
    },
    {
      case: "only an earlier try failed, and Meta may still report this one",
      now: at(61),
      deliveries: [{ status: "failed", at: at(-600) }],
      kind: "unknown",
    },
    { case: "no status yet, within the grace", now: at(61), deliveries: [], kind: "unknown" },
    { case: "no status a minute after the claim lapsed", now: at(121), deliveries: [], kind: "not_delivered" },
  ])("when $case: $kind", async ({ now, deliveries, kind }) => {
    const check = await transportAt(now, deliveries).wasDelivered({ ...unconfirmed, from: CLAIMED, until: LAPSED });
    expect(check.kind).toBe(kind);
    if (check.kind === "unknown") expect(check.askAgainAt).toEqual(new Date(LAPSED.getTime() + 60_000));
  });

  it("reads the outbox entry back from a status's biz_opaque_callback_data, and nothing from another app's", () => {
    const statuses = readStatuses(
      statusesNotification(PHONE_NUMBER_ID, [
        { id: "wamid.1", status: "sent", timestamp: "1796300000", biz_opaque_callback_data: outboxReference(42) },
        { id: "wamid.2", status: "delivered", timestamp: "1796300000", biz_opaque_callback_data: "campaign-7" },
        { id: "wamid.3", status: "read", timestamp: "1796300000", biz_opaque_callback_data: 17 },
        { id: "wamid.4", status: "sent", timestamp: "1796300000" },
      ]),
      PHONE_NUMBER_ID,
    );
    expect(statuses.map((status) => [status.messageId, status.outboxEntryId])).toEqual([
      ["wamid.1", 42],
      ["wamid.2", undefined],
      ["wamid.3", undefined],
      ["wamid.4", undefined],
    ]);
  });
});

describe("the simulator's record of what it delivered", () => {
  it("outlives its process, and tells an entry delivered in the span from one delivered elsewhere or at another time", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "sisconf-delivered-"));
    try {
      const file = path.join(folder, "simulator", "delivered.tsv");
      new DeliveredRecord(file).add(42, "5584999990001", at(30));
      // Another process, started on the same DATA_DIR, reads it back.
      const record = new DeliveredRecord(file);
      expect(readFileSync(file, "utf8")).toBe(`42\t5584999990001\t${at(30).toISOString()}\n`);
      const cases = [
        { id: 42, to: "5584999990001", from: CLAIMED, until: LAPSED, delivered: true },
        { id: 43, to: "5584999990001", from: CLAIMED, until: LAPSED, delivered: false },
        { id: 42, to: "5584999990002", from: CLAIMED, until: LAPSED, delivered: false },
        // The same id from a database since replaced, delivered long before this claim.
        { id: 42, to: "5584999990001", from: at(3600), until: at(3660), delivered: false },
      ];
      for (const { id, to, from, until, delivered } of cases) {
        expect(record.has(id, to, from, until), `${id} ${to} ${from.toISOString()}`).toBe(delivered);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
