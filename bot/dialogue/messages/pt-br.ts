import type { CatalogFileProblem } from "../../../core/app/catalog-file-problem.ts";
import { formatReais } from "../../../core/domain/money.ts";
import { type Unit, unitLabel, unitWords } from "../../../core/domain/units.ts";
import { type CatalogChangesWording, formatCatalogChanges } from "./format-catalog-changes.ts";
import { formatQuantity, formatSummaryLines, plural, type SummaryWording } from "./format-summary.ts";
import type { DeliveredPreview, Messages, OrderSummary, ProviderDeliveryLine, WorkbookRefusal } from "./messages.ts";

/** What a status means for the customer, after "está" ("Seu pedido #3 está …", "*Pedido #3*: …"). */
const STATE_WORDS: Record<string, string> = {
  received: "recebido; dá para mudar até o fechamento do lote",
  placed: "encomendado aos fornecedores",
  on_the_way: "a caminho 🚚",
  arrived: "pronto para entrega 📦",
  delivered: "entregue ✅",
  cancelled: "cancelado",
  open: "aberto",
  closed: "fechado",
};

/** Status news to the customer, whole sentences: what happened and what it means for them. */
const ORDER_NEWS: Record<string, (orderNumber: number) => string> = {
  received: (number) => `Recebemos seu pedido #${number}. Dá para mudar até o fechamento do lote.`,
  placed: (number) =>
    `Seu pedido #${number} foi fechado e encomendado aos fornecedores; agora não dá mais para mudar. Avisaremos quando estiver a caminho.`,
  on_the_way: (number) => `Seu pedido #${number} está a caminho 🚚`,
  arrived: (number) => `Seu pedido #${number} chegou e está pronto para entrega 📦`,
  delivered: (number) => `Seu pedido #${number} foi entregue ✅ Obrigado pela compra!`,
  cancelled: (number) => `Seu pedido #${number} foi cancelado.`,
};

/** What the entrepreneur marked, as a label ("Pedido #5 entregue", "marcado como a caminho"). */
const LABELS: Record<string, string> = {
  received: "recebido",
  placed: "encomendado",
  on_the_way: "a caminho 🚚",
  arrived: "chegou 📦",
  delivered: "entregue ✅",
  cancelled: "cancelado",
  open: "aberto",
  closed: "fechado",
};

const WORDING: SummaryWording = {
  language: "pt-BR",
  decimalMark: ",",
  of: "de",
  halfDozen: "meia dúzia",
  dozenAndHalf: "1 dúzia e meia",
  soldOut: "(esgotado)",
  withoutOf: [],
};
const CATALOG_WORDING: CatalogChangesWording = {
  added: "Novos",
  prices: "Preços",
  costs: "Custos",
  availability: "Disponibilidade",
  others: "Outros dados",
  missing: "Fora da planilha",
  noCost: "sem custo",
  soldOut: "esgotado",
  back: "disponível",
  andMore: (count) => `e mais ${count}`,
};

const CATALOG_PROBLEMS: {
  [Kind in CatalogFileProblem["kind"]]: (problem: CatalogFileProblem & { kind: Kind }) => string;
} = {
  uneven_row: (problem) =>
    `a linha ${problem.row} tem um número de colunas diferente do cabeçalho${problem.unquotedComma ? ` (um preço com vírgula num arquivo separado por vírgulas vai entre aspas: "5,90")` : ""}.`,
  bad_cell: (problem) =>
    `a linha ${problem.row} tem um valor que não serve${problem.column ? ` na coluna ${problem.column}` : ""}.`,
  missing_columns: (problem) => `faltam as colunas ${problem.columns.join(", ")}.`,
  empty: () => "ela não tem nenhum produto.",
  too_large: () => "o arquivo é grande demais.",
  unreadable: () => "não é uma planilha .xlsx ou .csv que eu consiga ler.",
};

const DELIVERED_PROBLEMS: Record<DeliveredPreview["problems"][number]["kind"], string> = {
  not_in_order: "o produto não está no pedido",
  given_twice: "o produto aparece duas vezes",
  invalid_quantity: "a quantidade entregue não serve",
  unreadable_quantity: "não entendi a quantidade entregue",
  unknown_order: "não encontrei o pedido",
  order_of_another_batch: "o pedido é de outro lote",
  order_refused: "o pedido não aceita quantidades entregues agora",
};

