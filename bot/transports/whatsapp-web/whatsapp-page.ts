import { qrSvg } from "./qr-code.ts";
import type { SessionState } from "./session-supervisor.ts";

function describe(state: SessionState): { title: string; body: string } {
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
      return {
        title: "Reconectando",
        body: `<p>Conexão perdida; nova tentativa em ${Math.ceil(state.delayMs / 1000)} s (tentativa ${state.attempt}).</p>`,
      };
    case "stopped":
      return { title: "Parado", body: "<p>O bot está parando.</p>" };
    default:
      return { title: "Iniciando", body: "<p>Abrindo o WhatsApp Web…</p>" };
  }
}

/** The `/whatsapp` page: the QR code to link the bot's phone, or how the session is doing. */
export function statePage(state: SessionState): string {
  const { title, body } = describe(state);
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
${body}
</body>
</html>
`;
}
