import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerMessage } from "../../core/app/answer-message.ts";
import { cancelOrder } from "../../core/app/cancel-order.ts";
import { changeBatchStatus } from "../../core/app/change-batch-status.ts";
import { changeOrderStatus } from "../../core/app/change-order-status.ts";
import { closeBatch } from "../../core/app/close-batch.ts";
import { getOpenBatch } from "../../core/app/get-batch.ts";
import { getCatalog } from "../../core/app/get-catalog.ts";
import { getTranscript } from "../../core/app/get-transcript.ts";
import { listOpenOrdersOf, listOrders } from "../../core/app/list-orders.ts";
import { loadSheetContent } from "../../core/app/load-sheet-content.ts";
import { placeOrder } from "../../core/app/place-order.ts";
import { receiveMessage } from "../../core/app/receive-message.ts";
import { removeOrderItems } from "../../core/app/remove-order-items.ts";
import { replaceCatalog } from "../../core/app/replace-catalog.ts";
import { claimDueNotifications, markNotificationsSent } from "../../core/app/send-notifications.ts";
import { requeueUnfinishedSheets, type SheetJob, takeSheetsToEnqueue } from "../../core/app/sheet-jobs.ts";
import { selectRows } from "../../core/db/database.ts";
import { customers, notifications, orderItems } from "../../core/db/schema.ts";
import { lineTotal } from "../../core/domain/money.ts";
import { exampleCatalog } from "../support/example-catalog.ts";
import { rejection } from "../support/rejection.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

