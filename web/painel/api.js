import { currentToken } from "./auth.js";

/** A refusal from the API: its status and its `{"error", "reason"}`, never a stack trace. */
export class ApiError extends Error {
  constructor(status, message, reason) {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

/** Calls the API with the session's bearer token; a network failure is an ApiError with status 0. */
export async function api(method, path, body) {
  const token = currentToken();
  let response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: "omit",
      headers: {
        accept: "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "network");
  }
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const message = typeof answer?.error === "string" ? answer.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, answer?.reason);
  }
  return answer;
}
