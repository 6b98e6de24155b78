import readline from "node:readline";
import {
  type SimulatorEvent,
  type SimulatorReply,
  simulatorClosing,
  simulatorEvent,
} from "../../bot/transports/simulator/simulator-wire.ts";
import type { ChatOptions } from "./chat-arguments.ts";
import { EchoFilter } from "./echo-filter.ts";
import { serverSentEvents } from "./server-sent-events.ts";
import { ChatError, SimulatorClient } from "./simulator-client.ts";
import { TerminalFormat } from "./terminal-format.ts";
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, TypedMessages } from "./typed-messages.ts";

const QUIT_COMMANDS = new Set(["/sair", "/quit", "/exit"]);

/**
 * One terminal conversation. Replies to a typed line are printed from the POST's answer; the event stream adds what
 * arrives at other times (notifications, sheet links, lines sent as this phone elsewhere). The stream also carries
 * copies of our own lines and of the replies, which are recognised and dropped so nothing shows twice.
 */
export class ChatSession {
  private readonly client: SimulatorClient;
  private readonly format: TerminalFormat;
  private readonly events = new AbortController();
  private readonly echoes = new EchoFilter();
  /** Bot messages seen on the stream while a POST is out: its replies are among them. */
  private heldDuringSend: SimulatorEvent[] | null = null;
  private prompt: readline.Interface | null = null;
  private closing = false;
  private failures = 0;
  /** The event stream dropped (the server stopped or restarted): said once, and said again when it is back. */
  private away = false;

  constructor(
    private readonly options: ChatOptions,
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
    private readonly errors: NodeJS.WriteStream,
  ) {
    this.client = new SimulatorClient(options);
    this.format = new TerminalFormat(output.isTTY === true && !process.env.NO_COLOR);
  }

  async run(): Promise<number> {
    let stream: ReadableStream<Uint8Array>;
    try {
      stream = await this.client.openEvents(this.events.signal);
    } catch (error) {
      this.fail(error);
      return 1;
    }
    const following = this.followEvents(stream);
    const who = this.options.name ? `${this.options.phone} (${this.options.name})` : this.options.phone;
    this.output.write(
      `Talking to SISCONF at ${this.options.baseUrl.origin} as ${who}. Type /sair or press Ctrl-D to leave.\n`,
    );
    const terminal = this.input.isTTY === true && this.output.isTTY === true;
    const prompt = readline.createInterface({ input: this.input, output: this.output, terminal, prompt: "> " });
    this.prompt = prompt;
    prompt.on("SIGINT", () => prompt.close());
    // Stopped from outside, it leaves as on Ctrl-C: the terminal gets its paste mode back.
    const leave = () => prompt.close();
    process.once("SIGTERM", leave);
    let queue = Promise.resolve();
    const finished = new Promise<void>((resolve) => prompt.once("close", resolve));
    new TypedMessages(prompt, this.input, (typed) => {
      const text = typed.trim();
      if (QUIT_COMMANDS.has(text.toLowerCase())) {
        prompt.close();
        return;
      }
      if (text.length === 0) {
        if (terminal) prompt.prompt();
        return;
      }
      queue = queue.then(() => this.send(text)).catch((error: unknown) => this.fail(error));
    });
    if (terminal) {
      this.output.write(BRACKETED_PASTE_ON);
      prompt.prompt();
    }
    await finished;
    process.off("SIGTERM", leave);
    if (terminal) this.output.write(BRACKETED_PASTE_OFF);
    // Lines already typed (or piped) are still sent and answered before leaving.
    await queue;
    this.closing = true;
    this.prompt = null;
    this.events.abort();
    await following;
    // After /sair the input may still be open (a pipe), and an open stdin would keep the process running.
    this.input.destroy();
    if (terminal) this.output.write("\n");
    return this.failures > 0 ? 1 : 0;
  }

  /** Keeps reading the stream, and opens it again after a drop, until the session ends. */
  private async followEvents(first: ReadableStream<Uint8Array>): Promise<void> {
    let stream: ReadableStream<Uint8Array> | null = first;
    let delay = 1000;
    while (!this.closing) {
      if (stream) {
        try {
          for await (const data of serverSentEvents(stream)) {
            delay = 1000;
            this.receive(data);
          }
        } catch {
          // A dropped stream: opened again below unless the session is ending.
        }
      }
      if (this.closing) return;
      this.serverAway("the connection to SISCONF dropped");
      stream = null;
      await sleep(delay, this.events.signal);
      delay = Math.min(delay * 2, 15_000);
      if (this.closing) return;
      try {
        stream = await this.client.openEvents(this.events.signal);
        this.away = false;
        this.printAsync(this.format.dim("(connected to SISCONF again)\n"));
      } catch {
        // Still unreachable: try again after the next pause.
      }
    }
  }

  private serverAway(why: string): void {
    if (this.away || this.closing) return;
    this.away = true;
    this.printAsync(this.format.dim(`(${why}; trying again until it is back, /sair to leave)\n`));
  }

  private receive(data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    if (simulatorClosing.safeParse(parsed).success) {
      this.serverAway("SISCONF stopped");
      return;
    }
    const event = simulatorEvent.safeParse(parsed);
    if (!event.success) return;
    const message = event.data;
    if (message.direction === "out" && this.heldDuringSend) {
      this.heldDuringSend.push(message);
      return;
    }
    if (this.echoes.take(message.direction, message.text, message.document?.url)) return;
    this.printAsync(
      message.direction === "out"
        ? this.format.botMessage(message)
        : `${this.format.dim(`(${this.options.phone}, elsewhere)`)} > ${message.text}\n`,
    );
  }

  private async send(text: string): Promise<void> {
    this.echoes.expect("in", text, undefined);
    const held: SimulatorEvent[] = [];
    this.heldDuringSend = held;
    let output = "";
    try {
      const replies = await this.client.send(text);
      for (const reply of replies) {
        output += this.format.botMessage(reply);
        if (!dropCopy(held, reply)) this.echoes.expect("out", reply.text, reply.document?.url);
      }
      if (replies.length === 0) output += this.format.dim("(no reply)\n");
    } catch (error) {
      this.fail(error);
    } finally {
      this.heldDuringSend = null;
    }
    // What the stream brought meanwhile that was not a reply: notifications that happened to come during the send.
    for (const event of held) output += this.format.botMessage(event);
    this.printAsync(output);
  }

  private fail(error: unknown): void {
    this.failures++;
    const message = error instanceof ChatError ? error.message : `unexpected error: ${String(error)}`;
    this.printAsync("", `sisconf: ${message}\n`);
  }

  /** Prints above the prompt line without losing what is being typed. */
  private printAsync(text: string, errorText = ""): void {
    if (!text && !errorText) return;
    const prompt = this.prompt?.terminal ? this.prompt : null;
    if (prompt) {
      readline.clearLine(this.output, 0);
      readline.cursorTo(this.output, 0);
    }
    if (errorText) this.errors.write(errorText);
    if (text) this.output.write(text);
    if (prompt) prompt.prompt(true);
  }
}

/** Takes the stream's copy of a reply out of what it brought during the send; false when it has not come yet. */
function dropCopy(held: SimulatorEvent[], reply: SimulatorReply): boolean {
  const copy = held.findIndex((event) => event.text === reply.text && event.document?.url === reply.document?.url);
  if (copy < 0) return false;
  held.splice(copy, 1);
  return true;
}

function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
