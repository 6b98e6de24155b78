import type { TestSystem } from "./test-system.ts";

let sequence = 0;

/** A person chatting through the simulator: each `say` returns the texts the bot sent back while handling it. */
export function chatAs(system: TestSystem, phone: string, name?: string) {
  return {
    phone,
    async say(text: string, id = `${phone}-${Date.now()}-${++sequence}`): Promise<string[]> {
      const { status, body } = await system.request(
        "POST",
        "/sim/messages",
        { from: phone, text, id, ...(name ? { name } : {}) },
        null,
      );
      if (status !== 200) throw new Error(`simulator answered ${status}: ${JSON.stringify(body)}`);
      return body.replies.map((reply: { text: string }) => reply.text);
    },
    async transcript(): Promise<
      {
        direction: string;
        text: string;
        document?: { url: string; filename: string };
        image?: { url: string; filename: string };
      }[]
    > {
      const { body } = await system.request("GET", `/sim/messages?phone=${phone}`, undefined, null);
      return body.messages;
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
