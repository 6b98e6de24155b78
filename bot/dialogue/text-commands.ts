import { readWeekCommand, type WeekCommand } from "../understand/week-commands.ts";
import { readAdminCommand } from "./admin-commands.ts";
import { adminRole } from "./intents/admin-role.ts";
import { announce } from "./intents/announce.ts";
import { announcementConsent } from "./intents/announcement-consent.ts";
import { changeAvailability, isAvailabilityCommand } from "./intents/change-availability.ts";
import { changePrice, isPriceCommand } from "./intents/change-price.ts";
import { closeSchedule } from "./intents/close-schedule.ts";
import { countCustomers } from "./intents/count-customers.ts";
import { redoSheets } from "./intents/redo-sheets.ts";
import { isSheetLinksCommand, resendSheetLinks } from "./intents/resend-sheet-links.ts";
import { isSendToProvidersCommand, sendToProviders } from "./intents/send-to-providers.ts";
import type { IntentHandler } from "./turn.ts";

const weekCommand =
  (...kinds: WeekCommand["kind"][]) =>
  (text: string) => {
    const command = readWeekCommand(text);
    return command !== null && kinds.includes(command.kind);
  };

/**
 * The entrepreneur's commands read from the raw text before the reader's intents: they carry phone numbers and words
 * the reader would take for items. A customer gets the ordinary fallback, unless `anyone` may say it. A new one is a file in intents/ and a line.
 */
export const TEXT_COMMANDS: {
  matches(text: string): boolean;
  handle: IntentHandler;
  /** Customers may say it too ("parar", "voltar"). */
  anyone?: true;
}[] = [
  {
    matches: (text) => /^\s*(refazer|refaz|redo|retry)\s+(as\s+)?(planilhas?|sheets?)\s*[.!]*\s*$/i.test(text),
    handle: redoSheets,
  },
  { matches: (text) => readAdminCommand(text) !== null, handle: adminRole },
  { matches: weekCommand("announce"), handle: announce },
  { matches: weekCommand("stop_announcements", "resume_announcements"), handle: announcementConsent, anyone: true },
  { matches: weekCommand("close_schedule", "close_schedule_off"), handle: closeSchedule },
  { matches: weekCommand("count_customers"), handle: countCustomers },
  { matches: isPriceCommand, handle: changePrice },
  { matches: isAvailabilityCommand, handle: changeAvailability },
  { matches: isSheetLinksCommand, handle: resendSheetLinks },
  { matches: isSendToProvidersCommand, handle: sendToProviders },
];
