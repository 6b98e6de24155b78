import { api } from "./api.js";
import { currentToken } from "./auth.js";
import { dateTime } from "./dom.js";

/**
 * The banner about the bot's WhatsApp: what GET /api/v1/whatsapp says (the session as the bot last recorded it), read
 * at each of the dashboard's refreshes (main.js) while someone is logged in. Shown while the session is lost
 * or waits for its QR code, and for a day after a loss it came back from; a connection that fell for less than a
 * minute is not news (as in chat). A bot gone silent (its process stopped without a word) comes before all of it:
 * whatever it last recorded is no longer known.
 */
const SHOWN_AFTER_BACK_MS = 24 * 60 * 60 * 1000;
const BRIEF_DROP_MS = 60_000;

const WORDS = {
  "pt-BR": {
    lost: {
      logged_out: "foi desconectado no celular",
      refused: "teve a sessão recusada pelo WhatsApp",
      dropped: "perdeu a conexão",
    },
    down: (what, at) =>
      `O WhatsApp do bot ${what} em ${at}. O que o bot tem para enviar fica guardado até ele voltar; a página /whatsapp mostra como está e o código para escanear.`,
    back: (what, at, backAt) =>
      `O WhatsApp do bot ${what} em ${at} e voltou em ${backAt}. O que ficou guardado nesse tempo foi enviado.`,
    qr: "O WhatsApp do bot espera o código ser escaneado: abra a página /whatsapp com o celular do bot à mão.",
    stopped: "O bot está parado: o WhatsApp não recebe nem envia mensagens até ele voltar.",
    silent: (at) =>
      `Sem notícias do bot desde ${at}: ele parou sem avisar (o processo caiu ou a máquina desligou). Até ele voltar, o WhatsApp não recebe nem envia mensagens; o que ele tem para enviar fica guardado.`,
  },
  en: {
    lost: {
      logged_out: "was unlinked on the phone",
      refused: "had its session refused by WhatsApp",
      dropped: "lost its connection",
    },
    down: (what, at) =>
      `The bot's WhatsApp ${what} on ${at}. What the bot has to send is kept until it is back; the /whatsapp page shows how it is and the code to scan.`,
    back: (what, at, backAt) =>
      `The bot's WhatsApp ${what} on ${at} and was back on ${backAt}. What was kept meanwhile has been sent.`,
    qr: "The bot's WhatsApp waits for its code to be scanned: open the /whatsapp page with the bot's phone at hand.",
    stopped: "The bot is stopped: WhatsApp neither receives nor sends messages until it is back.",
    silent: (at) =>
      `No word from the bot since ${at}: it stopped without saying so (its process fell or its machine went off). Until it is back, WhatsApp neither receives nor sends messages; what it has to send is kept.`,
  },
};

/** The banner's text and kind for a session, or null when there is nothing to say. */
function bannerFor(session, locale, now) {
  if (!session) return null;
  const words = WORDS[locale];
  if (session.silent) return { kind: "error", text: words.silent(dateTime(session.seenAt, locale)) };
  const loss = session.lastLoss;
  if (loss) {
    const what = words.lost[loss.kind];
    const at = dateTime(loss.at, locale);
    if (!loss.backAt) return { kind: "error", text: words.down(what, at) };
    const lasted = Date.parse(loss.backAt) - Date.parse(loss.at);
    const brief = loss.kind === "dropped" && lasted < BRIEF_DROP_MS;
    if (!brief && now - Date.parse(loss.backAt) < SHOWN_AFTER_BACK_MS && session.state === "connected") {
      return { kind: "ok", text: words.back(what, at, dateTime(loss.backAt, locale)) };
    }
  }
  if (session.state === "qr" || session.state === "retrying") return { kind: "error", text: words.qr };
  if (session.state === "stopped") return { kind: "error", text: words.stopped };
  return null;
}

/** Shows what the session calls for, or nothing; hidden while nobody is logged in. */
export async function checkBanner(locale) {
  const banner = document.getElementById("whatsapp-banner");
  if (!banner) return;
  if (!currentToken()) {
    banner.hidden = true;
    return;
  }
  try {
    const { session } = await api("GET", "/whatsapp");
    const shown = bannerFor(session, locale, Date.now());
    banner.hidden = !shown;
    banner.className = shown?.kind ?? "";
    banner.textContent = shown?.text ?? "";
  } catch {
    // A failed read leaves the banner as it was: the dashboard's own sections say when the API is away.
  }
}
