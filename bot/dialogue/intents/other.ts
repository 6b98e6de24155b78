import type { IntentHandler } from "../turn.ts";

const THANKS = /\b(obrigad[oa]s?|valeu|brigad[oa]|thanks?|thank you|vlw)\b/i;

/** Anything else: thanks get thanks back; the rest a short hint of what the bot does. */
export const other: IntentHandler = async (turn) => [
  THANKS.test(turn.text) ? turn.messages.thanks() : turn.messages.fallback(),
];
