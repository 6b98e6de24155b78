import { readAdminCommand } from "./admin-commands.ts";
import { adminRole } from "./intents/admin-role.ts";
import { changeAvailability, isAvailabilityCommand } from "./intents/change-availability.ts";
import { changePrice, isPriceCommand } from "./intents/change-price.ts";
import { countCustomers } from "./intents/count-customers.ts";
import { redoSheets } from "./intents/redo-sheets.ts";
import { isSheetLinksCommand, resendSheetLinks } from "./intents/resend-sheet-links.ts";
import { isSendToProvidersCommand, sendToProviders } from "./intents/send-to-providers.ts";
import type { IntentHandler } from "./turn.ts";

/**
 * The entrepreneur's commands read from the raw text before the reader's intents: they carry phone numbers and words
 * the reader would take for items. A customer gets the ordinary fallback. A new one is a file in intents/ and a line.
 */
export const TEXT_COMMANDS: { matches(text: string): boolean; handle: IntentHandler }[] = [
  {
    matches: (text) => /^\s*(refazer|refaz|redo|retry)\s+(as\s+)?(planilhas?|sheets?)\s*[.!]*\s*$/i.test(text),
    handle: redoSheets,
  },
  { matches: (text) => readAdminCommand(text) !== null, handle: adminRole },
  { matches: isPriceCommand, handle: changePrice },
  { matches: isAvailabilityCommand, handle: changeAvailability },
  { matches: (text) => /^\s*(clientes|customers)\s*[.!?]*\s*$/i.test(text), handle: countCustomers },
  { matches: isSheetLinksCommand, handle: resendSheetLinks },
  { matches: isSendToProvidersCommand, handle: sendToProviders },
];
