import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { TEMPLATES_FILE } from "../../bot/transports/cloud-api/message-templates.ts";
import { signatureFor } from "../../bot/transports/cloud-api/webhook-signature.ts";

/*
 * A local HTTP server that answers like Meta's Graph API for one WhatsApp number, and holds the bot to Meta's rules:
 * free-form messages only within 24 hours of the person's last message (131047), the pair rate (131056), templates
 * that exist, are approved and get their parameters (132001, 132015, 132000), buttons within limits, documents and
 * pictures by uploaded media id, and `statuses[]` webhooks for what it accepted (a late failure included), echoing each
 * message's `biz_opaque_callback_data` and posted again until the webhook takes them.
 */

export interface GraphRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: GraphMessageBody;
  /** The status the stand-in answered with, and the error code when it refused. */
  status: number;
  errorCode?: number;
  /** The id it gave the message it accepted. */
  messageId?: string;
}

/** The fields of a Graph API `messages` request the tests read. */
export interface GraphMessageBody {
  messaging_product?: string;
  recipient_type?: string;
  to?: string;
  recipient?: string;
  type?: string;
  status?: string;
  message_id?: string;
  typing_indicator?: { type: string };
  text?: { body: string; preview_url?: boolean };
  document?: { id?: string; link?: string; filename: string; caption?: string };
  image?: { id?: string; link?: string; caption?: string };
  interactive?: {
    type: string;
    body: { text: string };
    action: {
      buttons?: { type: string; reply: { id: string; title: string } }[];
      button?: string;
      sections?: { title: string; rows: { id: string; title: string }[] }[];
    };
  };
  template?: {
    name: string;
    language: { code: string };
    components?: { type: string; parameters?: { type: string; text?: string }[] }[];
  };
  biz_opaque_callback_data?: string;
}

interface TemplateDefinition {
  name: string;
  category: string;
  parameters: string[];
  body: Record<string, string>;
}

interface StoredMedia {
  bytes: Buffer;
  type: string;
  filename: string;
}

export interface StandInOptions {
  /** Meta's pair rate: `burst` messages to one person at once, then one every `intervalMs`; unset, no limit. */
  pairRate?: { burst: number; intervalMs: number };
  /** Whether every accepted message gets `sent` and `delivered` statuses (once connected to a webhook). */
  statuses?: boolean;
  /** Whether the templates of templates.json are there and approved from the start (yes unless false). */
  approvedTemplates?: boolean;
}

export interface GraphApiStandIn {
  /** The base URL, as WHATSAPP_CLOUD_GRAPH_URL. */
  url: string;
  requests: GraphRequest[];
  /** The accepted messages sent to one address (a phone or a business-scoped id), read receipts left out. */
  delivered(to: string): GraphRequest[];
  /** The read receipts (with typing indicator) the bot sent. */
  readReceipts(): GraphRequest[];
  /** The next `count` messages (read receipts aside) get `status` with Meta's error shape (code 131000 unless given). */
  failNext(count: number, status?: number, code?: number): void;
  /** Where to post `statuses[]` notifications: the system's webhook, signed with its app secret. */
  connect(webhook: { url: string; appSecret: string; phoneNumberId: string }): void;
  /** The person wrote at `at`: their 24-hour window opens (tests call it for every message they post). */
  sawInbound(address: string, at?: Date): void;
  /** Moves a person's last message back in time, as if they had been silent that long. */
  ageWindow(address: string, byMs: number): void;
  /** Messages to this address are accepted, then reported failed with `code` (131026: not on WhatsApp). */
  failLater(address: string, code: number, title: string): void;
  /** Posts a status for a message id, as Meta does (read receipts, out-of-order, unknown ids). */
  sendStatus(messageId: string, address: string, status: "sent" | "delivered" | "read" | "failed"): Promise<void>;
  /** Pauses an approved template (Meta does so on poor quality): sends to it get 132015. */
  pauseTemplate(name: string): void;
  /** Templates created through `message_templates`, and the ones approved from the start. */
  templates: Map<string, { name: string; language: string; category: string; status: string; body: string }>;
  /** Media uploaded to `/media`. */
  media: Map<string, StoredMedia>;
  /** A file the stand-in serves at `${url}/files/${name}`, for the bot to fetch and upload. */
  serveFile(name: string, bytes: Buffer, type: string): string;
  close(): Promise<void>;
}

const WINDOW_MS = 24 * 3_600_000;
const WEBHOOK_TRIES = 240;

