import { formatReais } from "../../../core/domain/money.ts";
import type { Unit } from "../../../core/domain/units.ts";
import { formatQuantity, formatSummaryLines, plural, type SummaryWording } from "./format-summary.ts";
import type { Messages, OrderSummary } from "./messages.ts";

const UNIT_WORDS: Record<Unit, [string, string]> = {
  kg: ["kg", "kg"],
  g: ["g", "g"],
  un: ["unidade", "unidades"],
  dz: ["dúzia", "dúzias"],
  maco: ["maço", "maços"],
  bandeja: ["bandeja", "bandejas"],
  cx: ["caixa", "caixas"],
  l: ["litro", "litros"],
  pct: ["pacote", "pacotes"],
};

const STATUS_WORDS: Record<string, string> = {
  received: "recebido, aguardando o fechamento do lote",
  placed: "encomendado aos fornecedores",
  on_the_way: "a caminho 🚚",
  arrived: "chegou, pronto para entrega 📦",
  delivered: "entregue ✅",
  cancelled: "cancelado",
  open: "aberto",
  closed: "fechado",
};

const WORDING: SummaryWording = { unitWords: UNIT_WORDS, decimalMark: ",", of: "de" };
const quantity = (quantityMilli: number, unit: Unit) => formatQuantity(WORDING, quantityMilli, unit);
const lines = (summary: OrderSummary) => formatSummaryLines(WORDING, summary);

const orderTitle = (summary: OrderSummary) => (summary.number ? `Pedido #${summary.number}` : "Seu pedido");

