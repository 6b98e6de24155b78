import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readNotification } from "../../bot/transports/cloud-api/webhook-payload.ts";

/*
 * Property tier for the Cloud API webhook mapping: whatever Meta (or anyone holding the app secret) posts, reading
 * it never throws, hands on only messages for this number from people one to one, each with a valid time.
 */
const runs = { seed: 20261206, numRuns: 1_000 };
const OUR_NUMBER = "109876543210";

const phone = fc.stringMatching(/^\d{10,15}$/);
const text = fc.string({ unit: "binary", maxLength: 200 });
const timestamp = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.double(),
  fc.integer({ min: 1_300_000_000, max: 2_000_000_000 }).map(String),
  fc.constantFrom("-1", "1e309", "NaN", "", "0x10", "99999999999999999999"),
  fc.anything(),
);
const message = fc.record(
  {
    id: fc.oneof(fc.string({ minLength: 1 }), fc.anything()),
    from: fc.oneof(phone, fc.anything()),
    timestamp,
    type: fc.oneof(
      fc.constantFrom("text", "image", "reaction", "interactive", "button", "audio", "system"),
      fc.string(),
    ),
    text: fc.oneof(fc.record({ body: text }), fc.anything()),
    group_id: fc.string(),
    image: fc.record({ caption: text }, { requiredKeys: [] }),
  },
  { requiredKeys: ["id", "type"] },
);
const change = fc.record(
  {
    field: fc.oneof(
      fc.constant("messages"),
      fc.constantFrom("smb_message_echoes", "statuses", "account_update"),
      fc.anything(),
    ),
    value: fc.record(
      {
        metadata: fc.record({ phone_number_id: fc.oneof(fc.constant(OUR_NUMBER), fc.string(), fc.anything()) }),
        contacts: fc.oneof(fc.array(fc.record({ wa_id: phone, profile: fc.record({ name: text }) })), fc.anything()),
        messages: fc.oneof(fc.array(message, { maxLength: 5 }), fc.anything()),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const notification = fc.oneof(
  fc.record({
    object: fc.oneof(fc.constant("whatsapp_business_account"), fc.string(), fc.anything()),
    entry: fc.oneof(
      fc.array(fc.record({ id: fc.string(), changes: fc.array(change, { maxLength: 4 }) })),
      fc.anything(),
    ),
  }),
  fc.anything(),
  fc.jsonValue(),
);

/** What an eligible message is, written out independently of the reader. */
function eligible(payload: unknown): { from: string; id: string }[] {
  const found: { from: string; id: string }[] = [];
  const record = payload as { object?: unknown; entry?: unknown };
  if (record === null || typeof record !== "object" || record.object !== "whatsapp_business_account") return found;
  if (!Array.isArray(record.entry)) return found;
  for (const entry of record.entry as { changes?: unknown }[]) {
    if (!entry || !Array.isArray(entry.changes)) continue;
    for (const item of entry.changes as { field?: unknown; value?: { metadata?: { phone_number_id?: unknown } } }[]) {
      if (item?.field !== "messages" || item.value?.metadata?.phone_number_id !== OUR_NUMBER) continue;
      const messages = (item.value as { messages?: unknown }).messages;
      if (!Array.isArray(messages)) continue;
      for (const entryMessage of messages as Record<string, unknown>[]) {
        if (!entryMessage || typeof entryMessage !== "object") continue;
        if (typeof entryMessage.id !== "string" || entryMessage.id === "" || typeof entryMessage.from !== "string")
          continue;
        if ("group_id" in entryMessage) continue;
        found.push({ from: entryMessage.from, id: entryMessage.id });
      }
    }
  }
  return found;
}

describe("reading a webhook notification, for any payload", () => {
  it("never throws, and hands on only messages for this number, from a person, each with a valid time", () => {
    fc.assert(
      fc.property(notification, (payload) => {
        const { messages, skipped } = readNotification(payload, OUR_NUMBER);
        expect(skipped).toBeGreaterThanOrEqual(0);
        const allowed = eligible(payload);
        for (const read of messages) {
          expect(read.transport).toBe("cloud-api");
          expect(Number.isNaN(read.at.getTime())).toBe(false);
          expect(() => read.at.toISOString()).not.toThrow();
          expect(typeof read.text).toBe("string");
          expect(allowed).toContainEqual({ from: read.from, id: read.id });
        }
      }),
      runs,
    );
  });

  it("hands on every text message for this number, in order, whatever else the notification carries", () => {
    const textMessage = fc.record({ from: phone, id: fc.uuid(), body: text });
    fc.assert(
      fc.property(
        fc.array(textMessage, { minLength: 1, maxLength: 10 }),
        fc.array(change, { maxLength: 3 }),
        (sent, noise) => {
          const ours = {
            field: "messages",
            value: {
              metadata: { phone_number_id: OUR_NUMBER },
              messages: sent.map((entry) => ({
                from: entry.from,
                id: entry.id,
                timestamp: "1765000000",
                type: "text",
                text: { body: entry.body },
              })),
            },
          };
          const noiseNotForUs = noise.map((entry) => ({ ...entry, field: "smb_message_echoes" }));
          const payload = { object: "whatsapp_business_account", entry: [{ changes: [...noiseNotForUs, ours] }] };
          const { messages } = readNotification(payload, OUR_NUMBER);
          expect(messages.map((read) => [read.from, read.id, read.text])).toEqual(
            sent.map((entry) => [entry.from, entry.id, entry.body]),
          );
        },
      ),
      runs,
    );
  });
});
