import { parseChatArguments } from "../chat/chat-arguments.ts";
import { ChatSession } from "../chat/chat-session.ts";

const USAGE = "usage: sisconf chat --as PHONE [--name NAME] [--url URL]\n";

/** `sisconf chat`: talk to a running SISCONF as a phone, through its simulator transport. */
export async function chatCommand(args: string[]): Promise<number> {
  const options = parseChatArguments(args, process.env);
  if ("problem" in options) {
    process.stderr.write(`sisconf chat: ${options.problem}\n${USAGE}`);
    return 2;
  }
  return new ChatSession(options, process.stdin, process.stdout, process.stderr).run();
}
