import { describe, expect, it } from "vitest";
import { AppError, conflict, invalidInput, notFound, unprocessable } from "../../core/app/errors.ts";

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
    const failure = error.failure;
    expect(failure).toMatchObject({ code: "conflict", reason: "invalid_transition" });
    // Narrowed by its reason, the failure's details need no cast.
    if (failure.reason === "invalid_transition") expect(failure.details.number).toBe(3);
    else expect.unreachable();
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
