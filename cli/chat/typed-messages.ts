import type readline from "node:readline";

/** Asks the terminal to mark pasted text (bracketed paste), and to stop doing so. */
export const BRACKETED_PASTE_ON = "\u001b[?2004h";
export const BRACKETED_PASTE_OFF = "\u001b[?2004l";

/**
 * Groups the lines entered at a terminal prompt into messages, as WhatsApp would send them: a line typed and ended
 * with Enter is a message; lines pasted together are one message, sent when the paste ends with a newline or, when
 * it ends mid-line, with the Enter that finishes that line. A paste is known by the terminal's bracketed-paste
 * marks where it has them, and otherwise by lines arriving in one read of the input (nobody types two Enters in
 * one read). Input that is not a terminal (a pipe, a script) sends each line as a message.
 */
export class TypedMessages {
  private lines: string[] = [];
  private pasting = false;
  private checking = false;

  constructor(
    private readonly prompt: readline.Interface,
    input: NodeJS.ReadStream,
    private readonly onMessage: (text: string) => void,
  ) {
    const grouping = prompt.terminal;
    if (grouping) {
      input.on("keypress", (_sequence: string | undefined, key: readline.Key | undefined) => {
        if (key?.name === "paste-start") this.pasting = true;
        else if (key?.name === "paste-end") {
          this.pasting = false;
          this.checkAfterRead();
        }
      });
    }
    prompt.on("line", (line: string) => {
      if (!grouping) {
        onMessage(line);
        return;
      }
      this.lines.push(line);
      this.checkAfterRead();
    });
  }

  /** Once the current read of the input is processed: sends what was entered unless more of it is still coming. */
  private checkAfterRead(): void {
    if (this.checking) return;
    this.checking = true;
    setImmediate(() => {
      this.checking = false;
      if (this.pasting || this.prompt.line !== "" || this.lines.length === 0) return;
      const text = this.lines.join("\n");
      this.lines = [];
      this.onMessage(text);
    });
  }
}
