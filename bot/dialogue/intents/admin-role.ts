import { readAdminCommand, runAdminCommand } from "../admin-commands.ts";
import { messagesFor } from "../locale.ts";
import type { IntentHandler } from "../turn.ts";

/** "adicionar admin 5584…", "remover admin …": grants or takes the entrepreneur's role, answered in its language. */
export const adminRole: IntentHandler = async (turn) => {
  const { input } = turn;
  const command = readAdminCommand(turn.text);
  if (!command || !input.identity) return [turn.messages.fallback()];
  input.conversation.locale = command.language;
  return [
    await runAdminCommand({
      identity: input.identity,
      businessId: input.businessId,
      senderPhone: input.phone,
      command,
      messages: messagesFor(command.language),
    }),
  ];
};