const DELIVERED_UNREADABLE: Record<Extract<WorkbookRefusal, { kind: "unreadable" }>["reason"], string> = {
  not_a_workbook: "não é uma planilha .xlsx",
  no_orders_sheet: "falta a aba Pedidos",
  no_batch_number: "não achei o número do lote no título",
  no_orders: "ela não tem pedidos",
  no_batch: "nenhum lote foi fechado ainda",
};

const PROVIDER_OUTCOMES: Record<ProviderDeliveryLine["outcome"], string> = {
  sent: "enviada",
  already_sent: "já tinha sido enviada",
  no_phone: "sem telefone cadastrado",
  no_sheet: "planilha ainda não pronta",
  failed: "não consegui enviar",
};

const unitName = (unit: Unit) => unitLabel(unit, "pt-BR");
const change = (line: { unit: Unit; beforeMilli: number; afterMilli: number; name: string }) => {
  if (line.beforeMilli === 0) return `• ${line.name}: novo, ${quantity(line.afterMilli, line.unit)}`;
  if (line.afterMilli === 0) return `• ${line.name}: ${quantity(line.beforeMilli, line.unit)} → sai do pedido`;
  return `• ${line.name}: ${quantity(line.beforeMilli, line.unit)} → ${quantity(line.afterMilli, line.unit)}`;
};
/** A label without its emoji, for inside a sentence. */
/** How far a news message got, for the entrepreneur's "pedido 42". */
const NEWS_STATES: Record<string, string> = {
  waiting: "ainda na fila",
  failed: "não foi entregue ⚠️",
  accepted: "enviado",
  sent: "enviado",
  delivered: "entregue no celular",
  read: "lido ✔✔",
};
const plain = (text: string) => text.replace(/\s*\p{Extended_Pictographic}/gu, "");
const who = (name: string | null, phone: string) => (name ? `${name} (${phone})` : phone);
const quantity = (quantityMilli: number, unit: Unit) => formatQuantity(WORDING, quantityMilli, unit);
const lines = (summary: OrderSummary) => formatSummaryLines(WORDING, summary);

const orderTitle = (summary: OrderSummary) => (summary.number ? `Pedido #${summary.number}` : "Seu pedido");

/** The line that links the public price list: said alone, and inside the catalog in brief. */
const priceListLink = (url: string) => `Todos os produtos com preços: ${url}`;

