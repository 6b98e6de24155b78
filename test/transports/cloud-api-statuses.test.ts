import type { AddressInfo } from "node:net";
import express from "express";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { CloudApiTransport } from "../../bot/transports/cloud-api/cloud-api-transport.ts";
import { loadConfiguredTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { outboxReference } from "../../bot/transports/cloud-api/webhook-payload.ts";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";
import type { DeliveryStatus } from "../../bot/transports/transport.ts";
import { statusesNotification } from "../support/statuses-notification.ts";

const PHONE_NUMBER_ID = "100200300";
const APP_SECRET = "secret";

describe("the Cloud API webhook's delivery statuses", () => {
  it.each([
    { outcome: "recorded", record: async () => {}, answer: 200 },
    {
      outcome: "not recorded (the store is away)",
      record: async () => {
        throw new Error("connection refused");
      },
      answer: 503,
    },
  ])("answers Meta only once they are $outcome: $answer", async ({ record, answer }) => {
    const transport = new CloudApiTransport({
      verifyToken: "verify",
      appSecret: APP_SECRET,
      accessToken: "access",
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: "http://127.0.0.1:9",
      logger: pino({ level: "silent" }),
      templates: loadConfiguredTemplates("pt_BR"),
    });
    const reported: DeliveryStatus[][] = [];
    await transport.start(
      async () => "handled",
      async (statuses) => {
        reported.push(statuses);
        await record();
      },
    );
    const app = express();
    for (const router of transport.routers()) app.use(router);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const body = JSON.stringify(
        statusesNotification(PHONE_NUMBER_ID, [
          {
            id: "wamid.out-1",
            status: "sent",
            timestamp: "1796300000",
            recipient_id: "5584999990001",
            biz_opaque_callback_data: outboxReference(42),
          },
        ]),
      );
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(body, APP_SECRET) },
        body,
      });
      expect(response.status).toBe(answer);
      expect(reported).toEqual([[expect.objectContaining({ messageId: "wamid.out-1", outboxEntryId: 42 })]]);
    } finally {
      await transport.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
