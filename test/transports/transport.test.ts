import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Express } from "express";
import pino from "pino";
import { CloudApiTransport } from "../../bot/transports/cloud-api/cloud-api-transport.ts";
import { loadConfiguredTemplates } from "../../bot/transports/cloud-api/message-templates.ts";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";
import { SimulatorTransport } from "../../bot/transports/simulator/simulator-transport.ts";
import { SIMULATOR_PATHS, type SimulatorPost, simulatorEvent } from "../../bot/transports/simulator/simulator-wire.ts";
import type { DeliveryStatus, Transport } from "../../bot/transports/transport.ts";
import { WhatsappWebTransport } from "../../bot/transports/whatsapp-web/whatsapp-web-transport.ts";
import { serverSentEvents } from "../../cli/chat/server-sent-events.ts";
import { createHttpApp } from "../../core/http/create-http-app.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";
import { FakeWhatsappClient } from "./fake-whatsapp-client.ts";
import { startGraphApiStandIn } from "./graph-api-stand-in.ts";
import {
  type Acceptance,
  type Delivery,
  describeTransportContract,
  type TransportHarness,
} from "./transport-contract.ts";

const logger = pino({ level: "silent" });
const identity = createBuiltInIdentity({ apiToken: "a-token-of-enough-length", adminPhones: [] });

