import type { SimulatorReply } from "../../bot/transports/simulator/simulator-wire.ts";

const PREFIX = "SISCONF: ";

/** How the bot's messages look in the terminal: in colour where the terminal has it, WhatsApp's styles as ANSI. */
export class TerminalFormat {
  constructor(private readonly color: boolean) {}

  botMessage(message: SimulatorReply): string {
    const indent = " ".repeat(PREFIX.length);
    const text = this.color ? whatsappToAnsi(message.text) : message.text;
    const lines = text.split("\n").map((line, index) => (index === 0 || line === "" ? line : `${indent}${line}`));
    let shown = `${this.color ? `\u001b[32m${PREFIX}\u001b[39m` : PREFIX}${lines.join("\n")}\n`;
    if (message.document) shown += `${indent}📄 ${message.document.filename}: ${message.document.url}\n`;
    return shown;
  }

  dim(text: string): string {
    return this.color ? `\u001b[2m${text}\u001b[22m` : text;
  }
}

/** WhatsApp's rule: a marker opens after a line start or a non-word character and closes before one. */
const STYLES: ReadonlyArray<{ pattern: RegExp; open: string; close: string }> = [
  { marker: "\\*", open: "\u001b[1m", close: "\u001b[22m" },
  { marker: "_", open: "\u001b[3m", close: "\u001b[23m" },
  { marker: "~", open: "\u001b[9m", close: "\u001b[29m" },
].map(({ marker, open, close }) => ({
  pattern: new RegExp(
    `(^|[^\\p{L}\\p{N}*_~])${marker}(?![\\s*_~])([^\\n]*?[^\\s])${marker}(?![\\p{L}\\p{N}*_~])`,
    "gmu",
  ),
  open,
  close,
}));

/** WhatsApp formatting as ANSI styles. */
export function whatsappToAnsi(text: string): string {
  return STYLES.reduce((styled, { pattern, open, close }) => styled.replace(pattern, `$1${open}$2${close}`), text);
}
