import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  SIMULATOR_PATHS,
  type SimulatorPost,
  type SimulatorReply,
  simulatorAnswer,
} from "../../bot/transports/simulator/simulator-wire.ts";
import type { ChatOptions } from "./chat-arguments.ts";

const REQUEST_TIMEOUT_MS = 60_000;
const errorBody = z.object({ error: z.string() });

/** A failure the person can act on: printed as is, ends the session with exit code 1. */
export class ChatError extends Error {}

/** The simulator of a running SISCONF over HTTP, as one phone: its event stream and its messages. */
export class SimulatorClient {
  constructor(private readonly options: ChatOptions) {}

  /** The phone's event stream; a refusal or an unreachable server is a ChatError saying what to do. */
  async openEvents(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const url = this.endpoint(`${SIMULATOR_PATHS.events}?phone=${encodeURIComponent(this.options.phone)}`);
    const response = await this.reach(url, { headers: this.headers({ accept: "text/event-stream" }), signal });
    if (!response.ok) throw await this.refusal(response);
    if (!response.body) throw new ChatError(`SISCONF at ${this.options.baseUrl.origin} sent no event stream`);
    return response.body;
  }

  /** Sends a line as the phone and answers the bot's replies to it. */
  async send(text: string): Promise<SimulatorReply[]> {
    const body: SimulatorPost = {
      from: this.options.phone,
      text,
      ...(this.options.name ? { name: this.options.name } : {}),
      id: `cli-${randomUUID()}`,
    };
    const response = await this.reach(this.endpoint(SIMULATOR_PATHS.messages), {
      method: "POST",
      headers: this.headers({ "content-type": "application/json", accept: "application/json" }),
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) throw await this.refusal(response);
    const answer = simulatorAnswer.safeParse(await response.json().catch(() => null));
    if (!answer.success) {
      throw new ChatError(`SISCONF at ${this.options.baseUrl.origin} answered in a shape not understood`);
    }
    return answer.data.replies;
  }

  private endpoint(pathAndQuery: string): string {
    // Keeps a path the server may be mounted under (behind a proxy).
    const base = this.options.baseUrl;
    return new URL(`${base.pathname.replace(/\/+$/, "")}${pathAndQuery}`, base).href;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) };
  }

  /** fetch, with "could not reach" for a server that is not there; a request the session aborted stays an abort. */
  private async reach(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError" && init.signal?.aborted) throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const reason =
        cause instanceof Error
          ? "code" in cause && typeof cause.code === "string"
            ? cause.code
            : cause.message
          : String(cause);
      throw new ChatError(`could not reach SISCONF at ${this.options.baseUrl.origin} (${reason})`);
    }
  }

  private async refusal(response: Response): Promise<ChatError> {
    const body = errorBody.safeParse(await response.json().catch(() => null));
    const reason = body.success ? body.data.error : `${response.status} ${response.statusText}`.trim();
    const origin = this.options.baseUrl.origin;
    if (response.status === 401 || response.status === 403) {
      const hint = this.options.token ? "" : " (set API_TOKEN to the server's API token)";
      return new ChatError(`SISCONF at ${origin} refused the simulator: ${reason}${hint}`);
    }
    if (response.status === 404) {
      return new ChatError(`SISCONF at ${origin} has no simulator: is it running with BOT_TRANSPORT=simulator?`);
    }
    if (response.status === 400 || response.status === 422) return new ChatError(`not sent: ${reason}`);
    return new ChatError(`SISCONF at ${origin} answered ${response.status}: ${reason}`);
  }
}
