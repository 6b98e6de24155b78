import { setAnnouncementConsent } from "../../../core/app/set-announcement-consent.ts";
import { readWeekCommand } from "../../understand/week-commands.ts";
import { messagesFor } from "../locale.ts";
import type { IntentHandler } from "../turn.ts";

/** "parar" stops announcements to this phone, "voltar" resumes them; order news goes either way. Anyone may say it. */
export const announcementConsent: IntentHandler = async (turn) => {
  const { input } = turn;
  const command = readWeekCommand(turn.text);
  if (command?.kind !== "stop_announcements" && command?.kind !== "resume_announcements") {
    return [turn.messages.fallback()];
  }
  input.conversation.locale = command.language;
  const messages = messagesFor(command.language);
  const listening = command.kind === "resume_announcements";
  const { changed } = await setAnnouncementConsent(input.context, {
    businessId: input.businessId,
    phone: input.phone,
    listening,
    locale: command.language,
  });
  return [listening ? messages.announcementsResumed(changed) : messages.announcementsStopped(changed)];
};
