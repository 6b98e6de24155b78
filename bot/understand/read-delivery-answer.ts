import type { DeliveryAddress } from "../../core/domain/delivery.ts";
import type { Locale } from "../dialogue/locale.ts";
import { canonicalCommand } from "./read-money-command.ts";

/** What a customer says about how it gets its goods. */
export type DeliveryWords = { kind: "pickup" } | { kind: "delivery" } | { kind: "change_address" };

const PICKUP =
  /^(?:(?:eu\s+)?(?:vou|vo|prefiro|quero)\s+)?(?:retirar|retiro|retirada|buscar|busco|pegar|pego|retirar\s+ai|retirar\s+na\s+loja|retirada\s+na\s+loja)(?:\s+(?:ai|na\s+loja|pessoalmente|mesmo))?$|^(?:i(?:'ll|\s+will)?\s+)?(?:pick\s*(?:it\s+)?up|pickup|collect(?:\s+it)?)(?:\s+(?:myself|in\s+person))?$|^(?:i'll|i\s+will)\s+(?:pick\s*(?:it\s+)?up|collect(?:\s+it)?)$/;
const DELIVERY =
  /^(?:(?:eu\s+)?(?:quero|prefiro)\s+)?(?:entrega|entregar|pode\s+entregar|entrega\s+em\s+casa|delivery|deliver|deliver\s+it|home\s+delivery)(?:\s+(?:por\s+favor|please))?$/;
const CHANGE_ADDRESS =
  /^(?:quero\s+|preciso\s+)?(?:mudar|trocar|alterar|atualizar)\s+(?:o\s+|meu\s+)?endereco(?:\s+de\s+entrega)?$|^(?:change|update)\s+(?:my\s+)?(?:delivery\s+)?address$|^(?:novo\s+endereco|new\s+address)$/;

const ENGLISH = /\b(?:change|update|address|pick|pickup|collect|deliver|i'll|i will|home|please|new)\b/;

/** The language delivery words were written in ("delivery" alone is Portuguese too). */
export function deliveryWordsLanguage(text: string): Locale {
  return ENGLISH.test(canonicalCommand(text)) ? "en" : "pt-BR";
}

/** "entrega", "vou retirar", "mudar endereço" (and English). Null when the message is none of them. */
export function readDeliveryWords(text: string): DeliveryWords | null {
  const canonical = canonicalCommand(text).replace(/[,;]/g, "");
  if (canonical.length > 60) return null;
  if (CHANGE_ADDRESS.test(canonical)) return { kind: "change_address" };
  if (PICKUP.test(canonical)) return { kind: "pickup" };
  if (DELIVERY.test(canonical)) return { kind: "delivery" };
  return null;
}

export type AddressReading =
  | { kind: "address"; address: DeliveryAddress }
  /** "aqui", "em casa", "no mesmo lugar": nothing a courier can find. */
  | { kind: "vague" }
  /** Something that is not street, number and neighbourhood. */
  | { kind: "incomplete" };

const VAGUE =
  /^(?:aqui|aki|em casa|na minha casa|minha casa|casa|no mesmo lugar|o mesmo|mesmo lugar|la|la em casa|here|home|my place|at home|same place)$/;
/** A house number, "s/n" (no number), "123A", "45 apto 2" as people write it. */
const HOUSE_NUMBER =
  /^(?:n[º°o.]?\s*)?(\d{1,6}[a-z]?(?:\s*(?:apto?|apartamento|ap|bloco|casa|apt|unit)\.?\s*\w+)*|s\/?n|sem numero)$/i;
const STREET_WITH_NUMBER = /^(.*\D)\s*(?:,|\s)\s*(?:n[º°o.]?\s*)?(\d{1,6}[a-z]?)$/i;
const REFERENCE_LEAD = /^(?:ref(?:er[eê]ncia)?|ponto de refer[eê]ncia|reference)\s*[:.]?\s*/i;
const NEIGHBOURHOOD_LEAD = /^(?:bairro:?|neighbou?rhood:?)\s*/i;

/**
 * Reads an address as customers write it: "Rua das Flores, 12, Centro, perto da padaria", "Rua das Flores 12 -
 * Centro - portão azul", one part a line. Street, number and neighbourhood in that order; what follows is the
 * reference.
 */
export function readAddress(text: string): AddressReading {
  const trimmed = text.trim().replace(/[^\S\n]+/g, " ");
  if (VAGUE.test(canonicalCommand(trimmed))) return { kind: "vague" };
  const parts = trimmed
    .split(/\s*(?:\n|,|;|\s-\s|\s–\s)\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  const [first, ...rest] = parts;
  if (!first) return { kind: "incomplete" };
  let street: string;
  let number: string;
  const second = rest[0];
  if (second !== undefined && HOUSE_NUMBER.test(second)) {
    street = first;
    number = second;
    rest.shift();
  } else {
    const joined = STREET_WITH_NUMBER.exec(first);
    if (!joined) return { kind: "incomplete" };
    street = (joined[1] ?? "").trim();
    number = joined[2] ?? "";
  }
  const neighbourhood = rest.shift()?.replace(NEIGHBOURHOOD_LEAD, "").trim();
  if (!street || !/\p{L}/u.test(street) || !neighbourhood || !/\p{L}/u.test(neighbourhood)) {
    return { kind: "incomplete" };
  }
  const reference = rest.join(", ").replace(REFERENCE_LEAD, "").trim();
  return {
    kind: "address",
    address: {
      street,
      number: number.replace(/^n[º°o.]?\s*/i, ""),
      neighbourhood,
      ...(reference ? { reference } : {}),
    },
  };
}
