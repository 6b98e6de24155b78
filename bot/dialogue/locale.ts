import { en } from "./messages/en.ts";
import type { Messages } from "./messages/messages.ts";
import { ptBR } from "./messages/pt-br.ts";

export type Locale = "pt-BR" | "en";

export function messagesFor(locale: string | null | undefined): Messages {
  return locale === "en" ? en : ptBR;
}
