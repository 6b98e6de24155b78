import { PassThrough } from "node:stream";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBatch } from "../../core/app/close-batch.ts";
import { listOrders } from "../../core/app/list-orders.ts";
import { loadSheetContent } from "../../core/app/load-sheet-content.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { deliveredWorkbookRecord, readDeliveredWorkbook } from "../../core/app/read-delivered-workbook.ts";
import { recordDeliveredQuantities } from "../../core/app/record-delivered-quantities.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { sheets } from "../../core/db/schema.ts";
import { writePackingWorkbook } from "../../sheets/workbooks/write-packing-workbook.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

type Cell = string | number | null;

interface Block {
  number: number;
  customer: string;
  /** Product, unit, ordered, delivered. */
  lines: [string, string, number, Cell][];
}

const LABELS = {
  "pt-BR": {
    sheet: "Pedidos",
    batch: "Lote",
    header: ["Produto", "Unidade", "Quantidade", "Entregue", "Preço unitário", "Total"],
  },
  en: { sheet: "Orders", batch: "Batch", header: ["Product", "Unit", "Quantity", "Delivered", "Unit price", "Total"] },
} as const;

/** A packing workbook laid out as PRODUCT.md's "Sheets" says, as the entrepreneur would send it back. */
async function packingWorkbook(batchNumber: number, blocks: Block[], locale: keyof typeof LABELS = "pt-BR") {
  const labels = LABELS[locale];
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(locale === "en" ? "Summary" : "Resumo");
  summary.addRow(["Feira da Ana"]);
  summary.addRow([`${labels.batch} ${batchNumber}`]);
  summary.addRow([labels.header[0], labels.header[1], labels.header[2]]);
  summary.addRow(["Tomate", "kg", 99]);
  const sheet = workbook.addWorksheet(labels.sheet);
  sheet.addRow(["Feira da Ana"]);
  sheet.addRow(["Separação por cliente"]);
  sheet.addRow([`${labels.batch} ${batchNumber}`]);
  sheet.addRow(["06/12/2026 18:00"]);
  for (const block of blocks) {
    sheet.addRow([]);
    sheet.addRow([`#${block.number}`, block.customer, "5584999990001"]);
    sheet.addRow(["Entrega: Rua das Flores, 12 - Centro"]);
    sheet.addRow([...labels.header]);
    sheet.addRow(["Hortifruti Sertão"]);
    for (const [product, unit, ordered, delivered] of block.lines) {
      sheet.addRow([product, unit, ordered, delivered, 1, 1]);
    }
    // A sum under Entregue in the total row is no item.
    sheet.addRow(["Total", null, null, 99, null, 10]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(DATABASE_KINDS)("reading the packing workbook sent back on %s", (kind) => {
  let test: TestDatabase;
  let ana: number;
  let bruno: number;
  let carla: number;
  let batchNumber: number;
  const read = (file: Buffer) => readDeliveredWorkbook(test.context, { businessId: test.businessId, file });
  const orderByNumber = async (number: number) => {
    const orders = await listOrders(test.context, { businessId: test.businessId });
    const order = orders.find((candidate) => candidate.number === number);
    if (!order) throw new Error(`no order #${number}`);
    return order;
  };

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
    const place = (phone: string, items: { sku: string; quantityMilli: number }[]) =>
      placeOrder(test.context, { businessId: test.businessId, phone, items });
    ana = (
      await place("5584999990001", [
        { sku: "tomate", quantityMilli: 2000 },
        { sku: "alface", quantityMilli: 3000 },
      ])
    ).number;
    bruno = (
      await place("5584999990002", [
        { sku: "ovos", quantityMilli: 1000 },
        { sku: "queijo-coalho", quantityMilli: 500 },
      ])
    ).number;
    batchNumber = (await closeBatch(test.context, test.businessId, [])).batch.number;
    carla = (await place("5584999990003", [{ sku: "tomate", quantityMilli: 1000 }])).number;
  });
  afterAll(async () => {
    await test?.close();
  });

  const anaBlock = (tomato: Cell, lettuce: Cell): Block => ({
    number: ana,
    customer: "Ana",
    lines: [
      ["Tomate", "kg", 2, tomato],
      ["Alface Crespa", "un", 3, lettuce],
    ],
  });
  const brunoBlock = (eggs: Cell, cheese: Cell): Block => ({
    number: bruno,
    customer: "Bruno",
    lines: [
      ["Ovos Caipira", "dz", 1, eggs],
      ["Queijo Coalho", "kg", 0.5, cheese],
    ],
  });

  /** The packing workbook the sheets worker writes for the closed batch, as the entrepreneur downloads it. */
  async function writtenPackingWorkbook(): Promise<ExcelJS.Workbook> {
    const [sheet] = await test.context.db
      .select({ id: sheets.id })
      .from(sheets)
      .where(and(eq(sheets.businessId, test.businessId), eq(sheets.kind, "consolidated")));
    if (!sheet) throw new Error("no packing sheet recorded by the close");
    const content = await loadSheetContent(test.context, sheet.id);
    if (content.kind !== "consolidated") throw new Error("not the packing sheet");
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk));
    const title = {
      businessName: "Feira da Ana",
      batchNumber: content.sheet.batchNumber,
      closedAt: content.sheet.closedAt,
    };
    await writePackingWorkbook({ locale: "pt-BR", title, summary: content.summary, orders: content.orders }, output);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    return workbook;
  }

  it("reads back the packing workbook as the sheets worker writes it, with two quantities edited", async () => {
    const workbook = await writtenPackingWorkbook();
    const orders = workbook.getWorksheet("Pedidos");
    if (!orders) throw new Error("no Pedidos sheet");
    const header = orders
      .getRows(1, orders.rowCount)
      ?.find((row) => row.values && (row.values as unknown[]).includes("Entregue"));
    const deliveredColumn = ((header?.values as unknown[]) ?? []).indexOf("Entregue");
    expect(deliveredColumn).toBeGreaterThan(0);
    let edited = 0;
    orders.eachRow((row) => {
      const product = (row.values as unknown[]).find((value) => value === "Tomate" || value === "Ovos Caipira");
      if (product === "Tomate" && edited === 0) {
        row.getCell(deliveredColumn).value = 2.15;
        edited++;
      } else if (product === "Ovos Caipira") {
        row.getCell(deliveredColumn).value = 0;
        edited++;
      }
    });
    expect(edited).toBe(2);
    const reading = await read(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(reading.kind).toBe("changes");
    if (reading.kind !== "changes") return;
    expect(
      reading.orders
        .map((order) => ({
          number: order.orderNumber,
          changed: order.changed.map((line) => [line.sku, line.orderedMilli, line.deliveredMilli]),
        }))
        .filter((order) => order.changed.length > 0),
    ).toEqual([
      { number: ana, changed: [["tomate", 2000, 2150]] },
      { number: bruno, changed: [["ovos", 1000, 0]] },
    ]);
  });

  it("answers the two edited quantities as what changes, and records nothing before it is applied", async () => {
    const reading = await read(await packingWorkbook(batchNumber, [anaBlock(2.15, 3), brunoBlock(0, 0.5)]));
    expect(reading.kind).toBe("changes");
    if (reading.kind !== "changes") return;
    expect(reading.batchNumber).toBe(batchNumber);
    expect(
      reading.orders.map((order) => ({
        number: order.orderNumber,
        changed: order.changed.map((line) => [line.sku, line.orderedMilli, line.deliveredMilli]),
        given: order.lines.length,
        finalTotalCents: order.finalTotalCents,
      })),
    ).toEqual([
      // 2.150 kg × 7.50 = 16.13, 3 × 3.00 = 9.00.
      { number: ana, changed: [["tomate", 2000, 2150]], given: 2, finalTotalCents: 2513 },
      // The eggs were missing; 0.5 kg × 42.00 = 21.00.
      { number: bruno, changed: [["ovos", 1000, 0]], given: 2, finalTotalCents: 2100 },
    ]);
    expect((await orderByNumber(ana)).finalTotalCents).toBeNull();
  });

  it("matches orders by number and products by name or sku in any case, never by row position", async () => {
    const moved: Block[] = [
      {
        ...brunoBlock(0, 0.5),
        lines: [
          ["queijo-coalho", "kg", 0.5, 0.5],
          ["OVOS caipira", "dz", 1, 0],
        ],
      },
      {
        ...anaBlock(3, 2.15),
        lines: [
          ["alface crespa", "un", 3, 3],
          ["TOMATE", "kg", 2, 2.15],
        ],
      },
    ];
    const reading = await read(await packingWorkbook(batchNumber, moved));
    expect(reading.kind).toBe("changes");
    if (reading.kind !== "changes") return;
    const changed = Object.fromEntries(
      reading.orders.map((order) => [order.orderNumber, order.changed.map((line) => [line.sku, line.deliveredMilli])]),
    );
    expect(changed).toEqual({ [ana]: [["tomate", 2150]], [bruno]: [["ovos", 0]] });
  });

  it("reads a quantity typed as text with a decimal comma, and passes over a cell left empty", async () => {
    const reading = await read(await packingWorkbook(batchNumber, [anaBlock("2,150", null)]));
    expect(reading.kind).toBe("changes");
    if (reading.kind !== "changes") return;
    expect(reading.orders[0]?.lines.map((line) => [line.sku, line.deliveredMilli])).toEqual([["tomate", 2150]]);
  });

  it("reads the English workbook", async () => {
    const reading = await read(await packingWorkbook(batchNumber, [anaBlock(2.15, 3)], "en"));
    expect(reading).toMatchObject({ kind: "changes", orders: [{ orderNumber: ana }] });
  });

  it.each([
    [
      "a product not in the order, named with its row",
      () => [{ ...anaBlock(2, 3), lines: [["Picanha", "kg", 1, 1]] }],
      [{ kind: "not_in_order", product: "Picanha", row: 10 }],
    ],
    [
      "a quantity that is not a number",
      () => [anaBlock("dois", 3)],
      [{ kind: "unreadable_quantity", product: "Tomate", text: "dois" }],
    ],
    ["half a lettuce", () => [anaBlock(2, 2.5)], [{ kind: "invalid_quantity", sku: "alface" }]],
    ["a slipped decimal point", () => [anaBlock(215, 3)], [{ kind: "invalid_quantity", sku: "tomate" }]],
    [
      "an order of the open batch",
      () => [{ number: carla, customer: "Carla", lines: [["Tomate", "kg", 1, 1]] }],
      [{ kind: "order_of_another_batch" }],
    ],
    [
      "an order that does not exist",
      () => [{ number: 9999, customer: "X", lines: [["Tomate", "kg", 1, 1]] }],
      [{ kind: "unknown_order", orderNumber: 9999 }],
    ],
  ] as [string, () => Block[], object[]][])("refuses the whole workbook for %s", async (_label, blocks, problems) => {
    const reading = await read(await packingWorkbook(batchNumber, [...blocks(), brunoBlock(0, 0.5)]));
    expect(reading.kind).toBe("problems");
    if (reading.kind === "problems") expect(reading.problems).toMatchObject(problems);
  });

  it("refuses a workbook of another batch", async () => {
    const reading = await read(await packingWorkbook(batchNumber + 5, [anaBlock(2.15, 3)]));
    expect(reading).toEqual({
      kind: "other_batch",
      workbookBatchNumber: batchNumber + 5,
      expectedBatchNumber: batchNumber,
    });
  });

  it("says why a file is not a packing workbook", async () => {
    expect(await read(Buffer.from("not a workbook"))).toEqual({ kind: "unreadable", reason: "not_a_workbook" });
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Preços").addRow(["sku", "price"]);
    expect(await read(Buffer.from(await other.xlsx.writeBuffer()))).toEqual({
      kind: "unreadable",
      reason: "no_orders_sheet",
    });
  });

  it("records every line it read when applied, and a paid order sent back unchanged is passed over", async () => {
    const reading = await read(await packingWorkbook(batchNumber, [anaBlock(2.15, 3), brunoBlock(0, 0.5)]));
    if (reading.kind !== "changes") throw new Error(`unexpected ${reading.kind}`);
    const recorded = await recordDeliveredQuantities(test.context, deliveredWorkbookRecord(test.businessId, reading));
    expect(recorded.map((entry) => [entry.order.number, entry.order.finalTotalCents])).toEqual([
      [ana, 2513],
      [bruno, 2100],
    ]);
    const order = await orderByNumber(ana);
    expect(Object.fromEntries(order.items.map((item) => [item.sku, item.deliveredQuantityMilli]))).toEqual({
      tomate: 2150,
      alface: 3000,
    });

    // Sent again as it now is: nothing changes.
    const again = await read(await packingWorkbook(batchNumber, [anaBlock(2.15, 3), brunoBlock(0, 0.5)]));
    expect(again.kind === "changes" && again.orders.flatMap((entry) => entry.changed)).toEqual([]);
  });
});
