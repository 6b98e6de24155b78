// jsqr is CommonJS, its reader exported as `default` of its module object.
import jsqr from "jsqr";
import { parsePix } from "pix-utils";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReais, lineTotal } from "../../core/domain/money.ts";
import { chatAs, eventually } from "../support/chat.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { readBrCode } from "../support/read-br-code.ts";
import { DATABASE_KINDS } from "../support/test-database.ts";
import { startTestSystem, type TestSystem } from "../support/test-system.ts";

const ADMIN = "5584999990009";
const FEES = "Centro=5.00;Lagoa Nova=7.50;*=10.00";
const PIX = { PIX_KEY: "loja@example.com", PIX_MERCHANT_NAME: "Feira da Ana", PIX_MERCHANT_CITY: "Natal" };

/** The bot's answers, without the sheet links that arrive meanwhile once a batch is closed. */
const answers = (replies: string[]) =>
  replies.filter((text) => !/^(?:📄|✅ Todas as|⚠️ Não consegui gerar)/u.test(text));
const orderNumberIn = (text: string | undefined): number => Number(/#(\d+)/.exec(text ?? "")?.[1]);

/** What a QR reader reads in a `data:image/png;base64,…` picture. */
function readQrImage(dataUrl: string): string | undefined {
  const image = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
  return jsqr.default(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe.each(DATABASE_KINDS)("delivery, final totals and payments in chat on %s", (kind) => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem(kind, { ADMIN_PHONES: ADMIN, DELIVERY_FEES: FEES, ...PIX });
    await system.request("PUT", "/api/v1/catalog", exampleCatalog());
  });
  afterAll(async () => {
    await system?.close();
  });

  it("carries an order from the address to the final total, its Pix code, and its payment", async () => {
    const ana = chatAs(system, "5584988100001", "Ana");
    const bruno = chatAs(system, "5584988100002", "Bruno");
    const adminChat = chatAs(system, ADMIN);
    const admin = { say: async (text: string) => answers(await adminChat.say(text)) };

    // The first confirmation asks once; an address that is only "aqui" is asked again; the fee is Centro's.
    await ana.say("2kg de tomate, 2 alfaces e 1 maço de coentro");
    const confirmed = await ana.say("sim");
    expect(confirmed).toHaveLength(2);
    expect(confirmed[1]).toContain("*entrega* ou *retirada*");
    const anaOrder = orderNumberIn(confirmed[0]);
    expect(await ana.say("entrega")).toEqual([expect.stringContaining("rua, número, bairro")]);
    expect(await ana.say("aqui")).toEqual([expect.stringContaining("endereço completo")]);
    const [set] = await ana.say("Rua das Flores, 12, Centro, perto da padaria");
    expect(set).toContain("Rua das Flores, 12 - Centro (perto da padaria)");
    expect(set).toContain("R$ 5,00");
    expect(set).toContain(`#${anaOrder}`);

    await bruno.say("1kg de cebola");
    const brunoConfirmed = await bruno.say("sim");
    expect(brunoConfirmed[1]).toContain("entrega");
    const brunoOrder = orderNumberIn(brunoConfirmed[0]);
    expect(await bruno.say("vou retirar")).toEqual([expect.stringContaining("Você retira")]);
    const [closed] = await admin.say("fechar lote");
    expect(closed).toContain("2 pedidos");

    // Two delivered quantities by chat, each shown and recorded on "sim"; a product not in the order is refused.
    expect(await admin.say(`pedido ${anaOrder} abacaxi 1`)).toEqual([
      `O pedido #${anaOrder} não tem abacaxi. Nada foi gravado.`,
    ]);
    const [weighed] = await admin.say(`pedido ${anaOrder} tomate 2,150`);
    expect(weighed).toContain("Tomate: 2 kg → 2,15 kg");
    expect(weighed).toContain("SIM");
    expect(await admin.say("sim")).toEqual([expect.stringContaining("Gravado.")]);
    const [missing] = await admin.say(`faltou alface no pedido ${anaOrder}`);
    expect(missing).toContain("Alface Crespa: 2 unidades → sai do pedido");
    await admin.say("sim");

    const finalTotal = lineTotal(750, 2150) + 250 + 500;
    const [view] = await admin.say(`pedido ${anaOrder}`);
    expect(view).toContain("Rua das Flores, 12 - Centro");
    expect(view).toContain(`Total final: ${formatReais(finalTotal)}`);
    expect(view).toContain("Pagamento: pendente");

    // "lote pronto": one message with what differs and the amount, then the Pix code alone, then its QR image.
    expect(await admin.say("lote pronto")).toEqual(["Total final enviado a 2 clientes."]);
    const [totalMessage, pixMessage, qrMessage] = await eventually(async () => {
      const sent = (await ana.transcript()).filter((line) => line.direction !== "in");
      const at = sent.findIndex((line) => line.text.includes("Total final"));
      return at >= 0 && sent[at + 2] ? [sent[at], sent[at + 1], sent[at + 2]] : false;
    });
    expect(totalMessage?.text).toContain("Tomate: 2 kg → 2,15 kg");
    expect(totalMessage?.text).toContain("Taxa de entrega: R$ 5,00");
    expect(totalMessage?.text).toContain(formatReais(finalTotal));
    const code = pixMessage?.text ?? "";
    const read = readBrCode(code);
    expect(read.crcValid).toBe(true);
    expect(read.fields.get("54")).toBe((finalTotal / 100).toFixed(2));
    expect(read.templates.get("26")?.get("01")).toBe("loja@example.com");
    expect(parsePix(code)).toMatchObject({ pixKey: "loja@example.com", transactionAmount: finalTotal / 100 });
    expect(qrMessage?.text).toBe(
      `QR Code do Pix do pedido #${anaOrder}: pague pelo app do banco lendo o código, ou use o copia e cola acima.`,
    );
    expect(qrMessage?.image?.filename).toBe(`pix-${anaOrder}.png`);
    expect(readQrImage(qrMessage?.image?.url ?? "")).toBe(code);
    // Once per change: said again, nobody is told twice (the image neither).
    expect(await admin.say("lote pronto")).toEqual([expect.stringContaining("Nenhum cliente para avisar")]);
    const images = (await ana.transcript()).filter((line) => line.image);
    expect(images).toHaveLength(1);

    await admin.say("lote a caminho");
    await admin.say("lote chegou");
    await admin.say("lote entregue");
    const [owed] = await admin.say("quem falta pagar");
    expect(owed).toContain(`#${anaOrder} Ana`);
    expect(owed).toContain(`#${brunoOrder} Bruno`);
    expect(owed).toContain(formatReais(finalTotal));

    expect(await admin.say(`pedido ${anaOrder} pago`)).toEqual([
      `✅ Pagamento do pedido #${anaOrder} (${formatReais(finalTotal)}) registrado.`,
    ]);
    expect(await admin.say(`pedido ${anaOrder} pago`)).toEqual([expect.stringContaining("já estava pago")]);
    const [stillOwed] = await admin.say("quem falta pagar");
    expect(stillOwed).not.toContain(`#${anaOrder} `);
    expect(stillOwed).toContain(`#${brunoOrder} Bruno`);
    expect(await bruno.say("meus pedidos")).toEqual([expect.stringContaining("pagamento pendente")]);
  });

  it("takes an address given straight to the question, and tells final totals when the batch arrives through the API", async () => {
    const dora = chatAs(system, "5584988100004", "Dora");
    await dora.say("1kg de cebola");
    const [, asked] = await dora.say("sim");
    expect(asked).toContain("entrega");
    expect(await dora.say("Rua C, 30, Lagoa Nova")).toEqual([expect.stringContaining("R$ 7,50")]);
    const closed = await system.request("POST", "/api/v1/batches/current/close");
    expect(closed.status).toBe(200);
    const id = closed.body.batch.id;
    expect((await system.request("PATCH", `/api/v1/batches/${id}`, { status: "on_the_way" })).status).toBe(200);
    expect((await system.request("PATCH", `/api/v1/batches/${id}`, { status: "arrived" })).status).toBe(200);
    const told = await eventually(async () => {
      const sent = await dora.transcript();
      return sent.find((line) => line.text.includes("Total final")) ?? false;
    });
    expect(told.text).toContain("Taxa de entrega: R$ 7,50");

    // Asked once: the next batch's order is not asked again, and its confirmation shows the address and fee.
    await dora.say("1kg de tomate");
    const again = await dora.say("sim");
    expect(again.join("\n")).not.toContain("*entrega* ou *retirada*");
    expect(again.at(-1)).toBe("🚚 Entrega em Rua C, 30 - Lagoa Nova — taxa R$ 7,50");
  });

  it("refuses delivered quantities while the order is open, and answers in English", async () => {
    const carla = chatAs(system, "5584988100003", "Carla");
    await carla.say("1kg de tomate");
    const [confirmed] = await carla.say("sim");
    const order = orderNumberIn(confirmed);
    const adminChat = chatAs(system, ADMIN);
    const admin = { say: async (text: string) => answers(await adminChat.say(text)) };
    expect(await admin.say(`pedido ${order} tomate 1,2`)).toEqual([
      expect.stringContaining("ainda está aberto para mudanças"),
    ]);
    expect(await admin.say("pedido 9999 pago")).toEqual(["Não encontrei o pedido #9999."]);

    // Nothing delivered, picked up: a final total of zero, and no Pix code for it.
    expect((await system.request("POST", "/api/v1/batches/current/close")).status).toBe(200);
    await admin.say(`faltou tomate no pedido ${order}`);
    expect(await admin.say("sim")).toEqual([
      `Gravado. Pedido #${order}: total final R$ 0,00. Mande _pedido ${order} pronto_ para avisar o cliente.`,
    ]);
    expect(await admin.say(`pedido ${order} pronto`)).toEqual(["Total final enviado a 1 cliente."]);
    const sent = await eventually(async () => {
      const lines = (await carla.transcript()).filter((line) => line.direction !== "in");
      return lines.some((line) => line.text.includes("Total final")) && lines;
    });
    const told = sent.at(-1)?.text ?? "";
    expect(told).toContain("*Total final: R$ 0,00*");
    expect(told).not.toContain("Pix");
    expect(await carla.say("change my address")).toEqual([expect.stringContaining("delivery address")]);
    expect(await carla.say("Rua B, 7, Lagoa Nova")).toEqual([expect.stringContaining("R$ 7,50")]);
  });
});
