import { expect } from "vitest";
import { AppError } from "../../core/app/errors.ts";

/** The AppError a use case refused with, failing the test when it succeeded or threw anything else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
