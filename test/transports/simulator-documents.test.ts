import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_LIMIT_BYTES } from "../../bot/transports/transport.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990088";
const CUSTOMER = "5584999990089";

describe("documents and media through the simulator", () => {
  let system: TestSystem;
  const post = (body: unknown) => system.request("POST", "/sim/messages", body, null);
  const base64 = (bytes: Buffer) => bytes.toString("base64");

  beforeAll(async () => {
    system = await startTestSystem("pglite", { ADMIN_PHONES: ADMIN, BOT_MESSAGES_PER_MINUTE: "1000" });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("hands a document with its caption to the bot, which reads its bytes", async () => {
    const csv = Buffer.from('sku,name,unit,price,provider\ncebola,Cebola,kg,"6,40",hortifruti-sertao\n');
    const { status, body } = await post({
      from: ADMIN,
      text: "preços da semana",
      document: { filename: "precos.csv", content: base64(csv) },
    });
    expect(status).toBe(200);
    expect(body.replies[0].text).toContain("Cebola R$ 5,90 → R$ 6,40");
    // The bytes are not kept: the transcript shows the document's name and its caption.
    const transcript = await system.request("GET", `/sim/messages?phone=${ADMIN}`, undefined, null);
    expect(
      transcript.body.messages.some((message: { text: string }) => message.text === "📎 precos.csv\npreços da semana"),
    ).toBe(true);
  });

  it("takes a document of exactly 10 MB and refuses one byte more before handing it on", async () => {
    const atLimit = await post({
      from: CUSTOMER,
      document: { filename: "grande.csv", content: base64(Buffer.alloc(DOCUMENT_LIMIT_BYTES, 0x41)) },
    });
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.replies[0].text).toBe("Só entendo texto por enquanto 🙂 Mande sua lista escrita.");
    const over = await post({
      from: CUSTOMER,
      document: { filename: "grande.csv", content: base64(Buffer.alloc(DOCUMENT_LIMIT_BYTES + 1, 0x41)) },
    });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatch(/at most 10 MB/);
  });

  it("refuses a body over the limit as too large", async () => {
    const content = "A".repeat(15 * 1024 * 1024);
    const { status, body } = await post({ from: CUSTOMER, document: { filename: "enorme.csv", content } });
    expect(status).toBe(413);
    expect(body.error).toBeTruthy();
  });

  it.each([
    ["content that is not base64", { document: { filename: "a.csv", content: "não é base64!" } }],
    ["a document and media at once", { document: { filename: "a.csv", content: "YQ==" }, media: "image" }],
    ["a document without a name", { document: { filename: " ", content: "YQ==" } }],
    ["media of another kind", { media: "video" }],
    ["neither text nor media", { text: " " }],
  ])("refuses %s with a 400", async (_label, fields) => {
    const { status, body } = await post({ from: CUSTOMER, ...fields });
    expect(status).toBe(400);
    expect(body.error).toBeTruthy();
  });

  it("answers a picture without text as media, and a voice note by suggesting to write", async () => {
    expect((await post({ from: CUSTOMER, media: "image" })).body.replies).toEqual([
      { text: "Só entendo texto por enquanto 🙂 Mande sua lista escrita." },
    ]);
    const [voice] = (await post({ from: CUSTOMER, media: "audio" })).body.replies;
    expect(voice.text).toContain("Não consigo ouvir áudio 🙉 Pode escrever, por favor?");
  });

  it("reads a picture's caption as the message", async () => {
    const [reply] = (await post({ from: CUSTOMER, media: "image", text: "1kg de tomate" })).body.replies;
    expect(reply.text).toContain("Tomate");
  });
});
