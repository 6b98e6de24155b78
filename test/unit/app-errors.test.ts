import { describe, expect, it } from "vitest";
import { AppError, conflict, failureOf, invalidInput, notFound, unprocessable } from "../../core/app/errors.ts";

describe("AppError carries one of a closed set of reasons, each under its own code", () => {
  it.each([
    [invalidInput("no_items", "an order needs at least one item"), "invalid_input", "no_items"],
    [notFound("order_not_found", "order not found"), "not_found", "order_not_found"],
    [conflict("order_closed", "closed"), "conflict", "order_closed"],
    [unprocessable("unknown_sku", "unknown", { skus: ["x"] }), "unprocessable", "unknown_sku"],
    [new AppError("unauthorized", "bad_signature", "wrong signature"), "unauthorized", "bad_signature"],
  ])("builds %s with its code and reason", (error, code, reason) => {
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.reason).toBe(reason);
  });

  it("reads a refusal back as a value whose details follow its reason", () => {
    const error = conflict("invalid_transition", "order #3 is delivered and cannot become received", {
      entity: "order",
      number: 3,
      from: "delivered",
      to: "received",
    });
    const failure = failureOf(error, "invalid_transition", "order_closed");
    expect(failure?.reason).toBe("invalid_transition");
    if (failure?.reason === "invalid_transition") expect(failure.details.number).toBe(3);
  });

  it("reads no failure from another reason or from an error that is not an AppError", () => {
    expect(failureOf(notFound("batch_not_found", "no batch"), "order_not_found")).toBeNull();
    expect(failureOf(new Error("outage"), "order_not_found")).toBeNull();
  });

  it("lets the compiler refuse a reason that does not exist or travels under another code", () => {
    // The lines below are the test: `tsc --noEmit` fails if any of them compiles.
    // @ts-expect-error "order_vanished" is no reason
    expect(() => notFound("order_vanished", "x")).not.toThrow();
    // @ts-expect-error "order_closed" is a conflict, not a not_found
    expect(new AppError("not_found", "order_closed", "x").code).toBe("not_found");
    const error: AppError = conflict("batch_empty", "batch 3 has no orders to close");
    // @ts-expect-error a typo in a match is a comparison the compiler knows can never be true
    expect(error.reason === "batch_emtpy").toBe(false);
  });
});
