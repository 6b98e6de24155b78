import type { IntentHandler } from "../turn.ts";

/** A greeting, "menu", "ajuda": what the bot can do. */
export const help: IntentHandler = async (turn) => [turn.messages.help({ entrepreneur: turn.input.entrepreneur })];
