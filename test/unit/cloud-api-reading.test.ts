import { describe, expect, it } from "vitest";
import { refusalFor } from "../../bot/transports/cloud-api/graph-error.ts";
import { MessageTemplates, templateParameter } from "../../bot/transports/cloud-api/message-templates.ts";
import { readNotification, readStatuses } from "../../bot/transports/cloud-api/webhook-payload.ts";
import { normalizeUserId } from "../../core/domain/user-id.ts";

const PHONE_NUMBER_ID = "1098765";
const change = (value: Record<string, unknown>, phoneNumberId = PHONE_NUMBER_ID) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "1",
      changes: [
        {
          field: "messages",
          value: { messaging_product: "whatsapp", metadata: { phone_number_id: phoneNumberId }, ...value },
        },
      ],
    },
  ],
});

describe("what a Graph API error code means for the outbox", () => {
  it.each([
    [131047, "window_closed"],
    [132000, "template_problem"],
    [132001, "template_problem"],
    [132015, "template_problem"],
    [132016, "template_problem"],
    [131026, "not_on_whatsapp"],
    [130429, "rate_limited"],
    [131056, "rate_limited"],
    [131048, "policy_limited"],
    [131049, "policy_limited"],
    [131050, "opted_out"],
    [131000, "temporary"],
    [132017, "temporary"],
    [undefined, "temporary"],
  ] as const)("reads %s as %s", (code, reason) => {
    expect(refusalFor(code)).toBe(reason);
  });
});

describe("a customer's key", () => {
  it.each([
    ["+55 (84) 99999-0001", "5584999990001"],
    ["BR.1502576394655843", "BR.1502576394655843"],
    ["US.ENT.11815799212886844830", "US.ENT.11815799212886844830"],
    ["br.1502576394655843", null],
    ["BR.", null],
    ["123", null],
    ["214000000000001@lid", "214000000000001@lid"],
    ["abc@lid", null],
    ["5584999990001@c.us", null],
  ])("reads %s as %s", (text, key) => {
    expect(normalizeUserId(text)).toBe(key);
  });
});

describe("reading delivery statuses from a notification", () => {
  it("reads each status with its time, and a failure with its code and meaning", () => {
    const statuses = readStatuses(
      change({
        statuses: [
          { id: "wamid.1", status: "delivered", timestamp: "1790000000", recipient_id: "5584999990001" },
          {
            id: "wamid.2",
            status: "failed",
            timestamp: "1790000001",
            recipient_user_id: "BR.15025",
            errors: [{ code: 131026, title: "Message undeliverable" }],
          },
          { id: "wamid.3", status: "deleted", timestamp: "1790000002" },
          { status: "read" },
        ],
      }),
      PHONE_NUMBER_ID,
    );
    expect(statuses).toEqual([
      { messageId: "wamid.1", status: "delivered", at: new Date(1_790_000_000_000) },
      {
        messageId: "wamid.2",
        status: "failed",
        at: new Date(1_790_000_001_000),
        error: { code: 131026, title: "Message undeliverable", refusal: "not_on_whatsapp" },
      },
    ]);
  });

  it.each([
    [null],
    ["text"],
    [{ entry: "x" }],
    [change({ statuses: "none" })],
    [change({ statuses: [{ id: "wamid.9", status: "read" }] }, "another number")],
  ])("reads %j as no statuses", (payload) => {
    expect(readStatuses(payload, PHONE_NUMBER_ID)).toEqual([]);
  });
});

describe("reading senders that hide their phone", () => {
  it.each([
    ["a phone and a business-scoped id", { from: "5584999990001", from_user_id: "BR.1502" }, "5584999990001"],
    ["a business-scoped id alone", { from_user_id: "BR.1502" }, "BR.1502"],
  ])("answers a message with %s where it came from", (_label, sender, from) => {
    const { messages } = readNotification(
      change({
        contacts: [{ profile: { name: "Bia" }, user_id: "BR.1502" }],
        messages: [{ ...sender, id: "wamid.in", timestamp: "1790000000", type: "text", text: { body: "oi" } }],
      }),
      PHONE_NUMBER_ID,
    );
    expect(messages).toEqual([expect.objectContaining({ from, platformUserId: "BR.1502", name: "Bia", text: "oi" })]);
  });

  it("skips a message with neither a phone nor a business-scoped id", () => {
    const { messages, skipped } = readNotification(
      change({ messages: [{ id: "wamid.x", type: "text", text: { body: "oi" }, from_user_id: "not an id" }] }),
      PHONE_NUMBER_ID,
    );
    expect([messages, skipped]).toEqual([[], 1]);
  });
});

describe("the message templates file", () => {
  const valid = () => ({
    templates: [
      ["order_status", 2],
      ["final_total", 3],
      ["sheet_ready", 3],
      ["entrepreneur_notice", 1],
      ["reminder", 2],
      ["sold_out", 2],
      ["question_answer", 1],
      ["announcement", 2],
    ].map(([kind, count]) => ({
      kind,
      name: `sisconf_${kind}`,
      category: kind === "announcement" ? "MARKETING" : "UTILITY",
      parameters: Array.from({ length: Number(count) }, (_, index) => `p${index}`),
      body: { pt_BR: Array.from({ length: Number(count) }, (_, index) => `texto {{${index + 1}}}`).join(" e ") },
      example: Array.from({ length: Number(count) }, (_, index) => `exemplo ${index}`),
    })),
  });

  it("reads the shipped file in both of its languages", () => {
    for (const language of ["pt_BR", "en_US"]) {
      expect(MessageTemplates.load(language).all()).toHaveLength(8);
    }
    expect(MessageTemplates.load("pt_BR").of("order_status")).toMatchObject({
      name: "sisconf_pedido_status",
      category: "UTILITY",
      body: { pt_BR: "Novidade do seu pedido #{{1}}: {{2}}." },
    });
    expect(MessageTemplates.load("en_US").of("announcement").category).toBe("MARKETING");
  });

  it.each([
    ["a kind missing", (file: ReturnType<typeof valid>) => file.templates.pop(), /exactly one template of kind/],
    [
      "placeholders out of order",
      (file: ReturnType<typeof valid>) => {
        const template = file.templates[0];
        if (template) template.body.pt_BR = "a {{2}} b {{1}}";
      },
      /must use \{\{1\}\} to \{\{2\}\}/,
    ],
    [
      "fewer examples than parameters",
      (file: ReturnType<typeof valid>) => file.templates[1]?.example.pop(),
      /parameters but other examples/,
    ],
    [
      "a name Meta refuses",
      (file: ReturnType<typeof valid>) => {
        const template = file.templates[2];
        if (template) template.name = "Pedido Status";
      },
      /lowercase/,
    ],
  ])("refuses a file with %s", (_label, spoil, message) => {
    const file = valid();
    spoil(file);
    expect(() => MessageTemplates.from(file, "pt_BR")).toThrow(message);
  });

  it("refuses a language the file lacks", () => {
    expect(() => MessageTemplates.from(valid(), "en_US")).toThrow(/no en_US text/);
  });

  it.each([
    ["linha 1\nlinha 2", "linha 1 linha 2"],
    ["a\t\tb     c", "a b c"],
    ["x".repeat(800), `${"x".repeat(699)}…`],
  ])("makes %j a parameter Meta accepts", (text, parameter) => {
    expect(templateParameter(text)).toBe(parameter);
  });
});
