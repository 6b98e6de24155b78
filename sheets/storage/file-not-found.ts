import { AppError, notFound } from "../../core/app/errors.ts";

/** The port's answer for a key nothing is stored under, the same from every adapter. */
export function fileNotFound(key: string): AppError {
  return notFound("file_not_found", `no file is stored under "${key}"`);
}

export function isFileNotFound(error: unknown): boolean {
  return error instanceof AppError && error.reason === "file_not_found";
}
