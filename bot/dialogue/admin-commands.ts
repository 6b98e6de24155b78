import type { CoreContext } from "../../core/app/context.ts";
import { requestRoleChange } from "../../core/app/request-role-change.ts";
import type { RoleChangeOutcome } from "../../core/app/send-notifications.ts";
import { normalizePhone } from "../../core/domain/phone.ts";
import type { Locale } from "./locale.ts";
import type { Messages } from "./messages/messages.ts";

/** "adicionar admin 5584…", "remover admin +55 84 …", "add admin …", "remove admin …". */
export interface AdminCommand {
  action: "grant" | "revoke";
  /** What followed the command, as written. */
  target: string;
  language: Locale;
}

const COMMAND =
  /^\s*(adicionar|adiciona|add|remover|remove|tirar|tira)\s+(?:o\s+|a\s+|an\s+)?(administradora|administrador|admin)\b\s*(.*?)\s*[.!]*\s*$/i;
const GRANT_WORDS = new Set(["adicionar", "adiciona", "add"]);
const ENGLISH_WORDS = new Set(["add", "remove"]);

/** The admin command a message is, or null when it is something else. */
export function readAdminCommand(text: string): AdminCommand | null {
  const match = COMMAND.exec(text);
  if (!match) return null;
  const verb = (match[1] ?? "").toLowerCase();
  return {
    action: GRANT_WORDS.has(verb) ? "grant" : "revoke",
    target: match[3] ?? "",
    language: ENGLISH_WORDS.has(verb) ? "en" : "pt-BR",
  };
}

/**
 * Asks for an entrepreneur's admin command to be carried out once the message's transaction committed (the identity
 * provider is another system: requestRoleChange). Answers the reply when the command is refused here (a phone that
 * is not one; an entrepreneur cannot take the role from itself, it would lock itself out), or null when it was
 * recorded: the outcome follows as its own message (roleChangeText). The caller checked that the sender is an
 * entrepreneur.
 */
export async function runAdminCommand(input: {
  context: CoreContext;
  businessId: number;
  senderPhone: string;
  command: AdminCommand;
  messages: Messages;
}): Promise<string | null> {
  const { messages, command } = input;
  const phone = normalizePhone(command.target);
  if (!phone) return messages.adminPhoneInvalid(command.target);
  if (command.action === "revoke" && phone === input.senderPhone) return messages.adminSelfRevoke();
  await requestRoleChange(input.context, {
    businessId: input.businessId,
    requestedBy: input.senderPhone,
    phone,
    action: command.action,
    language: command.language,
  });
  return null;
}

/** The entrepreneur's answer once the identity carried out (or could not) an admin command for `phone`. */
export function roleChangeText(messages: Messages, phone: string, outcome: RoleChangeOutcome): string {
  switch (outcome) {
    case "granted":
      return messages.adminGranted(phone);
    case "already_entrepreneur":
      return messages.adminAlready(phone);
    case "revoked":
      return messages.adminRevoked(phone);
    case "not_entrepreneur":
      return messages.adminNotAdmin(phone);
    case "fixed_by_configuration":
      return messages.adminsFixed();
    case "unavailable":
      return messages.adminUnavailable();
  }
}