export const ptBR: Messages = {
  help: ({ entrepreneur }) =>
    [
      "Olá! Sou o assistente de pedidos 🛒",
      "• Mande sua lista: _2kg de tomate, meia dúzia de ovos e 3 alfaces_",
      "• *catálogo*: produtos e preços",
      "• *status*: onde está seu pedido",
      "• *mais 1kg de cebola*, *tira o coentro*, *troca tomate por 3kg*: muda o pedido",
      "• *cancelar*: cancela o pedido em aberto",
      ...(entrepreneur
        ? [
            "",
            "Comandos do lote:",
            "• *fechar lote*: fecha o lote e gera as planilhas",
            "• *resumo*: o lote aberto até agora",
            "• *lote a caminho* / *lote chegou* / *lote entregue*",
            "• *pedido 42 entregue* (ou a caminho, chegou)",
            "• *refazer planilhas*: tenta de novo as planilhas que falharam",
          ]
        : []),
    ].join("\n"),
  fallback: () =>
    "Não entendi 🤔 Mande sua lista de compras (ex.: _2kg de tomate e 1 dúzia de ovos_), *catálogo* para ver os preços, *status* para ver seu pedido ou *ajuda*.",
  thanks: () => "Por nada! Quando quiser, é só mandar sua lista 😊",
  catalogEmpty: () => "O catálogo ainda está vazio. Volte daqui a pouco!",
  catalog: (sections) =>
    [
      "*Catálogo* 🧺",
      ...sections.flatMap((section) => [
        "",
        `*${section.category}*`,
        ...section.products.map(
          (product) => `• ${product.name}: ${formatReais(product.priceCents)}/${UNIT_WORDS[product.unit][0]}`,
        ),
      ]),
      "",
      "Para pedir, mande a lista: _2kg de tomate e 1 maço de coentro_",
    ].join("\n"),
  draftSummary: (summary) => `${orderTitle(summary)}:\n${lines(summary)}\n\nResponda *SIM* para confirmar.`,
  orderConfirmed: (summary) =>
    `✅ ${orderTitle(summary)} confirmado!\n${lines(summary)}\n\nAvisaremos quando estiver a caminho.`,
  orderAlreadyClosed: (orderNumber) =>
    `O pedido #${orderNumber} já foi fechado e enviado aos fornecedores. Estes itens vão num pedido novo:`,
  orderNoLongerOpen: (orderNumber) =>
    `O pedido #${orderNumber} já foi fechado e enviado aos fornecedores: não dá mais para mudar nem cancelar.`,
  orderChanged: (summary) => `✏️ ${orderTitle(summary)} atualizado:\n${lines(summary)}`,
  itemsRemoved: (names, summary) =>
    summary && summary.lines.length > 0
      ? `Tirei ${names.join(", ")}.\n${orderTitle(summary)}:\n${lines(summary)}`
      : `Tirei ${names.join(", ")}. Seu pedido ficou vazio e foi cancelado.`,
  notInOrder: (names) => `${names.join(", ")} não ${names.length > 1 ? "estão" : "está"} no seu pedido.`,
  nothingToRemove: () => "Você não tem pedido em aberto para mudar. Mande sua lista para começar um!",
  draftDiscarded: () => "Tudo bem, descartei a lista. Quando quiser, é só mandar outra.",
  confirmCancel: (orderNumber) => `Quer mesmo cancelar o pedido #${orderNumber}? Responda *SIM* para cancelar.`,
  nothingToConfirm: () => "Não há nada para confirmar. Mande sua lista de compras primeiro 🙂",
  nothingToCancel: () => "Você não tem pedido que ainda possa ser cancelado.",
  cancelKept: () => "Ok, seu pedido continua de pé.",
  unknownProducts: (fragments) =>
    fragments
      .map((fragment) =>
        fragment.suggestions.length > 0
          ? `Não encontrei "${fragment.text}". Você quis dizer ${fragment.suggestions.join(" ou ")}?`
          : `Não temos "${fragment.text}" no catálogo.`,
      )
      .join("\n"),
  clarifyQuantities: (products) =>
    products
      .map(
        (product) =>
          `Quanto de ${product.name}? Vendemos por ${UNIT_WORDS[product.unit][0]} (ex.: _1,5 ${UNIT_WORDS[product.unit][0]} de ${product.name.toLowerCase()}_).`,
      )
      .join("\n"),
  refusedQuantities: (problems) =>
    problems
      .map((problem) =>
        problem.reason === "too_large"
          ? `"${problem.text}": quantidade grande demais (máximo 1000).`
          : problem.reason === "too_precise"
            ? `"${problem.text}": use no máximo 3 casas decimais.`
            : `"${problem.text}": a quantidade precisa ser maior que zero.`,
      )
      .join("\n"),
  orderNotUnderstood: () => "Não consegui montar o pedido. Tente assim: _2kg de tomate, 1 dúzia de ovos_.",
  statusNone: () => "Você não tem pedidos em andamento. Mande sua lista para fazer um!",
  statusList: (orders) =>
    orders
      .map(
        (order) => `*Pedido #${order.number}*: ${STATUS_WORDS[order.status] ?? order.status}\n${lines(order.summary)}`,
      )
      .join("\n\n"),
  orderStatusNotification: (orderNumber, status) =>
    `Seu pedido #${orderNumber} está ${STATUS_WORDS[status] ?? status}.`,
  batchClosed: (figures, sheets) =>
    [
      `🔒 Lote ${figures.number} fechado: ${plural(figures.orders, "pedido", "pedidos")}, ${plural(figures.items, "item", "itens")}, ${formatReais(figures.totalCents)}.`,
      ...figures.providers.map(
        (provider) =>
          `• ${provider.name}: ${plural(provider.items, "item", "itens")}, ${formatReais(provider.totalCents)}`,
      ),
      `Gerando ${sheets} planilhas; mando os links aqui assim que ficarem prontas.`,
    ].join("\n"),
  batchEmpty: () => "O lote aberto não tem pedidos; nada para fechar.",
  batchSummary: (figures) =>
    [
      `📋 Lote ${figures.number} (aberto): ${plural(figures.orders, "pedido", "pedidos")}, ${plural(figures.items, "item", "itens")}, ${formatReais(figures.totalCents)}.`,
      ...figures.providers.map(
        (provider) =>
          `• ${provider.name}: ${plural(provider.items, "item", "itens")}, ${formatReais(provider.totalCents)}`,
      ),
    ].join("\n"),
  batchStatusChanged: (batchNumber, status, orders) =>
    `Lote ${batchNumber}: ${STATUS_WORDS[status] ?? status}. ${orders} ${orders === 1 ? "cliente avisado" : "clientes avisados"}.`,
  orderStatusChanged: (orderNumber, status) =>
    `Pedido #${orderNumber}: ${STATUS_WORDS[status] ?? status}. Cliente avisado.`,
  transitionRefused: (what, from, to) =>
    `Não dá: ${what.kind === "order" ? `o pedido #${what.number}` : `o lote ${what.number}`} está ${STATUS_WORDS[from] ?? from} e não pode passar para ${STATUS_WORDS[to] ?? to}.`,
  orderNotFound: (orderNumber) => `Não encontrei o pedido #${orderNumber}.`,
  noClosedBatch: () => "Nenhum lote foi fechado ainda.",
  sheetReady: (providerName, batchNumber, url) =>
    `📄 Planilha ${providerName ? `de ${providerName}` : "consolidada"} do lote ${batchNumber}: ${url}`,
  sheetFailed: (providerName, batchNumber, error) =>
    `⚠️ Não consegui gerar a planilha ${providerName ? `de ${providerName}` : "consolidada"} do lote ${batchNumber}: ${error}. Mande *refazer planilhas* para tentar de novo.`,
  sheetsDone: (batchNumber, ready, failed) =>
    failed === 0
      ? `✅ Todas as ${ready} planilhas do lote ${batchNumber} estão prontas.`
      : `Lote ${batchNumber}: ${ready} planilhas prontas, ${failed} com falha.`,
  sheetsRetried: (batchNumber, count) => `Tentando de novo ${count} planilhas do lote ${batchNumber}.`,
  nothingToRetry: () => "Não há planilhas com falha para refazer.",
  adminGranted: (phone) => `✅ ${phone} agora é admin: pode fechar lotes e mudar status.`,
  adminAlready: (phone) => `${phone} já é admin.`,
  adminRevoked: (phone) => `${phone} não é mais admin.`,
  adminNotAdmin: (phone) => `${phone} não é admin; nada mudou.`,
  adminSelfRevoke: () => "Você não pode remover a si mesmo como admin. Peça a outro admin.",
  adminPhoneInvalid: (text) =>
    `${text ? `"${text}" não é` : "Faltou"} um número de telefone. Mande com DDI e DDD, só números: *adicionar admin 5584999990001*.`,
  adminsFixed: () =>
    "Os admins são os números de ADMIN_PHONES na configuração do sistema; mude lá e reinicie para adicionar ou remover.",
  adminUnavailable: () =>
    "Não consegui falar com o cadastro de usuários agora; nada mudou. Tente de novo em instantes.",
  onlyText: () => "Só entendo texto por enquanto 🙂 Mande sua lista escrita.",
  tooLong: (limit) => `Mensagem longa demais (máximo ${limit} caracteres). Mande em partes, por favor.`,
  slowDown: () => "Calma! 😅 Recebi muitas mensagens seguidas. Espere um minutinho e mande de novo.",
  tryAgainSoon: () => "Estamos com uma instabilidade. Tente de novo em instantes, por favor.",
  pendingExpired: () => "Sua lista anterior expirou sem confirmação.",
  announcement: (text) => `📢 ${text}\n\n_Para não receber mais avisos, responda PARAR._`,
  announcementQueued: (recipients, stopped) =>
    recipients === 0
      ? "Nenhum cliente para avisar ainda."
      : `Aviso a caminho de ${recipients === 1 ? "1 cliente" : `${recipients} clientes`}${stopped > 0 ? ` (${stopped === 1 ? "1 pediu" : `${stopped} pediram`} para não receber avisos)` : ""}. Vai aos poucos, no ritmo que o WhatsApp permite.`,
  announcementEmpty: () => "Faltou o texto do aviso. Mande assim: *avisar clientes: chegaram as mangas!*",
  announcementTooLong: (limit) => `O aviso passou de ${limit} caracteres. Mande um texto mais curto, por favor.`,
  announcementsStopped: (changed) =>
    changed
      ? "Pronto, você não vai mais receber avisos. Notícias dos seus pedidos continuam chegando. Para voltar a receber, mande VOLTAR."
      : "Você já não recebe avisos. Para voltar a receber, mande VOLTAR.",
  announcementsResumed: (changed) =>
    changed ? "Que bom! Você volta a receber nossos avisos. 🙂" : "Você já recebe nossos avisos. 🙂",
  customersCount: (customers, stopped) =>
    `${customers === 1 ? "1 cliente" : `${customers} clientes`}; ${stopped === 0 ? "todos recebem avisos" : `${stopped === 1 ? "1 pediu" : `${stopped} pediram`} para não receber avisos`}.`,
  closeReminder: (batchNumber, closesAt) =>
    `Lembrete: o lote ${batchNumber} fecha ${closesAt} e sua lista ainda não foi confirmada. Responda SIM para confirmar.`,
  scheduledClose: (batchNumber, outcome) =>
    outcome === "closed"
      ? `Lote ${batchNumber} fechado no horário marcado. As planilhas chegam aqui assim que ficarem prontas.`
      : `Chegou o horário de fechar o lote ${batchNumber}, mas ele não tem pedidos; continua aberto.`,
  closeScheduleSet: (nextClose, reminderHours) =>
    `Combinado: o lote fecha sozinho toda semana. Próximo fechamento: ${nextClose}.${reminderHours > 0 ? ` Quem tiver lista sem confirmar recebe um lembrete ${reminderHours === 1 ? "1 hora" : `${reminderHours} horas`} antes.` : ""}`,
  closeScheduleOff: () => "Fechamento automático desligado. O lote fecha quando você mandar *fechar lote*.",
  closeScheduleUnclear: () =>
    "Não entendi o dia e a hora. Mande assim: *fechar lote quinta 18h* (ou *fechamento automático desligado*).",
  batchClosesAt: (closesAt) => `O lote atual fecha ${closesAt}.`,
  formatMoment: (moment, timeZone) => {
    const weekday = new Intl.DateTimeFormat("pt-BR", { timeZone, weekday: "long" }).format(moment);
    const date = new Intl.DateTimeFormat("pt-BR", { timeZone, day: "2-digit", month: "2-digit" }).format(moment);
    const time = new Intl.DateTimeFormat("pt-BR", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(moment);
    return `${weekday}, ${date}, às ${time}`;
  },
  formatMoney: formatReais,
  formatQuantity: quantity,
};