/** The transport's routes behind SISCONF's own HTTP app (its error handler turns refusals into statuses). */
async function serve(transport: Transport): Promise<{ url: string; server: Server }> {
  const app: Express = createHttpApp({
    logger,
    identity,
    middleware: [],
    publicRouters: transport.routers(),
    apiRouters: [],
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** One person's messages one after the other, different people's at once (or everything at once). */
async function inPersonOrder(
  messages: Delivery[],
  atOnce: boolean | undefined,
  deliverOne: (message: Delivery) => Promise<Acceptance>,
): Promise<Acceptance[]> {
  if (atOnce) return Promise.all(messages.map(deliverOne));
  const answers = new Map<Delivery, Acceptance>();
  const people = [...new Set(messages.map((message) => message.from))];
  await Promise.all(
    people.map(async (person) => {
      for (const message of messages.filter((each) => each.from === person)) {
        answers.set(message, await deliverOne(message));
      }
    }),
  );
  return messages.map((message) => answers.get(message) ?? "refused");
}

function acceptance(status: number, refused: number): Acceptance {
  if (status === 200) return "accepted";
  if (status === refused) return "refused";
  throw new Error(`the transport answered ${status}`);
}

// The simulator as the /sim page and `sisconf chat` use it: POSTs answered once handled, each phone's stream followed.
describeTransportContract(
  "simulator",
  async (): Promise<TransportHarness> => {
    const transport = new SimulatorTransport({
      identity,
      whenSent: async () => {},
      transcript: async () => [],
      entrepreneurPhones: async () => [],
    });
    const { url, server } = await serve(transport);
    const streams = new AbortController();
    const shown = new Map<string, string[]>();
    const follow = async (phone: string) => {
      if (shown.has(phone)) return;
      const lines: string[] = [];
      shown.set(phone, lines);
      const response = await fetch(`${url}${SIMULATOR_PATHS.events}?phone=${phone}`, { signal: streams.signal });
      if (!response.body) throw new Error("no event stream");
      void (async () => {
        for await (const data of serverSentEvents(response.body as ReadableStream<Uint8Array>)) {
          const event = simulatorEvent.safeParse(JSON.parse(data));
          if (event.success && event.data.direction === "out") lines.push(event.data.text);
        }
      })().catch(() => {});
    };
    return {
      transport,
      async deliver(messages, options) {
        for (const message of messages) await follow(message.from);
        return inPersonOrder(messages, options?.atOnce, async ({ from, text, key }) => {
          const body: SimulatorPost = { from, text, id: key };
          const response = await fetch(`${url}${SIMULATOR_PATHS.messages}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          await response.arrayBuffer();
          return acceptance(response.status, 409);
        });
      },
      sentTo: (person) => shown.get(person) ?? [],
      async close() {
        streams.abort();
        await transport.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  },
  { refusesWhileStopping: true },
);

const APP_SECRET = "app-secret-for-the-contract";
const PHONE_NUMBER_ID = "123456";

/** One signed `messages` notification, as Meta posts it: several messages may come in one. */
function notification(messages: Delivery[]): Record<string, unknown> {
  const at = String(Math.floor(Date.now() / 1000));
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
    contacts: [...new Set(messages.map((message) => message.from))].map((from) => ({
      profile: { name: "Ana Souza" },
      wa_id: from,
    })),
    messages: messages.map(({ from, text, key }) => ({
      from,
      id: `wamid.${Buffer.from(key).toString("base64url")}`,
      timestamp: at,
      type: "text",
      text: { body: text },
    })),
  };
  return {
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value }] }],
  };
}

// The Cloud API as Meta drives it: signed webhook notifications in, the Graph API (a stand-in holding Meta's rules) out.
describeTransportContract(
  "Cloud API",
  async (): Promise<TransportHarness> => {
    const graph = await startGraphApiStandIn({ statuses: true });
    // The statuses the webhook took, as the bot records them (message_deliveries), joined by the echoed entry id.
    const reported: DeliveryStatus[] = [];
    const transport = new CloudApiTransport({
      verifyToken: "verify-me",
      appSecret: APP_SECRET,
      accessToken: "EAAG-contract-token",
      phoneNumberId: PHONE_NUMBER_ID,
      graphUrl: graph.url,
      logger,
      templates: loadConfiguredTemplates("pt_BR"),
      deliveriesOf: async (outboxEntryId) =>
        reported.filter((status) => status.outboxEntryId === outboxEntryId).map(({ status, at }) => ({ status, at })),
    });
    const { url, server } = await serve(transport);
    graph.connect({ url: `${url}/webhooks/whatsapp`, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID });
    const post = async (messages: Delivery[]): Promise<Acceptance> => {
      // Meta saw them: their senders' 24-hour windows open.
      for (const message of messages) graph.sawInbound(message.from);
      const body = JSON.stringify(notification(messages));
      const response = await fetch(`${url}/webhooks/whatsapp`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(body, APP_SECRET) },
        body,
      });
      await response.arrayBuffer();
      return acceptance(response.status, 503);
    };
    return {
      transport,
      async deliver(messages, options) {
        if (!options?.atOnce) return inPersonOrder(messages, false, (message) => post([message]));
        // Meta batches what arrived together into one notification.
        const answer = await post(messages);
        return messages.map(() => answer);
      },
      sentTo: (person) => graph.delivered(person).map((request) => request.body.text?.body ?? ""),
      async statuses(statuses) {
        reported.push(...statuses);
      },
      async close() {
        await transport.close();
        await new Promise((resolve) => server.close(resolve));
        await graph.close();
      },
    };
  },
  { refusesWhileStopping: true },
);

// WhatsApp Web through whatsapp-web.js, its `Client` replaced by a stand-in that behaves as the library does.
describeTransportContract(
  "WhatsApp Web",
  async (): Promise<TransportHarness> => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sisconf-wa-contract-"));
    const client = new FakeWhatsappClient();
    const transport = new WhatsappWebTransport({
      dataDir,
      chromiumPath: "/usr/bin/chromium",
      identity,
      logger,
      printQr: () => {},
      createClient: async () => client,
    });
    // Linked as soon as the QR code shows, as if the phone scanned it at once.
    client.once("qr", () => setImmediate(() => client.link()));
    return {
      // Started by the contract: the session comes up then.
      transport,
      async deliver(messages, options) {
        const deadline = Date.now() + 5_000;
        while (transport.state.kind !== "connected") {
          if (Date.now() > deadline) throw new Error(`WhatsApp Web did not connect: ${transport.state.kind}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        // The page reports messages as they come: there is no answer to give back, and nothing to refuse with.
        return inPersonOrder(messages, options?.atOnce, async (message) => {
          client.receive({ from: `${message.from}@c.us`, body: message.text, key: message.key });
          return "accepted";
        });
      },
      sentTo: (person) =>
        client.sent
          .filter((sent) => sent.chatId === `${person}@c.us`)
          .map((sent) => (typeof sent.content === "string" ? sent.content : (sent.options?.caption ?? ""))),
      async close() {
        await transport.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
  { refusesWhileStopping: false },
);