function metaError(code: number, message: string): Record<string, unknown> {
  return { error: { message, type: "OAuthException", code, error_data: { details: message }, fbtrace_id: "Atest" } };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the stand-in; every template of deploy/whatsapp/templates.json is approved in every language it has. */
export async function startGraphApiStandIn(options: StandInOptions = {}): Promise<GraphApiStandIn> {
  const definitions = (JSON.parse(readFileSync(TEMPLATES_FILE, "utf8")) as { templates: TemplateDefinition[] })
    .templates;
  const templates: GraphApiStandIn["templates"] = new Map();
  for (const definition of options.approvedTemplates === false ? [] : definitions) {
    for (const [language, body] of Object.entries(definition.body)) {
      templates.set(`${definition.name}/${language}`, {
        name: definition.name,
        language,
        category: definition.category,
        status: "APPROVED",
        body,
      });
    }
  }
  const requests: GraphRequest[] = [];
  const lastInbound = new Map<string, number>();
  const buckets = new Map<string, { at: number; allowance: number }>();
  const lateFailures = new Map<string, { code: number; title: string }>();
  /** What each accepted message carried in `biz_opaque_callback_data`: echoed in its statuses, as Meta does. */
  const callbackData = new Map<string, string>();
  const media = new Map<string, StoredMedia>();
  const files = new Map<string, { bytes: Buffer; type: string }>();
  let failures = { count: 0, status: 500, code: 131000 };
  let sequence = 0;
  let webhook: { url: string; appSecret: string; phoneNumberId: string } | null = null;
  const pendingWebhooks = new Set<Promise<unknown>>();
  let closed = false;
  let base = "";

  async function postStatuses(statuses: Record<string, unknown>[]): Promise<void> {
    if (!webhook) return;
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "102290129340398",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550783881", phone_number_id: webhook.phoneNumberId },
                statuses,
              },
            },
          ],
        },
      ],
    });
    // As Meta does, a notification the webhook did not take (down, or not answering 200) is posted again, here
    // every half second for two minutes.
    const target = webhook;
    for (let tries = 0; tries < WEBHOOK_TRIES && !closed; tries++) {
      const answered = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(body, target.appSecret) },
        body,
      }).then(
        (response) => response.status === 200,
        () => false,
      );
      if (answered) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  function statusOf(messageId: string, address: string, status: string, error?: { code: number; title: string }) {
    const recipient = /^\d+$/.test(address) ? { recipient_id: address } : { recipient_user_id: address };
    const reference = callbackData.get(messageId);
    return {
      id: messageId,
      status,
      ...(reference === undefined ? {} : { biz_opaque_callback_data: reference }),
      timestamp: String(Math.floor(Date.now() / 1000)),
      ...recipient,
      ...(error ? { errors: [{ code: error.code, title: error.title, message: error.title }] } : {}),
    };
  }

  function later(work: () => Promise<void>): void {
    const done = new Promise((resolve) => setTimeout(resolve, 20)).then(work).catch(() => {});
    pendingWebhooks.add(done);
    void done.finally(() => pendingWebhooks.delete(done));
  }

  /** Meta's checks on one `messages` request: null when it would accept it, else its error. */
  function refusalOf(body: GraphMessageBody): { code: number; message: string } | null {
    const address = body.to ?? body.recipient;
    if (!address) return { code: 100, message: "(#100) The parameter to is required." };
    if (options.pairRate) {
      const now = Date.now();
      const { burst, intervalMs } = options.pairRate;
      const bucket = buckets.get(address) ?? { at: now, allowance: burst };
      const allowance = Math.min(burst, bucket.allowance + (now - bucket.at) / intervalMs);
      // A little slack for the timers of the two sides.
      if (allowance < 0.9) {
        buckets.set(address, { at: now, allowance });
        return { code: 131056, message: "(#131056) (Business Account, Consumer Account) pair rate limit hit" };
      }
      buckets.set(address, { at: now, allowance: allowance - 1 });
    }
    if (body.type === "template") return templateRefusal(body);
    const wrote = lastInbound.get(address);
    if (wrote === undefined || Date.now() - wrote > WINDOW_MS) {
      return {
        code: 131047,
        message: "Re-engagement message: more than 24 hours have passed since the customer last replied",
      };
    }
    if (body.type === "document") {
      if (!body.document?.id || !media.has(body.document.id)) {
        return { code: 131053, message: "Media upload error: documents are sent by uploaded media id here" };
      }
    }
    if (body.type === "image") {
      // Meta takes JPEG and PNG pictures up to 5 MB, captions up to 1024 characters.
      const picture = body.image?.id ? media.get(body.image.id) : undefined;
      if (!picture) return { code: 131053, message: "Media upload error: images are sent by uploaded media id here" };
      if (!["image/png", "image/jpeg"].includes(picture.type) || picture.bytes.length > 5 * 1024 * 1024) {
        return { code: 131053, message: `Media upload error: ${picture.type} is not a picture WhatsApp takes` };
      }
      if ((body.image?.caption ?? "").length > 1024) {
        return { code: 131009, message: "(#131009) Parameter value is not valid: caption" };
      }
    }
    if (body.type === "interactive" && body.interactive?.type === "list") {
      const rows = (body.interactive.action.sections ?? []).flatMap((section) => section.rows);
      const titles = rows.map((row) => row.title);
      const button = body.interactive.action.button ?? "";
      if (
        rows.length === 0 ||
        rows.length > 10 ||
        titles.some((title) => title.length === 0 || title.length > 24) ||
        new Set(rows.map((row) => row.id)).size !== rows.length ||
        button.length === 0 ||
        button.length > 20 ||
        body.interactive.body.text.length > 4096
      ) {
        return { code: 131009, message: "(#131009) Parameter value is not valid: list" };
      }
    } else if (body.type === "interactive") {
      const buttons = body.interactive?.action.buttons ?? [];
      const titles = buttons.map((button) => button.reply.title);
      if (
        buttons.length === 0 ||
        buttons.length > 3 ||
        titles.some((title) => title.length === 0 || title.length > 20) ||
        new Set(titles).size !== titles.length ||
        (body.interactive?.body.text.length ?? 0) > 1024
      ) {
        return { code: 131009, message: "(#131009) Parameter value is not valid: buttons" };
      }
    }
    return null;
  }

  function templateRefusal(body: GraphMessageBody): { code: number; message: string } | null {
    const template = body.template;
    if (!template) return { code: 131008, message: "(#131008) Required parameter is missing: template" };
    const stored = templates.get(`${template.name}/${template.language.code}`);
    if (!stored) {
      return { code: 132001, message: `(#132001) Template name does not exist in the translation: ${template.name}` };
    }
    if (stored.status === "PAUSED") return { code: 132015, message: "(#132015) Template is paused" };
    if (stored.status !== "APPROVED") return { code: 132016, message: "(#132016) Template is disabled" };
    const expected = [...stored.body.matchAll(/\{\{\d+\}\}/g)].length;
    const parameters = (template.components ?? []).find((component) => component.type === "body")?.parameters ?? [];
    if (parameters.length !== expected) {
      return {
        code: 132000,
        message: `(#132000) Number of parameters does not match the expected number of params: ${parameters.length} for ${expected}`,
      };
    }
    if (parameters.some((parameter) => !parameter.text || /[\n\t]| {5,}/.test(parameter.text))) {
      return { code: 132018, message: "(#132018) There was an issue with the parameters in your template" };
    }
    return null;
  }

  function answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }

  async function onMessages(request: IncomingMessage, response: ServerResponse, raw: Buffer): Promise<void> {
    let body: GraphMessageBody = {};
    try {
      body = JSON.parse(raw.toString("utf8")) as GraphMessageBody;
    } catch {
      // Recorded as empty: the assertions will say what was wrong.
    }
    const record: GraphRequest = {
      method: request.method ?? "",
      path: request.url ?? "",
      authorization: request.headers.authorization,
      body,
      status: 200,
    };
    requests.push(record);
    if (body.status === "read") {
      answer(response, 200, { success: true });
      return;
    }
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      record.status = failures.status;
      record.errorCode = failures.code;
      answer(response, failures.status, metaError(failures.code, `(#${failures.code}) Something went wrong`));
      return;
    }
    const refusal = refusalOf(body);
    if (refusal) {
      record.status = 400;
      record.errorCode = refusal.code;
      answer(response, 400, metaError(refusal.code, refusal.message));
      return;
    }
    const address = body.to ?? body.recipient ?? "";
    const messageId = `wamid.out-${++sequence}`;
    record.messageId = messageId;
    if (typeof body.biz_opaque_callback_data === "string") callbackData.set(messageId, body.biz_opaque_callback_data);
    answer(response, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: address, ...(body.to ? { wa_id: address } : { user_id: address }) }],
      messages: [{ id: messageId }],
    });
    const failure = lateFailures.get(address);
    if (failure) {
      later(() => postStatuses([statusOf(messageId, address, "failed", failure)]));
    } else if (options.statuses) {
      later(() => postStatuses([statusOf(messageId, address, "sent"), statusOf(messageId, address, "delivered")]));
    }
  }

  async function onUpload(request: IncomingMessage, response: ServerResponse, raw: Buffer): Promise<void> {
    const form = await new Response(new Uint8Array(raw), {
      headers: { "content-type": request.headers["content-type"] ?? "" },
    })
      .formData()
      .catch(() => null);
    const file = form?.get("file");
    if (form?.get("messaging_product") !== "whatsapp" || !(file instanceof Blob)) {
      answer(response, 400, metaError(100, "(#100) messaging_product and file are required"));
      return;
    }
    const id = String(1_000_000 + media.size + 1);
    media.set(id, {
      bytes: Buffer.from(await file.arrayBuffer()),
      type: String(form.get("type") ?? file.type),
      filename: file instanceof File ? file.name : "file",
    });
    answer(response, 200, { id });
  }

  function onTemplates(request: IncomingMessage, response: ServerResponse, raw: Buffer, url: URL): void {
    if (request.method === "GET") {
      const name = url.searchParams.get("name");
      const data = [...templates.values()]
        .filter((template) => !name || template.name === name)
        .map((template) => ({
          name: template.name,
          language: template.language,
          status: template.status,
          category: template.category,
          components: [{ type: "BODY", text: template.body }],
          id: createHash("sha1").update(`${template.name}/${template.language}`).digest("hex").slice(0, 15),
        }));
      answer(response, 200, { data });
      return;
    }
    const body = JSON.parse(raw.toString("utf8")) as {
      name?: string;
      language?: string;
      category?: string;
      components?: { type: string; text?: string; example?: { body_text?: string[][] } }[];
    };
    const text = body.components?.find((component) => component.type === "BODY")?.text;
    const count = [...(text ?? "").matchAll(/\{\{\d+\}\}/g)].length;
    const examples = body.components?.find((component) => component.type === "BODY")?.example?.body_text?.[0] ?? [];
    if (!body.name || !body.language || !body.category || !text || (count > 0 && examples.length !== count)) {
      answer(
        response,
        400,
        metaError(100, "(#100) Invalid parameter: name, language, category and a BODY with examples"),
      );
      return;
    }
    const key = `${body.name}/${body.language}`;
    if (templates.has(key)) {
      answer(response, 400, metaError(2388024, "Content in this language already exists"));
      return;
    }
    templates.set(key, {
      name: body.name,
      language: body.language,
      category: body.category,
      status: "APPROVED",
      body: text,
    });
    answer(response, 200, { id: String(templates.size), status: "APPROVED", category: body.category });
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const url = new URL(request.url ?? "/", "http://stand-in");
      const parts = url.pathname.split("/").filter(Boolean);
      // /v23.0/{phone-number-id}/messages | /media ; /v23.0/{waba-id}/message_templates ; /v23.0/{media-id}
      if (parts[0] === "files" && parts[1]) {
        const file = files.get(parts[1]);
        if (!file) return answer(response, 404, { error: "no such file" });
        response.writeHead(200, { "content-type": file.type });
        response.end(file.bytes);
        return;
      }
      if (parts[0] === "download" && parts[1]) {
        const stored = media.get(parts[1]);
        if (!stored || !request.headers.authorization) return answer(response, 404, metaError(100, "not found"));
        response.writeHead(200, { "content-type": stored.type });
        response.end(stored.bytes);
        return;
      }
      if (parts[2] === "messages" && request.method === "POST") return onMessages(request, response, raw);
      if (parts[2] === "media" && request.method === "POST") return onUpload(request, response, raw);
      if (parts[2] === "message_templates") return onTemplates(request, response, raw, url);
      if (parts.length === 2 && request.method === "GET" && parts[1] && media.has(parts[1])) {
        const stored = media.get(parts[1]);
        return answer(response, 200, {
          messaging_product: "whatsapp",
          url: `${base}/download/${parts[1]}`,
          mime_type: stored?.type,
          file_size: stored?.bytes.length,
          id: parts[1],
        });
      }
      answer(response, 404, metaError(100, `Unsupported request: ${request.method} ${url.pathname}`));
    })().catch((error: unknown) => {
      if (!response.headersSent) answer(response, 500, metaError(1, String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/v23.0`,
    requests,
    templates,
    media,
    delivered: (to) =>
      requests.filter(
        (request) =>
          (request.body.to ?? request.body.recipient) === to && request.status === 200 && !request.body.status,
      ),
    readReceipts: () => requests.filter((request) => request.body.status === "read"),
    failNext(count, status = 500, code = 131000) {
      failures = { count, status, code };
    },
    connect(target) {
      webhook = target;
    },
    sawInbound(address, at = new Date()) {
      lastInbound.set(address, Math.max(lastInbound.get(address) ?? 0, at.getTime()));
    },
    ageWindow(address, byMs) {
      const wrote = lastInbound.get(address);
      if (wrote !== undefined) lastInbound.set(address, wrote - byMs);
    },
    failLater(address, code, title) {
      lateFailures.set(address, { code, title });
    },
    async sendStatus(messageId, address, status) {
      await postStatuses([
        statusOf(
          messageId,
          address,
          status,
          status === "failed" ? { code: 131000, title: "Something went wrong" } : undefined,
        ),
      ]);
    },
    pauseTemplate(name) {
      for (const template of templates.values()) if (template.name === name) template.status = "PAUSED";
    },
    serveFile(name, bytes, type) {
      files.set(name, { bytes, type });
      return `${base}/files/${name}`;
    },
    close: async () => {
      closed = true;
      await Promise.allSettled([...pendingWebhooks]);
      await new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
