import { Router } from "express";
import { changeOrderStatus } from "../app/change-order-status.ts";
import type { CoreContext } from "../app/context.ts";
import { AppError, notFound } from "../app/errors.ts";
import { listOrders } from "../app/list-orders.ts";
import { placeOrder } from "../app/place-order.ts";
import { parseInput } from "../app/validation.ts";
import { findOrders } from "../db/order-queries.ts";
import { normalizePhone } from "../domain/phone.ts";
import { principalOf, requireEntrepreneur } from "./auth.ts";
import { idParam, listOrdersQuery, orderStatusBody, placeOrderBody } from "./request-schemas.ts";
import { orderJson } from "./views.ts";

export function ordersRouter(context: CoreContext, businessId: number): Router {
  const router = Router();

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
    response.json({ orders: orders.map(orderJson) });
  });

  router.get("/api/v1/orders/:id", async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const [order] = await findOrders(context.db, { businessId, orderIds: [id] });
    if (!order) throw notFound("order_not_found", "order not found");
    const principal = principalOf(response);
    if (principal.role === "customer" && principal.phone !== order.phone) {
      throw new AppError("forbidden", "forbidden", "a customer may read only its own orders");
    }
    response.json(orderJson(order));
  });

  router.post("/api/v1/orders", requireEntrepreneur, async (request, response) => {
    const body = parseInput(placeOrderBody, request.body);
    const order = await placeOrder(context, {
      businessId,
      phone: body.phone,
      name: body.name,
      items: body.items.map((item) => ({ sku: item.sku, quantityMilli: item.quantity, replace: item.replace })),
    });
    response.status(201).json(orderJson(order));
  });

  router.patch("/api/v1/orders/:id", requireEntrepreneur, async (request, response) => {
    const id = parseInput(idParam, request.params.id, () => "id");
    const body = parseInput(orderStatusBody, request.body);
    const order = await changeOrderStatus(context, { businessId, order: { id }, status: body.status });
    response.json(orderJson(order));
  });

  return router;
}