describe.each(DATABASE_KINDS)("order use cases on %s", (kind) => {
  let test: TestDatabase;
  let phoneCounter = 0;
  const nextPhone = () => `55849${String(++phoneCounter).padStart(8, "0")}`;
  const order = (phone: string, items: { sku: string; quantityMilli: number; replace?: boolean }[], name?: string) =>
    placeOrder(test.context, { businessId: test.businessId, phone, name, items });

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    await replaceCatalog(test.context, test.businessId, exampleCatalog());
  });
  afterAll(async () => {
    await test?.close();
  });

  describe("catalog", () => {
    it("imports the example catalog with prices in cents", async () => {
      const catalog = await getCatalog(test.context, test.businessId);
      expect(catalog).toHaveLength(40);
      expect(catalog.find((product) => product.sku === "tomate")).toMatchObject({
        priceCents: 750,
        unit: "kg",
        providerKey: "hortifruti-sertao",
      });
    });

    it("rejects a catalog with one bad product whole, naming it, and changes nothing", async () => {
      const catalog = exampleCatalog();
      catalog.products[3] = { ...catalog.products[3], price: "1.234" };
      catalog.products[0] = { ...catalog.products[0], name: "Tomate Novo" };
      const error = await rejection(replaceCatalog(test.context, test.businessId, catalog));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toContain("products[3].price");
      const products = await getCatalog(test.context, test.businessId);
      expect(products.find((product) => product.sku === "tomate")?.name).toBe("Tomate");
    });

    it.each([
      ["an unknown provider", { provider: "nobody" }, "unknown provider"],
      ["an unknown unit", { unit: "saco" }, "products[0].unit"],
      ["a negative price", { price: "-1" }, "price"],
      ["an empty sku", { sku: "" }, "sku"],
    ])("rejects %s", async (_label, change, message) => {
      const catalog = exampleCatalog();
      catalog.products[0] = { ...catalog.products[0], ...change };
      const error = await rejection(replaceCatalog(test.context, test.businessId, catalog));
      expect(error.message).toContain(message);
    });

    it("deactivates products missing from a new catalog, never deletes them, and brings them back", async () => {
      const catalog = exampleCatalog();
      const withoutMel = { ...catalog, products: catalog.products.filter((product) => product.sku !== "mel") };
      expect(await replaceCatalog(test.context, test.businessId, withoutMel)).toMatchObject({ deactivated: 1 });
      expect((await getCatalog(test.context, test.businessId)).some((product) => product.sku === "mel")).toBe(false);
      const error = await rejection(order(nextPhone(), [{ sku: "mel", quantityMilli: 1000 }]));
      expect(error.reason).toBe("unknown_sku");
      await replaceCatalog(test.context, test.businessId, catalog);
      expect((await getCatalog(test.context, test.businessId)).some((product) => product.sku === "mel")).toBe(true);
    });
  });

  describe("customers", () => {
    it("registers a customer once and keeps the latest name", async () => {
      const phone = nextPhone();
      const first = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }], "Ana");
      const again = await order(`+${phone}`, [{ sku: "tomate", quantityMilli: 1000 }], "Ana Maria");
      const withoutName = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      expect(first.customerName).toBe("Ana");
      expect(again.id).toBe(first.id);
      expect(withoutName.customerName).toBe("Ana Maria");
      const stored = await test.context.db.select().from(customers).where(eq(customers.phone, phone));
      expect(stored.map((customer) => customer.name)).toEqual(["Ana Maria"]);
    });

    it("refuses a phone that is not 10 to 15 digits", async () => {
      const error = await rejection(order("12345", [{ sku: "tomate", quantityMilli: 1000 }]));
      expect(error.code).toBe("invalid_input");
      expect(error.reason).toBe("invalid_phone");
    });
  });

  describe("orders", () => {
    it("confirms an order with prices snapshotted and totals in cents", async () => {
      const placed = await order(
        nextPhone(),
        [
          { sku: "tomate", quantityMilli: 2000 },
          { sku: "ovos", quantityMilli: 500 },
        ],
        "Ana",
      );
      expect(placed.status).toBe("received");
      expect(placed.totalCents).toBe(2 * 750 + 750);
      expect(placed.items.map((item) => [item.sku, item.quantityMilli, item.unitPriceCents, item.totalCents])).toEqual([
        ["tomate", 2000, 750, 1500],
        ["ovos", 500, 1500, 750],
      ]);
    });

    it("merges further items into the customer's open order instead of making another", async () => {
      const phone = nextPhone();
      const first = await order(phone, [{ sku: "cebola", quantityMilli: 1000 }]);
      const second = await order(phone, [
        { sku: "cebola", quantityMilli: 500 },
        { sku: "alface", quantityMilli: 2000 },
      ]);
      expect(second.id).toBe(first.id);
      expect(second.number).toBe(first.number);
      expect(second.items.map((item) => [item.sku, item.quantityMilli])).toEqual([
        ["cebola", 1500],
        ["alface", 2000],
      ]);
      expect(second.totalCents).toBe(885 + 600);
    });

    it("replaces a line's quantity when asked to", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      const changed = await order(phone, [{ sku: "tomate", quantityMilli: 3000, replace: true }]);
      expect(changed.items).toMatchObject([{ sku: "tomate", quantityMilli: 3000, totalCents: 2250 }]);
    });

    it("applies lines of one product in their order: adding, setting, then adding again", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      const changed = await order(phone, [
        { sku: "tomate", quantityMilli: 2000 },
        { sku: "tomate", quantityMilli: 500, replace: true },
        { sku: "tomate", quantityMilli: 250 },
        { sku: "cebola", quantityMilli: 1000 },
        { sku: "cebola", quantityMilli: 1000 },
      ]);
      expect(changed.items.map((item) => [item.sku, item.quantityMilli])).toEqual([
        ["tomate", 750],
        ["cebola", 2000],
      ]);
      expect(changed.totalCents).toBe(lineTotal(750, 750) + lineTotal(590, 2000));
    });

    it("prices lines in the database exactly as lineTotal does, half up to the cent", async () => {
      const cases = [
        [750, 1],
        [1, 499],
        [1, 500],
        [1, 501],
        [333, 1500],
        [999, 1333],
        [2_147_483_647, 1_000_000],
      ];
      for (const [price, quantity] of cases) {
        const [row] = await selectRows<{ total: string | number }>(
          test.context.db,
          sql`select sisconf_line_total(${price}, ${quantity}) as total`,
        );
        expect(Number(row?.total), `${price} × ${quantity}`).toBe(lineTotal(price ?? 0, quantity ?? 0));
      }
    });

    it("keeps the price of confirmation when the catalog price changes later", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "uva", quantityMilli: 1000 }]);
      const catalog = exampleCatalog();
      const expensive = {
        ...catalog,
        products: catalog.products.map((product) => (product.sku === "uva" ? { ...product, price: "20.00" } : product)),
      };
      await replaceCatalog(test.context, test.businessId, expensive);
      const [stored] = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(stored?.items[0]?.unitPriceCents).toBe(1400);
      await replaceCatalog(test.context, test.businessId, catalog);
    });

    it.each([
      ["no items", [], "no_items"],
      ["a zero quantity", [{ sku: "tomate", quantityMilli: 0 }], "invalid_quantity"],
      ["a negative quantity", [{ sku: "tomate", quantityMilli: -1000 }], "invalid_quantity"],
      ["an absurd quantity", [{ sku: "tomate", quantityMilli: 1_000_001 }], "quantity_too_large"],
      ["an unknown sku", [{ sku: "picanha", quantityMilli: 1000 }], "unknown_sku"],
    ])("refuses %s and writes nothing", async (_label, items, reason) => {
      const phone = nextPhone();
      const error = await rejection(order(phone, items));
      expect(error.reason).toBe(reason);
      expect(await listOrders(test.context, { businessId: test.businessId, phone })).toEqual([]);
    });

    it("refuses to change an order whose batch closed meanwhile, instead of starting one nobody confirmed", async () => {
      const phone = nextPhone();
      const first = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const error = await rejection(
        placeOrder(test.context, {
          businessId: test.businessId,
          phone,
          items: [{ sku: "cebola", quantityMilli: 1000 }],
          onlyOrderId: first.id,
        }),
      );
      expect(error.reason).toBe("order_closed");
      const orders = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(orders.map((item) => [item.id, item.status, item.items.length])).toEqual([[first.id, "placed", 1]]);
    });

    it("refuses a merge that would pass the maximum quantity", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "tomate", quantityMilli: 900_000 }]);
      const error = await rejection(order(phone, [{ sku: "tomate", quantityMilli: 200_000 }]));
      expect(error.reason).toBe("quantity_too_large");
      const [stored] = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(stored?.items[0]?.quantityMilli).toBe(900_000);
    });

    it("removes items, and cancels an order left empty", async () => {
      const phone = nextPhone();
      await order(phone, [
        { sku: "coentro", quantityMilli: 1000 },
        { sku: "tomate", quantityMilli: 1000 },
      ]);
      const first = await removeOrderItems(test.context, {
        businessId: test.businessId,
        phone,
        skus: ["coentro", "mel"],
      });
      expect(first.removed).toEqual(["coentro"]);
      expect(first.notInOrder).toEqual(["mel"]);
      expect(first.order.totalCents).toBe(750);
      const second = await removeOrderItems(test.context, { businessId: test.businessId, phone, skus: ["tomate"] });
      expect(second.order.status).toBe("cancelled");
    });

    it("cancels the open order and then has nothing left to cancel", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      const cancelled = await cancelOrder(test.context, { businessId: test.businessId, phone });
      expect(cancelled.status).toBe("cancelled");
      const error = await rejection(cancelOrder(test.context, { businessId: test.businessId, phone }));
      expect(error.reason).toBe("no_editable_order");
      const again = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      expect(again.number).not.toBe(cancelled.number);
    });

    it("cancels or changes only the order the customer was asked about, never a newer one", async () => {
      const phone = nextPhone();
      const asked = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const newer = await order(phone, [{ sku: "cebola", quantityMilli: 1000 }]);
      const only = { businessId: test.businessId, phone, onlyOrderId: asked.id };
      // Refused as the placing of items into that order is: it closed.
      expect((await rejection(cancelOrder(test.context, only))).reason).toBe("order_closed");
      expect((await rejection(removeOrderItems(test.context, { ...only, skus: ["cebola"] }))).reason).toBe(
        "order_closed",
      );
      const [stored] = await listOrders(test.context, { businessId: test.businessId, phone, status: "received" });
      expect(stored).toMatchObject({
        id: newer.id,
        status: "received",
        items: [{ sku: "cebola", quantityMilli: 1000 }],
      });
      const cancelled = await cancelOrder(test.context, { ...only, onlyOrderId: newer.id });
      expect(cancelled).toMatchObject({ id: newer.id, status: "cancelled" });
    });

    it("lists a customer's orders that are not delivered yet", async () => {
      const phone = nextPhone();
      await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      const open = await listOpenOrdersOf(test.context, test.businessId, phone);
      expect(open).toHaveLength(1);
      expect(await listOpenOrdersOf(test.context, test.businessId, nextPhone())).toEqual([]);
    });

    it("reads, with a message received, the customer's open order and its latest order a close sent", async () => {
      const phone = nextPhone();
      const receive = (messageId: string) =>
        receiveMessage(test.context, {
          businessId: test.businessId,
          transport: "test",
          messageId: `${phone}-${messageId}`,
          phone,
          text: "oi",
          receivedAt: new Date(),
        });
      const first = await order(phone, [{ sku: "tomate", quantityMilli: 1000 }]);
      expect(await receive("before-close")).toMatchObject({
        editableOrder: { id: first.id, number: first.number },
        closedOrderNumber: undefined,
      });
      await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const newer = await order(phone, [{ sku: "cebola", quantityMilli: 1000 }]);
      expect(await receive("after-close")).toMatchObject({
        editableOrder: { id: newer.id, number: newer.number },
        closedOrderNumber: first.number,
      });
    });
  });

  describe("batches", () => {
    it("closes the batch, places its orders, opens the next, records sheets and notifications", async () => {
      const before = await getOpenBatch(test.context, test.businessId);
      const phone = nextPhone();
      const placed = await order(phone, [{ sku: "leite", quantityMilli: 2000 }]);
      const closed = await closeBatch(test.context, test.businessId, ["5584999990009"]);
      expect(closed.batch.id).toBe(before.id);
      expect(closed.batch.status).toBe("closed");
      expect(closed.nextBatch.number).toBe(before.number + 1);
      expect(closed.batch.sheets.map((sheet) => sheet.kind)).toContain("consolidated");
      const providerSheets = closed.batch.sheets
        .filter((sheet) => sheet.kind === "provider")
        .map((sheet) => sheet.provider);
      expect(providerSheets).toEqual([...new Set(closed.batch.providers.map((provider) => provider.provider))]);
      expect(closed.batch.sheets.find((sheet) => sheet.kind === "consolidated")?.storageKey).toBe(
        `batches/${before.id}/consolidado-${before.number}.xlsx`,
      );
      const [after] = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(after?.status).toBe("placed");
      expect(after?.id).toBe(placed.id);
      const queued = await test.context.db.select().from(notifications);
      expect(
        queued.some((row) => row.phone === phone && (row.payload as { status?: string }).status === "placed"),
      ).toBe(true);
      const open = await getOpenBatch(test.context, test.businessId);
      expect(open.id).toBe(closed.nextBatch.id);
      expect(open.orders).toBe(0);
    });

    it("sends an item to the provider it had when confirmed, even if the catalog moves the product later", async () => {
      await order(nextPhone(), [{ sku: "chuchu", quantityMilli: 2000 }]);
      const catalog = exampleCatalog();
      const moved = {
        ...catalog,
        products: catalog.products.map((product) =>
          product.sku === "chuchu" ? { ...product, provider: "frutas-do-vale" } : product,
        ),
      };
      await replaceCatalog(test.context, test.businessId, moved);
      const closed = await closeBatch(test.context, test.businessId, ["5584999990009"]);
      await replaceCatalog(test.context, test.businessId, catalog);
      const hortifruti = closed.batch.sheets.find((sheet) => sheet.provider === "hortifruti-sertao");
      expect(closed.batch.sheets.map((sheet) => sheet.provider)).toEqual(["hortifruti-sertao", null]);
      const content = await loadSheetContent(test.context, hortifruti?.id ?? 0);
      expect(
        content.kind === "provider" && content.lines.map((line) => [line.productName, line.quantityMilli]),
      ).toEqual([["Chuchu", 2000]]);
    });

    it("gives the sheets the catalog's cost (none where it gives none), each order's total and its pickup", async () => {
      const catalog = exampleCatalog();
      const withoutCost = {
        ...catalog,
        products: catalog.products.map((product) => {
          if (product.sku !== "coentro") return product;
          const { cost: _cost, ...rest } = product;
          return rest;
        }),
      };
      await replaceCatalog(test.context, test.businessId, withoutCost);
      const phone = nextPhone();
      const placed = await order(
        phone,
        [
          { sku: "tomate", quantityMilli: 1500 },
          { sku: "coentro", quantityMilli: 2000 },
        ],
        "Bia",
      );
      const closed = await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const hortifruti = closed.batch.sheets.find((sheet) => sheet.provider === "hortifruti-sertao");
      const provider = await loadSheetContent(test.context, hortifruti?.id ?? 0);
      expect(provider.kind === "provider" && provider.providerName).toBe("Hortifruti Sertão");
      // Tomate costs 5.25: 1.5 kg cost 7.875, rounded half up to 7.88.
      expect(provider.kind === "provider" && provider.lines).toEqual([
        { productName: "Coentro", unit: "maco", quantityMilli: 2000, unitCostCents: null, totalCostCents: null },
        { productName: "Tomate", unit: "kg", quantityMilli: 1500, unitCostCents: 525, totalCostCents: 788 },
      ]);
      expect(provider.sheet.batchNumber).toBe(closed.batch.number);
      expect(provider.sheet.closedAt).toBeInstanceOf(Date);

      const consolidated = closed.batch.sheets.find((sheet) => sheet.provider === null);
      const packing = await loadSheetContent(test.context, consolidated?.id ?? 0);
      if (packing.kind !== "consolidated") throw new Error("expected the packing workbook's content");
      expect(packing.summary.map((line) => [line.productName, line.totalCents, line.totalCostCents])).toEqual([
        ["Coentro", 500, null],
        ["Tomate", 1125, 788],
      ]);
      expect(packing.orders).toEqual([
        {
          number: placed.number,
          customerName: "Bia",
          phone,
          delivery: { kind: "pickup" },
          totalCents: 1625,
          lines: [
            expect.objectContaining({
              productName: "Coentro",
              quantityMilli: 2000,
              unitPriceCents: 250,
              totalCents: 500,
            }),
            expect.objectContaining({
              productName: "Tomate",
              quantityMilli: 1500,
              unitPriceCents: 750,
              totalCents: 1125,
            }),
          ],
        },
      ]);
      expect(packing.orders[0]?.lines.map((line) => line.productKey)).toEqual(
        packing.summary.map((line) => line.productKey),
      );
      await replaceCatalog(test.context, test.businessId, catalog);
    });

    it("refuses to close a batch with no orders, twice in a row included", async () => {
      const error = await rejection(closeBatch(test.context, test.businessId, ["5584999990009"]));
      expect(error.reason).toBe("batch_empty");
    });

    it("moves a closed batch along with its orders and tells each customer once", async () => {
      const phone = nextPhone();
      const placed = await order(phone, [{ sku: "abacaxi", quantityMilli: 1000 }]);
      const other = await order(nextPhone(), [{ sku: "abacaxi", quantityMilli: 2000 }]);
      const { batch } = await closeBatch(test.context, test.businessId, ["5584999990009"]);
      await changeOrderStatus(test.context, {
        businessId: test.businessId,
        order: { id: other.id },
        status: "on_the_way",
      });
      const onTheWay = await changeBatchStatus(test.context, {
        businessId: test.businessId,
        batch: "last_closed",
        status: "on_the_way",
      });
      expect(onTheWay.id).toBe(batch.id);
      const arrived = await changeBatchStatus(test.context, {
        businessId: test.businessId,
        batch: { id: batch.id },
        status: "arrived",
      });
      expect(arrived.status).toBe("arrived");
      const [stored] = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(stored?.status).toBe("arrived");
      const messages = (await test.context.db.select().from(notifications)).filter((row) => row.phone === phone);
      expect(messages.map((row) => (row.payload as { status: string }).status)).toEqual([
        "placed",
        "on_the_way",
        "arrived",
      ]);
      expect(placed.number).toBeGreaterThan(0);
    });

    it.each([
      ["skip a step", "delivered"],
      ["go back", "open"],
      ["close by status change", "closed"],
    ] as const)("refuses to %s", async (_label, status) => {
      await order(nextPhone(), [{ sku: "abacaxi", quantityMilli: 1000 }]);
      await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const error = await rejection(
        changeBatchStatus(test.context, { businessId: test.businessId, batch: "last_closed", status }),
      );
      expect(error.code).toBe("conflict");
    });

    it("changes one order by its number and refuses a transition PRODUCT.md does not have", async () => {
      const placed = await order(nextPhone(), [{ sku: "mamao", quantityMilli: 1000 }]);
      const error = await rejection(
        changeOrderStatus(test.context, {
          businessId: test.businessId,
          order: { number: placed.number },
          status: "delivered",
        }),
      );
      expect(error.code).toBe("conflict");
      const missing = await rejection(
        changeOrderStatus(test.context, {
          businessId: test.businessId,
          order: { number: 999_999 },
          status: "delivered",
        }),
      );
      expect(missing.code).toBe("not_found");
    });
  });

  describe("outboxes", () => {
    it("puts sheets an in-process runner held back in the job outbox after a restart", async () => {
      await order(nextPhone(), [{ sku: "uva", quantityMilli: 1000 }]);
      const closed = await closeBatch(test.context, test.businessId, ["5584999990009"]);
      const taken: SheetJob[] = [];
      await takeSheetsToEnqueue(test.context, 100, async (jobs) => {
        taken.push(...jobs);
      });
      expect(taken.map((job) => job.batchId)).toContain(closed.batch.id);
      // The packing workbook, the longest job, is queued before the close's provider sheets.
      const packingSheet = closed.batch.sheets.find((sheet) => sheet.provider === null);
      expect(taken.find((job) => job.batchId === closed.batch.id)?.sheetId).toBe(packingSheet?.id);
      expect(await requeueUnfinishedSheets(test.context)).toBeGreaterThanOrEqual(closed.batch.sheets.length);
      const again: SheetJob[] = [];
      await takeSheetsToEnqueue(test.context, 100, async (jobs) => {
        again.push(...jobs);
      });
      expect(again.filter((job) => job.batchId === closed.batch.id)).toHaveLength(closed.batch.sheets.length);
    });

    it("tells the last messages with a phone in time order, however long its history", async () => {
      const phone = nextPhone();
      const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));
      const clock = { ...test.context, now: () => at(0) };
      for (const [index, text] of ["um", "dois", "três", "quatro"].entries()) {
        const received = await receiveMessage(
          { ...clock, now: () => at(index * 10) },
          {
            businessId: test.businessId,
            transport: "test",
            messageId: `${phone}-${index}`,
            phone,
            text,
            receivedAt: at(index * 10),
          },
        );
        if (!received) throw new Error("message not recorded");
        const [reply] = await (
          await answerMessage(clock, {
            businessId: test.businessId,
            phone,
            inboundId: received.inboundId,
            state: null,
            replies: [{ text: `re ${text}` }],
          })
        ).result;
        if (!reply) throw new Error("reply not queued");
        await markNotificationsSent(clock, [
          { claim: reply, message: { text: `re ${text}` }, sentAt: at(index * 10 + 1) },
        ]);
      }
      const transcript = await getTranscript(test.context, test.businessId, phone, 3);
      expect(transcript.map((entry) => [entry.direction, entry.text])).toEqual([
        ["out", "re três"],
        ["in", "quatro"],
        ["out", "re quatro"],
      ]);
    });

    it("queues replies claimed by the sender that handles the message, for another to take over if it dies", async () => {
      const phone = nextPhone();
      const claimed = await (
        await answerMessage(test.context, {
          businessId: test.businessId,
          phone,
          inboundId: 999_000 + phoneCounter,
          state: null,
          replies: [{ text: "um" }, { text: "dois" }],
        })
      ).result;
      expect(claimed.map((reply) => [reply.payload, reply.attempts])).toEqual([
        [{ kind: "reply", text: "um" }, 1],
        [{ kind: "reply", text: "dois" }, 1],
      ]);
      const claim = { businessId: test.businessId, limit: 10, phone };
      expect(await claimDueNotifications(test.context, claim)).toEqual([]);
      // The sender died: its claim lapses.
      await test.context.db
        .update(notifications)
        .set({ claimedUntil: new Date(Date.now() - 1000) })
        .where(eq(notifications.phone, phone));
      const takenOver = await claimDueNotifications(test.context, claim);
      expect(takenOver.map((reply) => [reply.id, reply.attempts])).toEqual(claimed.map((reply) => [reply.id, 2]));
    });

    it("records sends in one statement, each with its own message and time, and only for the claim that made it", async () => {
      const phone = nextPhone();
      const [first, second, third] = await (
        await answerMessage(test.context, {
          businessId: test.businessId,
          phone,
          inboundId: 999_000 + phoneCounter,
          state: null,
          replies: [{ text: "um" }, { text: "dois" }, { text: "três" }],
        })
      ).result;
      if (!first || !second || !third) throw new Error("replies not claimed");
      const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));
      await markNotificationsSent(test.context, [
        { claim: first, message: { text: "um" }, sentAt: at(1) },
        // A claim another sender has taken over since: its record changes nothing.
        { claim: { id: second.id, attempts: second.attempts + 1 }, message: { text: "dois" }, sentAt: at(2) },
        {
          claim: third,
          message: { text: "três", document: { url: "https://example.test/a.xlsx", filename: "a.xlsx" } },
          sentAt: at(3),
        },
      ]);
      const rows = await test.context.db
        .select()
        .from(notifications)
        .where(eq(notifications.phone, phone))
        .orderBy(notifications.id);
      expect(rows.map((row) => [row.status, row.sentMessage, row.sentAt?.toISOString() ?? null])).toEqual([
        ["sent", { text: "um" }, at(1).toISOString()],
        ["sending", null, null],
        [
          "sent",
          { text: "três", document: { url: "https://example.test/a.xlsx", filename: "a.xlsx" } },
          at(3).toISOString(),
        ],
      ]);
      expect(rows.every((row) => row.status !== "sent" || row.claimedUntil === null)).toBe(true);
    });
  });

  describe("concurrency", () => {
    it("gives 50 parallel confirmations 50 distinct order numbers and loses no item", async () => {
      const phones = Array.from({ length: 50 }, nextPhone);
      const placed = await Promise.all(
        phones.map((phone) =>
          order(phone, [
            { sku: "laranja", quantityMilli: 1000 },
            { sku: "limao", quantityMilli: 500 },
          ]),
        ),
      );
      expect(new Set(placed.map((item) => item.number)).size).toBe(50);
      const stored = await listOrders(test.context, { businessId: test.businessId, batchId: placed[0]?.batchId });
      const ours = stored.filter((item) => phones.includes(item.phone));
      expect(ours).toHaveLength(50);
      expect(ours.every((item) => item.items.length === 2)).toBe(true);
    });

    it("merges parallel confirmations of one customer into one order", async () => {
      const phone = nextPhone();
      const placed = await Promise.all(
        Array.from({ length: 10 }, () => order(phone, [{ sku: "cenoura", quantityMilli: 1000 }])),
      );
      expect(new Set(placed.map((item) => item.id)).size).toBe(1);
      const [stored] = await listOrders(test.context, { businessId: test.businessId, phone });
      expect(stored?.items[0]?.quantityMilli).toBe(10_000);
    });

    it("puts every order confirmed while the batch closes in exactly one batch", async () => {
      const phones = Array.from({ length: 40 }, nextPhone);
      const confirmations = phones.map((phone, index) =>
        new Promise((resolve) => setTimeout(resolve, index)).then(() =>
          order(phone, [{ sku: "chuchu", quantityMilli: 1000 }]),
        ),
      );
      const close = new Promise((resolve) => setTimeout(resolve, 15)).then(() =>
        closeBatch(test.context, test.businessId, ["5584999990009"]),
      );
      const [placed, closed] = await Promise.all([Promise.all(confirmations), close]);
      const stored = (await listOrders(test.context, { businessId: test.businessId })).filter((item) =>
        phones.includes(item.phone),
      );
      expect(stored).toHaveLength(40);
      const inClosed = stored.filter((item) => item.batchId === closed.batch.id);
      const inNext = stored.filter((item) => item.batchId === closed.nextBatch.id);
      expect(inClosed.length + inNext.length).toBe(40);
      expect(inClosed.every((item) => item.status === "placed")).toBe(true);
      expect(inNext.every((item) => item.status === "received")).toBe(true);
      expect(new Set(placed.map((item) => item.id)).size).toBe(40);
      const lines = await test.context.db.select().from(orderItems);
      expect(lines.filter((line) => stored.some((item) => item.id === line.orderId))).toHaveLength(40);
    });
  });
});
