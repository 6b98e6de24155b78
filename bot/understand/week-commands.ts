import type { CloseSchedule } from "../../core/domain/close-schedule.ts";

/** The entrepreneur's and customers' commands about announcements and the cut-off, read from the raw text. */
export type WeekCommand =
  | { kind: "announce"; text: string; language: "pt-BR" | "en" }
  | { kind: "stop_announcements"; language: "pt-BR" | "en" }
  | { kind: "resume_announcements"; language: "pt-BR" | "en" }
  | { kind: "close_schedule"; schedule: CloseSchedule | null; language: "pt-BR" | "en" }
  | { kind: "close_schedule_off"; language: "pt-BR" | "en" }
  | { kind: "count_customers"; language: "pt-BR" | "en" };

/** Lowercase, without accents, spaces collapsed, trailing punctuation dropped: how the wordings below are written. */
function plain(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!]+$/, "")
    .trim();
}

const WEEKDAYS: [number, string][] = [
  [0, "domingo|dom|sunday|sun"],
  [1, "segunda-feira|segunda feira|segunda|seg|monday|mon"],
  [2, "terca-feira|terca feira|terca|ter|tuesday|tue|tues"],
  [3, "quarta-feira|quarta feira|quarta|qua|wednesday|wed"],
  [4, "quinta-feira|quinta feira|quinta|qui|thursday|thu|thurs"],
  [5, "sexta-feira|sexta feira|sexta|sex|friday|fri"],
  [6, "sabado|sab|saturday|sat"],
];
const WEEKDAY_BY_WORD = new Map<string, number>();
for (const [weekday, words] of WEEKDAYS) for (const word of words.split("|")) WEEKDAY_BY_WORD.set(word, weekday);
const ANY_WEEKDAY = [...WEEKDAY_BY_WORD.keys()].sort((left, right) => right.length - left.length).join("|");

const ANNOUNCE =
  /^\s*(?:(avisar|avise|avisa|aviso|aviso aos|mandar aviso|mandar aviso aos)(?: (?:os|aos|a todos os))? clientes|(tell|notify|announce to|message)(?: all)?(?: the)? customers)\s*[:,-]?\s*([\s\S]*)$/i;
const STOP = new Set([
  "parar",
  "pare",
  "para",
  "parar avisos",
  "parar de receber avisos",
  "nao quero mais avisos",
  "sair",
  "stop",
  "unsubscribe",
  "stop announcements",
]);
const STOP_ENGLISH = new Set(["stop", "unsubscribe", "stop announcements"]);
const RESUME = new Set([
  "voltar",
  "volta",
  "voltar a receber",
  "voltar a receber avisos",
  "quero receber avisos",
  "receber avisos",
  "resume",
  "subscribe",
  "resume announcements",
]);
const RESUME_ENGLISH = new Set(["resume", "subscribe", "resume announcements"]);
const SCHEDULE = new RegExp(
  `^(?:(fechar|fecha|fechamento do|fechamento)(?: o)? lote|(close|closing)(?: the)? batch)(?: (?:toda|todas as|toda a|na|no|a|every|on))? (${ANY_WEEKDAY})\\b(.*)$`,
);
const OFF =
  /^(?:fechamento automatico (?:desligado|desligar|off)|desligar (?:o )?fechamento automatico|sem fechamento automatico|automatic clos(?:e|ing) off|turn off automatic clos(?:e|ing)|no automatic clos(?:e|ing))$/;
const COUNT = new Set(["clientes", "quantos clientes", "customers", "how many customers"]);

/** A time as people write it: "18h", "18h30", "18:30", "às 18", "6pm", "6:30 pm". Null when there is none. */
function readTime(text: string): { hour: number; minute: number } | null {
  const match =
    /^(?:,|-)?\s*(?:(?:as|a|at|@)\s+)?(\d{1,2})(?:(?:h|:)(\d{2})?|\s*(am|pm)|h?\s*(?:horas?))?\s*(am|pm)?$/.exec(
      text.trim(),
    );
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const meridiem = match[3] ?? match[4];
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** Reads one of the week's commands; null when the message is none of them. */
export function readWeekCommand(text: string): WeekCommand | null {
  const announce = ANNOUNCE.exec(text);
  if (announce) {
    return { kind: "announce", text: (announce[3] ?? "").trim(), language: announce[2] ? "en" : "pt-BR" };
  }
  const words = plain(text);
  if (STOP.has(words)) return { kind: "stop_announcements", language: STOP_ENGLISH.has(words) ? "en" : "pt-BR" };
  if (RESUME.has(words)) {
    return { kind: "resume_announcements", language: RESUME_ENGLISH.has(words) ? "en" : "pt-BR" };
  }
  if (COUNT.has(words)) return { kind: "count_customers", language: words.includes("customers") ? "en" : "pt-BR" };
  if (OFF.test(words)) return { kind: "close_schedule_off", language: /\bautomatic\b/.test(words) ? "en" : "pt-BR" };
  const schedule = SCHEDULE.exec(words);
  if (schedule) {
    const language = schedule[2] ? "en" : "pt-BR";
    const weekday = WEEKDAY_BY_WORD.get(schedule[3] ?? "");
    const time = readTime(schedule[4] ?? "");
    return {
      kind: "close_schedule",
      schedule: weekday === undefined || !time ? null : { weekday, ...time },
      language,
    };
  }
  return null;
}