export const ptBR: Messages = {
  help: ({ entrepreneur }) =>
    [
      "Olá! Sou o assistente de pedidos 🛒",
      "• Mande sua lista: _2 kg de tomate, meia dúzia de ovos e 3 alfaces_",
      "• *catálogo*: produtos e preços",
      "• *status*: onde está seu pedido",
      "• *mais 1 kg de cebola*, *tira o coentro*, *troca tomate por 3 kg*: muda o pedido",
      "• *repetir último pedido*: o mesmo pedido da última vez",
      "• *cancelar*: cancela o pedido em aberto",
      "• *parar* / *voltar*: para ou volta a receber avisos (notícias dos pedidos sempre chegam)",
      ...(entrepreneur
        ? [
            "",
            "Comandos do lote:",
            "• *fechar lote*: fecha o lote e gera as planilhas",
            "• *resumo*: o lote aberto até agora",
            "• *lote a caminho* / *lote chegou* / *lote entregue*",
            "• *pedido 42 entregue* (ou a caminho, chegou), *cancelar pedido 42*",
            "• *perguntas*: perguntas de clientes esperando resposta",
            "• *responder #3 texto*: responde a pergunta no chat do cliente",
            "• *refazer planilhas*: tenta de novo as planilhas que falharam",
            "• *avisar clientes: texto*: manda um aviso a quem não pediu para parar",
            "• *fechar lote quinta 18h*: o lote fecha sozinho toda semana (*fechamento automático desligado* desfaz)",
            "• *clientes*: quantos clientes e quantos não querem avisos",
          ]
        : []),
    ].join("\n"),
  fallback: () =>
    "Não entendi 🤔 Mande sua lista de compras (ex.: _2 kg de tomate e 1 dúzia de ovos_), *catálogo* para ver os preços, *status* para ver seu pedido ou *ajuda*.",
  thanks: () => "Por nada! Quando quiser, é só mandar sua lista 😊",
  catalogEmpty: () => "O catálogo ainda está vazio. Volte daqui a pouco!",
  categoryChoices: () => ({ body: "Quer ver só uma categoria? Escolha aqui:", button: "Categorias" }),
  catalog: (sections) =>
    [
      "*Catálogo* 🧺",
      ...sections.flatMap((section) => [
        "",
        `*${section.category}*`,
        ...section.products.map(
          (product) => `• ${product.name}: ${formatReais(product.priceCents)}/${unitName(product.unit)}`,
        ),
      ]),
      "",
      "Para pedir, mande a lista: _2 kg de tomate e 1 maço de coentro_",
    ].join("\n"),
  priceListLink,
  catalogLink: (categories, url) =>
    [
      "*Catálogo* 🧺",
      ...(categories.length > 0
        ? ["", ...categories.map(({ category, products }) => `• ${category} (${products})`)]
        : []),
      "",
      priceListLink(url),
      "",
      categories.length > 0
        ? `Para ver os preços de uma categoria aqui, mande o nome dela (ex.: _${categories[0]?.category}_). Para pedir, mande a lista: _2 kg de tomate e 1 maço de coentro_`
        : "Para pedir, mande a lista: _2 kg de tomate e 1 maço de coentro_",
    ].join("\n"),
  draftSummary: (summary) => `${orderTitle(summary)}:\n${lines(summary)}\n\nResponda *SIM* para confirmar.`,
  orderConfirmed: (summary) =>
    `✅ ${orderTitle(summary)} confirmado!\n${lines(summary)}\n\nAvisaremos quando estiver a caminho.`,
  orderAlreadyClosed: (orderNumber) =>
    `O pedido #${orderNumber} já foi fechado e enviado aos fornecedores. Estes itens vão num pedido novo:`,
  orderNoLongerOpen: (orderNumber) =>
    `O pedido #${orderNumber} já foi fechado e enviado aos fornecedores: não dá mais para mudar nem cancelar.`,
  orderChanged: (summary) => `✏️ ${orderTitle(summary)} atualizado:\n${lines(summary)}`,
  notInOrder: (names) => `${names.join(", ")} não ${names.length > 1 ? "estão" : "está"} no seu pedido.`,
  nothingToRemove: () => "Você não tem pedido em aberto para mudar. Mande sua lista para começar um!",
  draftDiscarded: () => "Tudo bem, descartei a lista. Quando quiser, é só mandar outra.",
  summaryButtons: () => ["Confirmar", "Alterar", "Cancelar"],
  howToChange: () =>
    "Pode mandar o que quer mudar: mais itens (ex.: _1 kg de cebola_), _tira o tomate_ ou _troca o tomate por 3 kg_. Depois responda *SIM*.",
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
          `Quanto de ${product.name}? Vendemos por ${unitName(product.unit)} (ex.: _${product.unit === "kg" ? "1,5 kg" : `2 ${unitWords(product.unit, "pt-BR")[1]}`} de ${product.name.toLowerCase()}_).`,
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
  orderNotUnderstood: () => "Não consegui montar o pedido. Tente assim: _2 kg de tomate, 1 dúzia de ovos_.",
  statusNone: () => "Você não tem pedidos em andamento. Mande sua lista para fazer um!",
  statusList: (orders) =>
    orders
      .map(
        (order) => `*Pedido #${order.number}*: ${STATE_WORDS[order.status] ?? order.status}\n${lines(order.summary)}`,
      )
      .join("\n\n"),
  orderStatusNotification: (orderNumber, status) =>
    ORDER_NEWS[status]?.(orderNumber) ?? `Seu pedido #${orderNumber} mudou de situação.`,
  statusWords: (status) => STATE_WORDS[status] ?? status,
  sheetLabel: (providerName) => (providerName ? `de ${providerName}` : "consolidada"),
  recipientUnreachable: (phone, name) =>
    `⚠️ O WhatsApp diz que ${name ? `${name} (${phone})` : phone} não tem WhatsApp: parei de mandar avisos para esse número. Se a pessoa escrever de novo, volto a avisar.`,
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
  batchStatusChanged: (batchNumber, status, notified) =>
    `Lote ${batchNumber} ${LABELS[status] ?? status}. ${
      notified === 0
        ? "Nenhum cliente para avisar."
        : notified === 1
          ? "1 cliente avisado."
          : `${notified} clientes avisados.`
    }`,
  orderStatusChanged: (orderNumber, status) => `Pedido #${orderNumber} ${LABELS[status] ?? status}. Cliente avisado.`,
  transitionRefused: (what, from, to) =>
    `Não dá: ${what.kind === "order" ? `o pedido #${what.number}` : `o lote ${what.number}`} está ${plain(STATE_WORDS[from]?.split(";")[0] ?? from)} e não pode ser marcado como "${plain(LABELS[to] ?? to)}".`,
  orderNotFound: (orderNumber) => `Não encontrei o pedido #${orderNumber}.`,
  askDeliveryChoice: () =>
    "Como você prefere receber: *entrega* ou *retirada*? (Até você responder, fica como retirada.)",
  askAddress: () =>
    "Qual o endereço de entrega? Mande numa mensagem só: rua, número, bairro e um ponto de referência.\nEx.: _Rua das Flores, 12, Centro, perto da padaria_",
  addressVague: () =>
    "Preciso do endereço completo para o entregador achar: rua, número e bairro.\nEx.: _Rua das Flores, 12, Centro_",
  addressGivenUp: () =>
    "Sem o endereço completo, deixei como *retirada*. Quando quiser entrega, mande _mudar endereço_.",
  deliverySet: (delivery, orderNumbers) =>
    [
      delivery.kind === "delivery"
        ? `Combinado! Entrega em ${delivery.address}. Taxa de entrega: ${delivery.feeCents === 0 ? "grátis" : formatReais(delivery.feeCents)}.`
        : "Combinado! Você retira o pedido.",
      orderNumbers.length === 0
        ? ""
        : `Vale para ${orderNumbers.length === 1 ? "o pedido" : "os pedidos"} ${orderNumbers.map((number) => `#${number}`).join(", ")} e os próximos. Para mudar: _mudar endereço_ ou _vou retirar_.`,
    ]
      .filter(Boolean)
      .join("\n"),
  deliveryLine: (delivery) =>
    delivery.kind === "delivery"
      ? `🚚 Entrega em ${delivery.address} — taxa ${delivery.feeCents === 0 ? "grátis" : formatReais(delivery.feeCents)}`
      : "🏠 Retirada",
  deliveredSummary: (orderNumber, changes, beforeCents, afterCents) =>
    [
      `Pedido #${orderNumber}, entregue:`,
      ...changes.map(change),
      `Total final: ${formatReais(beforeCents)} → *${formatReais(afterCents)}*`,
      "",
      "Responda *SIM* para gravar.",
    ].join("\n"),
  deliveredUnchanged: (orderNumber) => `Nada muda no pedido #${orderNumber}: essas quantidades já estão gravadas.`,
  deliveredRecorded: (orderNumber, finalTotalCents) =>
    `Gravado. Pedido #${orderNumber}: total final ${formatReais(finalTotalCents)}. Mande _pedido ${orderNumber} pronto_ para avisar o cliente.`,
  deliveredDropped: () => "Ok, não gravei as quantidades.",
  deliveredNotInOrder: (orderNumber, products) =>
    `O pedido #${orderNumber} não tem ${products.join(" nem ")}. Nada foi gravado.`,
  deliveredInvalid: (orderNumber, problems) =>
    [
      `Não gravei nada no pedido #${orderNumber}:`,
      ...problems.map((problem) =>
        problem.kind === "not_whole"
          ? `• ${problem.name}: vendido por ${unitWords(problem.unit, "pt-BR")[0]}, use números inteiros.`
          : problem.kind === "too_large"
            ? `• ${problem.name}: no máximo ${quantity(problem.maxMilli, problem.unit)}.`
            : `• ${problem.name}: aparece duas vezes.`,
      ),
    ].join("\n"),
  deliveredRefused: (orderNumber, reason) =>
    reason === "order_not_closed"
      ? `O pedido #${orderNumber} ainda está aberto para mudanças; as quantidades entregues são gravadas depois que o lote fecha.`
      : reason === "order_cancelled"
        ? `O pedido #${orderNumber} foi cancelado.`
        : `O pedido #${orderNumber} já foi pago; o valor dele não muda mais.`,
  finalTotal: (notice) =>
    [
      `Seu pedido #${notice.orderNumber} foi separado e pesado.`,
      ...(notice.changes.length === 0
        ? ["Veio tudo como você pediu."]
        : ["O que mudou:", ...notice.changes.map(change)]),
      ...(notice.feeCents > 0 ? [`Taxa de entrega: ${formatReais(notice.feeCents)}`] : []),
      `*Total final: ${formatReais(notice.finalTotalCents)}*`,
      ...(notice.pix ? ["Pix copia e cola na próxima mensagem 👇"] : []),
    ].join("\n"),
  pixQrCaption: (orderNumber) =>
    `QR Code do Pix do pedido #${orderNumber}: pague pelo app do banco lendo o código, ou use o copia e cola acima.`,
  finalTotalsSent: (customers) =>
    customers === 0
      ? "Nenhum cliente para avisar: os totais finais já foram enviados e nada mudou."
      : `Total final enviado a ${plural(customers, "cliente", "clientes")}.`,
  paymentRecorded: (orderNumber, amountCents) =>
    `✅ Pagamento do pedido #${orderNumber} (${formatReais(amountCents)}) registrado.`,
  paymentAlready: (orderNumber, paidAt) =>
    `O pedido #${orderNumber} já estava pago (registrado em ${paidAt.toLocaleDateString("pt-BR", { timeZone: "America/Sao_Paulo" })}); não registrei de novo.`,
  paymentRefused: (orderNumber, reason) =>
    reason === "order_not_closed"
      ? `O pedido #${orderNumber} ainda está aberto para mudanças; o valor dele não está fechado.`
      : `O pedido #${orderNumber} foi cancelado; não há o que pagar.`,
  unpaidNone: () => "Ninguém devendo: todos os pedidos entregues estão pagos ✅",
  unpaidList: (orders, totalCents) =>
    [
      `💰 Falta pagar (${plural(orders.length, "pedido", "pedidos")}, ${formatReais(totalCents)}):`,
      ...orders.map(
        (order) =>
          `• #${order.number} ${who(order.name, order.phone)}: ${formatReais(order.amountDueCents)}${order.finalTotalKnown ? "" : " (sem pesagem)"}, ${order.days === 0 ? "entregue hoje" : `há ${plural(order.days, "dia", "dias")}`}`,
      ),
      "",
      "Para registrar: _pedido 42 pago_",
    ].join("\n"),
  orderDetails: (order) =>
    [
      `*Pedido #${order.number}* — ${who(order.name, order.phone)} — ${plain(STATE_WORDS[order.status]?.split(";")[0] ?? order.status)}`,
      ...order.lines.map(
        (line) =>
          `• ${line.name}: ${quantity(line.quantityMilli, line.unit)}${line.deliveredMilli === null || line.deliveredMilli === line.quantityMilli ? "" : ` → entregue ${line.deliveredMilli === 0 ? "nada" : quantity(line.deliveredMilli, line.unit)}`}`,
      ),
      order.delivery.kind === "delivery"
        ? `🚚 Entrega em ${order.delivery.address} — taxa ${formatReais(order.delivery.feeCents)}`
        : "🏠 Retirada",
      `Total pedido: ${formatReais(order.totalCents)}`,
      order.finalTotalCents === null
        ? "Total final: ainda sem pesagem"
        : `*Total final: ${formatReais(order.finalTotalCents)}*`,
      order.paidAt
        ? `Pagamento: pago ✅ (${order.paidAt.toLocaleDateString("pt-BR", { timeZone: "America/Sao_Paulo" })})`
        : "Pagamento: pendente",
      order.news === null
        ? "Nenhum aviso enviado ao cliente ainda."
        : `Último aviso (${plain(STATE_WORDS[order.news.status]?.split(";")[0] ?? order.news.status)}): ${NEWS_STATES[order.news.state] ?? order.news.state}`,
    ].join("\n"),
  orderMoney: (orders) =>
    orders
      .map(
        (order) =>
          `Pedido #${order.number}: ${order.finalTotalCents === null ? "total final depois da pesagem" : `total final ${formatReais(order.finalTotalCents)}`} — ${order.paid ? "pago ✅" : "pagamento pendente"}`,
      )
      .join("\n"),
  noClosedBatch: () => "Nenhum lote foi fechado ainda.",
  sheetReady: (providerName, batchNumber, url) =>
    `📄 Planilha ${providerName ? `de ${providerName}` : "consolidada"} do lote ${batchNumber}: ${url}`,
  sheetFailed: (providerName, batchNumber, error) =>
    `⚠️ Não consegui gerar a planilha ${providerName ? `de ${providerName}` : "consolidada"} do lote ${batchNumber}: ${error}. Mande *refazer planilhas* para tentar de novo.`,
  sheetsDone: (batchNumber, ready, failed) =>
    failed === 0
      ? `✅ Todas as ${ready} planilhas do lote ${batchNumber} estão prontas.`
      : `Lote ${batchNumber}: ${plural(ready, "planilha pronta", "planilhas prontas")}, ${failed} com falha.`,
  sheetsRetried: (batchNumber, count) =>
    `Tentando de novo ${plural(count, "planilha", "planilhas")} do lote ${batchNumber}.`,
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
  changePreview: (orderNumber, changes, totalCents) =>
    [
      `Pedido #${orderNumber}, como fica:`,
      ...changes.map(change),
      `*Novo total: ${formatReais(totalCents)}*`,
      "",
      "Responda *SIM* para confirmar a mudança.",
    ].join("\n"),
  askAddOrReplace: (items) =>
    [
      ...items.map(
        (item) =>
          `Seu pedido já tem ${quantity(item.currentMilli, item.unit)} de ${item.name}. Quer *somar* (fica ${quantity(item.currentMilli + item.askedMilli, item.unit)}) ou *trocar* (fica ${quantity(item.askedMilli, item.unit)})?`,
      ),
      "Responda *SOMAR* ou *TROCAR*.",
    ].join("\n"),
  chooseAddOrReplace: () =>
    "Responda *SOMAR* para somar ao que já está no pedido ou *TROCAR* para ficar só com o novo.",
  changeDropped: () => "Tudo bem, não mudei nada no pedido.",
  nothingChanges: () => "Seu pedido já está assim; não mudei nada.",
  takeOffTooMuch: (name, unit, currentMilli, askedMilli) =>
    currentMilli === 0
      ? `${name} não está no seu pedido.`
      : `Seu pedido tem ${quantity(currentMilli, unit)} de ${name}; não dá para tirar ${quantity(askedMilli, unit)}. Para tirar tudo, mande _tira ${name.toLowerCase()}_.`,
  lastItemCancels: (orderNumber) =>
    `Sem esse item o pedido #${orderNumber} fica vazio. Quer cancelar o pedido #${orderNumber}? Responda *SIM* para cancelar.`,
  catalogMore: () => "Tem mais produtos: mande *mais* para ver o resto.",
  replyCut: () => "(A resposta ficou longa demais e parou aqui.)",
  catalogEnd: () => "Esse é todo o catálogo. Para pedir, mande sua lista.",
  productInfo: (products, missing) =>
    [
      ...products.map(
        (product) =>
          `${product.name}: ${formatReais(product.priceCents)}/${unitName(product.unit)}. ${product.available ? "Temos, sim!" : "Acabou esta semana."}`,
      ),
      ...missing.map((item) =>
        item.suggestions.length > 0
          ? `Não vendemos "${item.text}". Temos ${item.suggestions.join(", ")}.`
          : `Não vendemos "${item.text}".`,
      ),
      ...(products.some((product) => product.available) ? ["Para pedir, mande a quantidade: _2 kg de tomate_."] : []),
    ].join("\n"),
  nothingToRepeat: () => "Você ainda não tem um pedido anterior para repetir. Mande sua lista!",
  repeatNothingLeft: (orderNumber, gone) =>
    `Os produtos do pedido #${orderNumber} (${gone.join(", ")}) não estão mais no catálogo. Mande sua lista nova!`,
  repeatSummary: (orderNumber, summary, gone, openOrderNumber) =>
    [
      `Repetindo o pedido #${orderNumber}, com os preços de hoje:`,
      lines(summary),
      ...(gone.length > 0 ? [`${gone.join(", ")} não ${gone.length > 1 ? "estão" : "está"} mais no catálogo.`] : []),
      ...(openOrderNumber ? [`Estes itens entram no pedido #${openOrderNumber}, que já está aberto.`] : []),
      "",
      "Responda *SIM* para confirmar.",
    ].join("\n"),
  questionPassedOn: (handoffNumber) =>
    `Não sei responder isso, então passei sua pergunta para a equipe (pergunta #${handoffNumber}). A resposta chega aqui mesmo.`,
  handoffReceived: (handoff) =>
    `❓ Pergunta #${handoff.number} de ${who(handoff.name, handoff.phone)}:\n"${handoff.text}"\n\nPara responder: _responder #${handoff.number} sua resposta_`,
  handoffAnswer: (text) => `💬 Resposta da equipe: ${text}`,
  answerSent: (handoffNumber, name, phone) => `Resposta enviada a ${who(name, phone)} (pergunta #${handoffNumber}).`,
  handoffNotFound: (target) =>
    target.startsWith("#")
      ? `Não encontrei a pergunta ${target}. Mande *perguntas* para ver as que estão em aberto.`
      : `Não encontrei pergunta do número ${target}. Mande *perguntas* para ver as que estão em aberto.`,
  questionsNone: () => "Nenhuma pergunta esperando resposta.",
  questionsList: (handoffs, total) =>
    [
      `${total === 1 ? "1 pergunta esperando" : `${total} perguntas esperando`} resposta:`,
      ...handoffs.map((handoff) => `• #${handoff.number} ${who(handoff.name, handoff.phone)}: "${handoff.text}"`),
      ...(total > handoffs.length ? [`… e mais ${total - handoffs.length}.`] : []),
      "",
      "Para responder: _responder #número sua resposta_",
    ].join("\n"),
  onlyText: () => "Só entendo texto por enquanto 🙂 Mande sua lista escrita.",
  voiceNote: () =>
    "Não consigo ouvir áudio 🙉 Pode escrever, por favor? Por exemplo: _2 kg de tomate e 1 dúzia de ovos_.",
  catalogPreview: (changes) =>
    [
      "📋 Esta planilha muda o catálogo assim:",
      ...formatCatalogChanges(CATALOG_WORDING, changes),
      "",
      changes.missing.length > 0
        ? `Responda *SIM* para aplicar (os que não estão na planilha continuam no catálogo), *SUBSTITUIR* para aplicar e desativar ${changes.missing.length === 1 ? "o que não está" : "os que não estão"} na planilha, ou *NÃO* para descartar.`
        : "Responda *SIM* para aplicar ou *NÃO* para descartar.",
    ].join("\n"),
  catalogUnchanged: () => "A planilha não muda nada no catálogo: preços, custos e disponibilidade já estão assim.",
  catalogRefused: (filename, problem) =>
    `Não consegui usar _${filename}_ como catálogo, e nada mudou: ${CATALOG_PROBLEMS[problem.kind](problem as never)}\n\nA planilha precisa das colunas sku, name, unit, price e provider (e, se quiser, cost e available), uma linha por produto.`,
  catalogTooLargeForChat: (products) =>
    `A planilha tem ${products} produtos, grande demais para aplicar pelo chat. Use _sisconf catalog import_ no servidor. Nada mudou.`,
  catalogImported: (changes, deactivated) =>
    [
      "✅ Catálogo atualizado.",
      ...formatCatalogChanges(CATALOG_WORDING, { ...changes, missing: [] }),
      ...(deactivated > 0 ? [`${plural(deactivated, "produto desativado", "produtos desativados")}.`] : []),
    ].join("\n"),
  documentDropped: () => "Tudo bem, descartei a planilha. Nada mudou.",
  nothingToReplace: () =>
    "A planilha não deixa nenhum produto de fora: responda *SIM* para aplicar ou *NÃO* para descartar.",
  deliveredPreview: (preview) =>
    preview.problems.length > 0
      ? [
          "Não consegui usar a planilha de separação, e nada mudou:",
          ...preview.problems.map(
            (problem) => `• Linha ${problem.row} (pedido #${problem.orderNumber}): ${DELIVERED_PROBLEMS[problem.kind]}`,
          ),
        ].join("\n")
      : [
          `📦 Planilha de separação do lote ${preview.batchNumber}:`,
          ...preview.orders.map(
            (order) =>
              `• Pedido #${order.orderNumber}: ${order.changed === 0 ? "sem mudança" : plural(order.changed, "item muda", "itens mudam")}, total final ${formatReais(order.finalTotalCents)}`,
          ),
          "",
          "Responda *SIM* para registrar as quantidades entregues ou *NÃO* para descartar.",
        ].join("\n"),
  deliveredStale: () =>
    "Os pedidos mudaram desde que li a planilha (um foi pago ou cancelado?), e nada foi registrado. Mande a planilha de novo.",
  workbookRecorded: (batchNumber, orders) =>
    `✅ Quantidades entregues do lote ${batchNumber} registradas (${plural(orders, "pedido", "pedidos")}).`,
  workbookRefused: (refusal) =>
    `Não consegui ler a planilha de separação, e nada mudou: ${
      refusal.kind === "other_batch"
        ? `ela é do lote ${refusal.workbookBatchNumber}, e o último lote fechado é o ${refusal.expectedBatchNumber}`
        : DELIVERED_UNREADABLE[refusal.reason]
    }.`,
  priceChanged: (name, fromCents, toCents) =>
    fromCents === toCents
      ? `${name} já custa ${formatReais(toCents)}. Nada mudou.`
      : `✅ Preço de ${name}: ${formatReais(fromCents)} → ${formatReais(toCents)}. Vale para os próximos pedidos.`,
  priceRefused: (text) => `"${text}" não é um preço. Escreva assim: _preço tomate 8,50_. Nada mudou.`,
  priceTooHigh: (maxCents) => `O preço pode ser no máximo ${formatReais(maxCents)} por unidade. Nada mudou.`,
  orderTooLong: (maxProducts) =>
    `Um pedido tem no máximo ${maxProducts} produtos diferentes, e este passaria disso. Nada mudou: tire algum item ou faça outro pedido no próximo lote.`,
  batchFull: () =>
    "O lote desta semana já está completo e não recebe mais pedidos. Desculpe! Assim que abrir o próximo, é só mandar sua lista.",
  productNotSold: (name) =>
    `Não vendemos "${name}". Produto novo só entra por planilha: mande a planilha do catálogo com ele. Nada mudou.`,
  availabilityChanged: (name, available, customersTold) =>
    available
      ? `✅ ${name} voltou ao catálogo.`
      : `✅ ${name} marcado como esgotado.${customersTold > 0 ? ` ${plural(customersTold, "cliente avisado", "clientes avisados")} (têm no pedido).` : ""}`,
  availabilityUnchanged: (name, available) =>
    available ? `${name} já está disponível. Nada mudou.` : `${name} já está marcado como esgotado. Nada mudou.`,
  productSoldOut: (productName, orderNumber) =>
    `⚠️ ${productName} acabou esta semana. Seu pedido #${orderNumber} ainda tem o item, mas ele aparece como esgotado e pode não vir. Quer trocar por outra coisa? É só mandar.`,
  unconfirmedLists: (lists) =>
    lists.length === 0
      ? "Nenhuma lista esperando confirmação."
      : [
          `📝 ${plural(lists.length, "lista ainda não confirmada", "listas ainda não confirmadas")}:`,
          ...lists.map((list) => `• ${who(list.name, list.phone)}: ${plural(list.items, "item", "itens")}`),
        ].join("\n"),
  sheetLinks: (batchNumber, sheets) =>
    [
      `📄 Planilhas do lote ${batchNumber} (links novos):`,
      ...sheets.map((sheet) => `• ${sheet.providerName ?? "Consolidada"}: ${sheet.url}`),
    ].join("\n"),
  noSheetLinks: (batchNumber) =>
    `O lote ${batchNumber} não tem planilhas prontas. Se alguma falhou, mande *refazer planilhas*.`,
  batchNotFound: (batchNumber) => `Não encontrei o lote ${batchNumber}.`,
  providerSheet: (businessName, providerName, batchNumber) =>
    `Olá, ${providerName}! Segue o pedido de ${businessName} do lote ${batchNumber}.`,
  providerDeliveries: (batchNumber, lines) =>
    [
      `📤 Planilhas do lote ${batchNumber} aos fornecedores:`,
      ...lines.map((line) => `• ${line.providerName}: ${PROVIDER_OUTCOMES[line.outcome]}`),
    ].join("\n"),
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
  sessionLost: ({ kind, at, backAt }) => {
    const what =
      kind === "logged_out"
        ? "foi desconectado no celular"
        : kind === "refused"
          ? "teve a sessão recusada pelo WhatsApp"
          : "perdeu a conexão";
    if (backAt) {
      return `⚠️ O WhatsApp do bot ${what} ${at} e voltou ${backAt}. O que o bot tinha para enviar nesse tempo ficou guardado e foi enviado quando ele voltou.`;
    }
    return kind === "dropped"
      ? `⚠️ O WhatsApp do bot ${what} ${at}. O SISCONF reconecta sozinho; a página /whatsapp mostra como está. O que o bot tem para enviar fica guardado até lá.`
      : `⚠️ O WhatsApp do bot ${what} ${at}. Abra a página /whatsapp e escaneie o novo código com o celular do bot. O que o bot tem para enviar fica guardado até lá.`;
  },
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
