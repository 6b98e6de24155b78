import {
  SIMULATOR_PATHS,
  type SimulatorEvent,
  simulatorAnswer,
  simulatorTranscript,
} from "../../bot/transports/simulator/simulator-wire.ts";
import type { TestSystem } from "./test-system.ts";

let sequence = 0;

/** A person chatting through the simulator: each `say` returns the texts the bot sent back while handling it. */
export function chatAs(system: TestSystem, phone: string, name?: string) {
  return {
    phone,
    async say(text: string, id = `${phone}-${Date.now()}-${++sequence}`): Promise<string[]> {
      const { status, body } = await system.request(
        "POST",
        SIMULATOR_PATHS.messages,
        { from: phone, text, id, ...(name ? { name } : {}) },
        null,
      );
      if (status !== 200) throw new Error(`simulator answered ${status}: ${JSON.stringify(body)}`);
      // Read as the simulator's clients read it: every conversation test checks the wire format too.
      return simulatorAnswer.parse(body).replies.map((reply) => reply.text);
    },
    async transcript(): Promise<SimulatorEvent[]> {
      const { body } = await system.request("GET", `${SIMULATOR_PATHS.messages}?phone=${phone}`, undefined, null);
      return simulatorTranscript.parse(body).messages;
    },
  };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}
