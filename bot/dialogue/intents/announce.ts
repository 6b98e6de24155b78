import { ANNOUNCEMENT_MAX_LENGTH, announceToCustomers } from "../../../core/app/announce-to-customers.ts";
import { countCustomers } from "../../../core/app/count-customers.ts";
import { readWeekCommand } from "../../understand/week-commands.ts";
import type { IntentHandler } from "../turn.ts";

/** "avisar clientes: <texto>": queued at once to every customer who has not said "parar"; sent at the transport's pace. */
export const announce: IntentHandler = async (turn) => {
  const { input, messages } = turn;
  const command = readWeekCommand(turn.text);
  if (command?.kind !== "announce") return [messages.fallback()];
  if (command.text === "") return [messages.announcementEmpty()];
  if (command.text.length > ANNOUNCEMENT_MAX_LENGTH) return [messages.announcementTooLong(ANNOUNCEMENT_MAX_LENGTH)];
  const { entrepreneurPhones } = input;
  const { recipients } = await announceToCustomers(input.context, {
    businessId: input.businessId,
    text: command.text,
    sentBy: input.phone,
    entrepreneurPhones,
  });
  const { stopped } = await countCustomers(input.context, { businessId: input.businessId, entrepreneurPhones });
  return [messages.announcementQueued(recipients, stopped)];
};
