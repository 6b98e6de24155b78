import { readAdminCommand, runAdminCommand } from "../admin-commands.ts";
import { messagesFor } from "../locale.ts";
import type { IntentHandler } from "../turn.ts";

/**
 * "adicionar admin 5584…", "remover admin …": grants or takes the entrepreneur's role, answered in its language once
 * the identity carried it out, after the message committed; a refusal (a bad phone) is answered at once.
 */
export const adminRole: IntentHandler = async (turn) => {
  const { input } = turn;
  const command = readAdminCommand(turn.text);
  if (!command) return [turn.messages.fallback()];
  input.conversation.locale = command.language;
  const refused = await runAdminCommand({
    context: input.context,
    businessId: input.businessId,
    senderPhone: input.phone,
    command,
    messages: messagesFor(command.language),
  });
  return refused === null ? [] : [refused];
};
