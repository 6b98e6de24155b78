import { Router } from "express";
import { changeOrderStatus } from "../app/change-order-status.ts";
import type { CoreContext } from "../app/context.ts";
import { AppError, conflict, notFound } from "../app/errors.ts";
import { getOrder } from "../app/get-order.ts";
import { listOrders, type OrderView } from "../app/list-orders.ts";
import { listUnpaidOrders } from "../app/list-unpaid-orders.ts";
import { placeOrder } from "../app/place-order.ts";
import { recordDeliveredQuantities } from "../app/record-delivered-quantities.ts";
import { recordPayment } from "../app/record-payment.ts";
import { parseInput } from "../app/validation.ts";
import { formatCents } from "../domain/money.ts";
import { normalizePhone } from "../domain/phone.ts";
import type { PixSettings } from "../domain/pix.ts";
import { principalOf, requireEntrepreneur } from "./auth.ts";
import {
  deliveredQuantitiesBody,
  idParam,
  listOrdersQuery,
  orderStatusBody,
  paymentBody,
  placeOrderBody,
} from "./request-schemas.ts";
import { orderJson, unpaidOrderJson } from "./views.ts";

export function ordersRouter(context: CoreContext, businessId: number, pix: PixSettings | null): Router {
  const router = Router();
  // An order owed carries its Pix code, made from the settings each time it is shown.
  const toJson = (order: OrderView) => orderJson(order, pix);

  router.get("/api/v1/orders", async (request, response) => {
    const query = parseInput(listOrdersQuery, request.query);
    const principal = principalOf(response);
    let phone = query.phone;
    if (principal.role === "customer") {
      if (phone !== undefined && normalizePhone(phone) !== principal.phone) {
        throw new AppError("forbidden", "forbidden", "a customer may read only its own orders");
      }
      phone = principal.phone;
    }
    const orders = await listOrders(context, { businessId, batchId: query.batch, status: query.status, phone });
    response.json({ orders: orders.map(toJson) });
  });

  router.get("/api/v1/payments/due", requireEntrepreneur, async (_request, response) => {
    const unpaid = await listUnpaidOrders(context, businessId);
    response.json({ orders: unpaid.orders.map(unpaidOrderJson), total: formatCents(unpaid.totalDueCents) });
  });

  router.get("/api/v1/orders/:id", async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const order = await getOrder(context, businessId, { id });
    if (!order) throw notFound("order_not_found", "order not found");
    const principal = principalOf(response);
    if (principal.role === "customer" && principal.phone !== order.phone) {
      throw new AppError("forbidden", "forbidden", "a customer may read only its own orders");
    }
    response.json(toJson(order));
  });

  router.post("/api/v1/orders", requireEntrepreneur, async (request, response) => {
    const body = parseInput(placeOrderBody, request.body);
    const order = await placeOrder(context, {
      businessId,
      phone: body.phone,
      name: body.name,
      items: body.items.map((item) => ({ sku: item.sku, quantityMilli: item.quantity, replace: item.replace })),
    });
    response.status(201).json(toJson(order));
  });

  router.patch("/api/v1/orders/:id", requireEntrepreneur, async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const body = parseInput(orderStatusBody, request.body);
    const order = await changeOrderStatus(context, { businessId, order: { id }, status: body.status });
    response.json(toJson(order));
  });

  router.put("/api/v1/orders/:id/delivered", requireEntrepreneur, async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const body = parseInput(deliveredQuantitiesBody, request.body);
    const [recorded] = await recordDeliveredQuantities(context, {
      businessId,
      orders: [
        { order: { id }, items: body.items.map((item) => ({ product: item.sku, quantityMilli: item.quantity })) },
      ],
    });
    if (!recorded) throw new Error("recordDeliveredQuantities answered no order");
    response.json(toJson(recorded.order));
  });

  router.post("/api/v1/orders/:id/payment", requireEntrepreneur, async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    parseInput(paymentBody, request.body);
    const outcome = await recordPayment(context, { businessId, order: { id } });
    if (outcome.kind === "already_paid") {
      throw conflict(
        "already_paid",
        `order #${outcome.order.number} was already paid at ${outcome.order.payment.paidAt?.toISOString()}`,
      );
    }
    response.json(toJson(outcome.order));
  });

  return router;
}
