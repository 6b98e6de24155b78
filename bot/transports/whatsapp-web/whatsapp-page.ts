import type { SessionLoss } from "../transport.ts";
import { qrSvg } from "./qr-code.ts";
import type { SessionState } from "./session-supervisor.ts";
import type { SessionTrouble } from "./session-trouble.ts";

/** What went wrong, in the operator's words, and what they can do about it. */
const TROUBLE: Record<SessionTrouble["kind"], { cause: string; advice: string }> = {
  browser: {
    cause: "O navegador que o SISCONF usa para abrir o WhatsApp Web não iniciou.",
    advice:
      "Instale o Chromium (<code>apt-get install chromium</code>) ou aponte <code>CHROMIUM_PATH</code> para o navegador, e reinicie o SISCONF.",
  },
  unreachable: {
    cause: "Esta máquina não consegue acessar o WhatsApp Web (web.whatsapp.com).",
    advice:
      "Verifique a conexão desta máquina com a internet (um proxy ou firewall pode estar bloqueando web.whatsapp.com). Não é preciso reiniciar: o SISCONF tenta de novo sozinho.",
  },
  disconnected: {
    cause: "O WhatsApp encerrou a conexão.",
    advice:
      "Confira se o celular do bot está ligado e com internet. O SISCONF reconecta sozinho; se o aparelho foi desconectado no celular, um novo código aparecerá aqui.",
  },
  refused: {
    cause: "O WhatsApp recusou a sessão salva.",
    advice: "Um novo código aparecerá aqui: escaneie-o no celular do bot.",
  },
  other: {
    cause: "O WhatsApp Web não abriu.",
    advice: "O SISCONF tenta de novo sozinho; o log do servidor traz o detalhe.",
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The failed try's cause, when the next one comes (`nextTryAt`; now when absent), and what to do. */
function trouble(state: { attempt: number; nextTryAt?: number; cause: SessionTrouble }, now: number): string {
  const { cause, advice } = TROUBLE[state.cause.kind];
  const seconds = Math.max(0, Math.ceil(((state.nextTryAt ?? now) - now) / 1000));
  const next = seconds > 0 ? `Nova tentativa em ${seconds} s` : "Tentando de novo agora";
  return (
    `<p>${cause}<br><small>(${escapeHtml(state.cause.detail)})</small></p>` +
    `<p>${next} (tentativa ${state.attempt + 1}).</p>` +
    `<p><strong>O que fazer:</strong> ${advice}</p>`
  );
}

function describe(state: SessionState, now: number): { title: string; body: string } {
  switch (state.kind) {
    case "qr":
      return {
        title: "Escaneie o código",
        body:
          `<p>No celular: WhatsApp → Aparelhos conectados → Conectar um aparelho.</p>${qrSvg(state.qr)}` +
          "<p><small>O código muda a cada poucos segundos; esta página se atualiza sozinha.</small></p>",
      };
    case "connected":
      return { title: "WhatsApp conectado", body: "<p>✅ conectado: o bot está recebendo mensagens.</p>" };
    case "reconnecting":
      return { title: "Conexão com o WhatsApp perdida", body: trouble(state, now) };
    case "retrying":
      return { title: "O WhatsApp ainda não conectou", body: trouble(state, now) };
    case "stopped":
      return { title: "Parado", body: "<p>O bot está parando.</p>" };
    default:
      return state.previous
        ? { title: "O WhatsApp ainda não conectou", body: trouble(state.previous, now) }
        : { title: "Iniciando", body: "<p>Abrindo o WhatsApp Web…</p>" };
  }
}

const LOSS: Record<SessionLoss["kind"], string> = {
  logged_out: "O WhatsApp do bot foi desconectado no celular",
  refused: "O WhatsApp recusou a sessão salva do bot",
  dropped: "A conexão do WhatsApp do bot caiu",
};

function moment(date: Date): string {
  return date.toLocaleString("pt-BR", { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
}

/** The last loss of the session: when, and whether it is back; what waits meanwhile. */
function lossNotice(loss: SessionLoss | null): string {
  if (!loss) return "";
  const back = loss.backAt ? ` e voltou em ${moment(loss.backAt)}` : "";
  const waiting = loss.backAt
    ? "O que o bot tinha para enviar nesse tempo ficou guardado e foi enviado quando ele voltou."
    : "O que o bot tem para enviar fica guardado e sai quando a sessão voltar.";
  return `<p data-loss="${loss.kind}"><strong>${LOSS[loss.kind]} em ${moment(loss.at)}${back}.</strong> ${waiting}</p>`;
}

/**
 * The `/whatsapp` page: the QR code to link the bot's phone, or how the session is doing, and the last time it was
 * lost in this process.
 */
export function statePage(state: SessionState, now = Date.now(), loss: SessionLoss | null = null): string {
  const { title, body } = describe(state, now);
  const refresh = state.kind === "connected" ? 30 : 5;
  return `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${refresh}">
<title>SISCONF · WhatsApp</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;text-align:center;color:#111}svg{max-width:100%;height:auto}</style>
</head>
<body data-state="${state.kind}">
<h1>${title}</h1>
${lossNotice(loss)}
${body}
</body>
</html>
`;
}
