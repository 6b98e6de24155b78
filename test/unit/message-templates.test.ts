import { describe, expect, test } from "vitest";
import { en } from "../../bot/dialogue/messages/en.ts";
import type { Messages, OrderSummary } from "../../bot/dialogue/messages/messages.ts";
import { ptBR } from "../../bot/dialogue/messages/pt-br.ts";
import type { CatalogChanges } from "../../core/app/plan-catalog-import.ts";

const summary: OrderSummary = {
  number: 3,
  lines: [
    { name: "Tomate", unit: "kg", quantityMilli: 1500, totalCents: 1125 },
    { name: "Cebola", unit: "kg", quantityMilli: 250, totalCents: 150 },
    { name: "Ovos Caipira", unit: "dz", quantityMilli: 500, totalCents: 750 },
    { name: "Alface", unit: "un", quantityMilli: 2000, totalCents: 500 },
  ],
  totalCents: 2525,
};
const figures = {
  number: 4,
  orders: 12,
  items: 40,
  totalCents: 123_450,
  providers: [{ name: "Hortifruti Silva", items: 30, totalCents: 90_000 }],
};
const catalogChanges: CatalogChanges = {
  added: [{ sku: "abacate", name: "Abacate", priceCents: 900, available: true }],
  priceChanges: [{ sku: "tomate", name: "Tomate", fromCents: 750, toCents: 850 }],
  costChanges: [{ sku: "tomate", name: "Tomate", fromCents: null, toCents: 500 }],
  availabilityChanges: [{ sku: "morango", name: "Morango", available: false }],
  otherChanges: [{ sku: "alface", name: "Alface Crespa", fields: ["name"] }],
  missing: [{ sku: "coentro", name: "Coentro" }],
  unchanged: 12,
};
const manyChanges: CatalogChanges = {
  ...catalogChanges,
  priceChanges: Array.from({ length: 12 }, (_, index) => ({
    sku: `produto-${index}`,
    name: `Produto ${index}`,
    fromCents: 100 + index,
    toCents: 200 + index,
  })),
  missing: Array.from({ length: 39 }, (_, index) => ({ sku: `antigo-${index}`, name: `Antigo ${index}` })),
};
const STATUSES = ["received", "placed", "on_the_way", "arrived", "delivered", "cancelled"];
const handoff = { number: 7, name: "Ana", phone: "5584999990001", text: "vocês entregam no sábado?" };

/**
 * Every template with typical values, several sets where the words change with them (each status, one or many).
 * Typed by the Messages interface: a template added without an entry here does not compile.
 */
const CALLS: { [Key in keyof Messages]: Parameters<Messages[Key]>[] } = {
  help: [[{ entrepreneur: false }], [{ entrepreneur: true }]],
  fallback: [[]],
  thanks: [[]],
  catalogEmpty: [[]],
  categoryChoices: [[]],
  summaryButtons: [[]],
  howToChange: [[]],
  statusWords: STATUSES.map((status) => [status]),
  sheetLabel: [["Hortifruti Sertão"], [null]],
  recipientUnreachable: [
    ["5584999990001", "Ana"],
    ["5584999990001", null],
  ],
  catalog: [[[{ category: "Legumes", products: [{ name: "Tomate", unit: "kg", priceCents: 750 }] }]]],
  catalogLink: [
    [
      [
        { category: "Legumes", products: 12 },
        { category: "Frutas", products: 1 },
      ],
      "https://quitanda.example/catalogo",
    ],
    [[], "https://quitanda.example/catalogo"],
  ],
  draftSummary: [[{ ...summary, number: undefined } as OrderSummary]],
  orderConfirmed: [[summary], [{ ...summary, lines: summary.lines.map((line) => ({ ...line, unavailable: true })) }]],
  orderChanged: [[summary]],
  orderAlreadyClosed: [[11]],
  orderNoLongerOpen: [[11]],
  notInOrder: [[["Coentro"]], [["Coentro", "Alface"]]],
  nothingToRemove: [[]],
  draftDiscarded: [[]],
  confirmCancel: [[3]],
  nothingToConfirm: [[]],
  nothingToCancel: [[]],
  cancelKept: [[]],
  unknownProducts: [
    [
      [
        { text: "picanha", suggestions: [] },
        { text: "tomatinho", suggestions: ["Tomate"] },
      ],
    ],
  ],
  clarifyQuantities: [
    [
      [
        { name: "Cebola", unit: "kg" },
        { name: "Coentro", unit: "maco" },
      ],
    ],
  ],
  refusedQuantities: [
    [
      [
        { text: "-2 kg de tomate", reason: "not_positive" },
        { text: "5000 kg de tomate", reason: "too_large" },
        { text: "1,23456 kg de uva", reason: "too_precise" },
      ],
    ],
  ],
  orderNotUnderstood: [[]],
  statusNone: [[]],
  statusList: STATUSES.map((status) => [[{ number: 3, status, summary }]]),
  orderStatusNotification: STATUSES.map((status) => [3, status]),
  batchClosed: [[figures, 2]],
  batchEmpty: [[]],
  batchSummary: [[figures]],
  batchStatusChanged: [
    [4, "on_the_way", 0],
    [4, "arrived", 1],
    [4, "delivered", 4],
  ],
  orderStatusChanged: STATUSES.map((status) => [5, status]),
  transitionRefused: [
    [{ kind: "order", number: 5 }, "delivered", "on_the_way"],
    [{ kind: "order", number: 5 }, "arrived", "cancelled"],
    [{ kind: "batch", number: 4 }, "arrived", "on_the_way"],
  ],
  orderNotFound: [[42]],
  askDeliveryChoice: [[]],
  askAddress: [[]],
  addressVague: [[]],
  addressGivenUp: [[]],
  deliverySet: [
    [{ kind: "delivery", address: "Rua das Flores, 12 - Centro (portão azul)", feeCents: 500 }, [3]],
    [{ kind: "delivery", address: "Rua B, 1 - Lagoa Nova", feeCents: 0 }, [3, 4]],
    [{ kind: "pickup", address: null, feeCents: 0 }, []],
  ],
  deliveryLine: [
    [{ kind: "delivery", address: "Rua das Flores, 12 - Centro", feeCents: 750 }],
    [{ kind: "pickup", address: null, feeCents: 0 }],
  ],
  deliveredSummary: [
    [
      42,
      [
        { name: "Tomate", unit: "kg", beforeMilli: 2000, afterMilli: 2150 },
        { name: "Alface", unit: "un", beforeMilli: 2000, afterMilli: 0 },
      ],
      2525,
      2438,
    ],
  ],
  deliveredUnchanged: [[42]],
  deliveredRecorded: [[42, 2438]],
  deliveredDropped: [[]],
  deliveredNotInOrder: [
    [42, ["Alface"]],
    [42, ["Alface", "Coentro"]],
  ],
  deliveredInvalid: [
    [
      42,
      [
        { kind: "not_whole", name: "Alface", unit: "un" },
        { kind: "too_large", name: "Tomate", unit: "kg", maxMilli: 4000 },
        { kind: "given_twice", name: "Cebola" },
      ],
    ],
  ],
  deliveredRefused: [
    [42, "order_not_closed"],
    [42, "order_cancelled"],
    [42, "order_paid"],
  ],
  finalTotal: [
    [
      {
        orderNumber: 42,
        changes: [{ name: "Tomate", unit: "kg", beforeMilli: 2000, afterMilli: 2150 }],
        feeCents: 500,
        finalTotalCents: 2938,
        pix: true,
      },
    ],
    [{ orderNumber: 42, changes: [], feeCents: 0, finalTotalCents: 2525, pix: false }],
  ],
  finalTotalsSent: [[0], [1], [12]],
  pixQrCaption: [[42]],
  sessionLost: (["logged_out", "refused", "dropped"] as const).flatMap((kind) => [
    [{ kind, at: "domingo, 06/12, às 14:02", backAt: null }],
    [{ kind, at: "domingo, 06/12, às 14:02", backAt: "domingo, 06/12, às 14:30" }],
  ]),
  paymentRecorded: [[42, 2938]],
  paymentAlready: [[42, new Date("2026-03-10T15:00:00Z")]],
  paymentRefused: [
    [42, "order_not_closed"],
    [42, "order_cancelled"],
  ],
  unpaidNone: [[]],
  unpaidList: [
    [
      [
        { number: 42, name: "Ana", phone: "5584999990001", amountDueCents: 2938, finalTotalKnown: true, days: 3 },
        { number: 43, name: null, phone: "5584999990002", amountDueCents: 1200, finalTotalKnown: false, days: 0 },
      ],
      4138,
    ],
  ],
  orderDetails: [
    [
      {
        number: 42,
        name: "Ana",
        phone: "5584999990001",
        status: "delivered",
        lines: [
          { name: "Tomate", unit: "kg", quantityMilli: 2000, deliveredMilli: 2150 },
          { name: "Alface", unit: "un", quantityMilli: 2000, deliveredMilli: null },
        ],
        totalCents: 2525,
        delivery: { kind: "delivery", address: "Rua das Flores, 12 - Centro", feeCents: 500 },
        finalTotalCents: 2938,
        paidAt: new Date("2026-03-10T15:00:00Z"),
        news: { state: "read", status: "delivered" },
      },
    ],
    [
      {
        number: 43,
        name: null,
        phone: "5584999990002",
        status: "placed",
        lines: [{ name: "Alface", unit: "un", quantityMilli: 1000, deliveredMilli: 0 }],
        totalCents: 250,
        delivery: { kind: "pickup", address: null, feeCents: 0 },
        finalTotalCents: null,
        paidAt: null,
        news: null,
      },
    ],
  ],
  orderMoney: [
    [
      [
        { number: 42, finalTotalCents: 2938, paid: true },
        { number: 43, finalTotalCents: null, paid: false },
      ],
    ],
  ],
  noClosedBatch: [[]],
  sheetReady: [
    ["Hortifruti Silva", 4, "https://example.test/a.xlsx"],
    [null, 4, "https://example.test/b.xlsx"],
  ],
  sheetFailed: [["Hortifruti Silva", 4, "timeout"]],
  sheetsDone: [
    [4, 3, 0],
    [4, 2, 1],
    [4, 1, 2],
  ],
  sheetsRetried: [
    [4, 1],
    [4, 2],
  ],
  nothingToRetry: [[]],
  adminGranted: [["5584999990002"]],
  adminAlready: [["5584999990002"]],
  adminRevoked: [["5584999990002"]],
  adminNotAdmin: [["5584999990002"]],
  adminSelfRevoke: [[]],
  adminPhoneInvalid: [["abc"], [""]],
  adminsFixed: [[]],
  adminUnavailable: [[]],
  changePreview: [
    [
      3,
      [
        { name: "Cebola", unit: "kg", beforeMilli: 2000, afterMilli: 1000 },
        { name: "Coentro", unit: "maco", beforeMilli: 1000, afterMilli: 0 },
        { name: "Ovos Caipira", unit: "dz", beforeMilli: 0, afterMilli: 500 },
      ],
      2050,
    ],
  ],
  askAddOrReplace: [[[{ name: "Cebola", unit: "kg", currentMilli: 2000, askedMilli: 1000 }]]],
  chooseAddOrReplace: [[]],
  changeDropped: [[]],
  nothingChanges: [[]],
  takeOffTooMuch: [
    ["Batata", "kg", 1000, 2000],
    ["Batata", "kg", 0, 2000],
  ],
  lastItemCancels: [[3]],
  catalogMore: [[]],
  replyCut: [[]],
  catalogEnd: [[]],
  productInfo: [
    [[{ name: "Tomate", unit: "kg", priceCents: 750, available: true }], []],
    [[{ name: "Morango", unit: "bandeja", priceCents: 1200, available: false }], []],
    [[], [{ text: "abacate", suggestions: [] }]],
    [[], [{ text: "cebola roxa", suggestions: ["Cebola"] }]],
  ],
  nothingToRepeat: [[]],
  repeatNothingLeft: [[9, ["Caviar"]]],
  repeatSummary: [
    [9, summary, [], null],
    [9, summary, ["Caviar"], 12],
  ],
  questionPassedOn: [[7]],
  handoffReceived: [[handoff], [{ ...handoff, name: null }]],
  handoffAnswer: [["Entregamos sim, das 8h às 12h."]],
  answerSent: [
    [7, "Ana", "5584999990001"],
    [7, null, "5584999990001"],
  ],
  handoffNotFound: [["#9"], ["5584999990009"]],
  questionsNone: [[]],
  questionsList: [
    [[handoff], 1],
    [[handoff], 25],
  ],
  onlyText: [[]],
  voiceNote: [[]],
  catalogPreview: [[catalogChanges], [{ ...catalogChanges, missing: [] }], [manyChanges]],
  catalogUnchanged: [[]],
  catalogRefused: [
    ["precos.csv", { kind: "uneven_row", row: 3, unquotedComma: true }],
    ["precos.csv", { kind: "uneven_row", row: 3, unquotedComma: false }],
    ["precos.xlsx", { kind: "bad_cell", row: 7, column: "price" }],
    ["precos.xlsx", { kind: "bad_cell", row: 7, column: null }],
    ["precos.csv", { kind: "missing_columns", columns: ["unit", "provider"] }],
    ["precos.csv", { kind: "empty" }],
    ["precos.csv", { kind: "too_large" }],
    ["foto.pdf", { kind: "unreadable" }],
  ],
  catalogTooLargeForChat: [[25_000]],
  catalogImported: [
    [catalogChanges, 0],
    [catalogChanges, 1],
    [catalogChanges, 39],
  ],
  documentDropped: [[]],
  nothingToReplace: [[]],
  deliveredPreview: [
    [
      {
        batchNumber: 3,
        orders: [
          { orderNumber: 42, changed: 2, finalTotalCents: 3150 },
          { orderNumber: 43, changed: 0, finalTotalCents: 1200 },
        ],
        problems: [],
      },
    ],
    [
      {
        batchNumber: 3,
        orders: [],
        problems: [
          { row: 12, orderNumber: 42, kind: "not_in_order" },
          { row: 14, orderNumber: 43, kind: "unreadable_quantity" },
        ],
      },
    ],
  ],
  deliveredStale: [[]],
  workbookRecorded: [
    [3, 1],
    [3, 12],
  ],
  workbookRefused: [
    [{ kind: "unreadable", reason: "no_orders_sheet" }],
    [{ kind: "unreadable", reason: "not_a_workbook" }],
    [{ kind: "other_batch", workbookBatchNumber: 2, expectedBatchNumber: 3 }],
  ],
  priceChanged: [
    ["Tomate", 750, 850],
    ["Tomate", 850, 850],
  ],
  priceRefused: [["8,5O"]],
  priceTooHigh: [[1_000_000]],
  orderTooLong: [[200]],
  batchFull: [[]],
  productNotSold: [["abacate"]],
  availabilityChanged: [
    ["Morango", false, 0],
    ["Morango", false, 1],
    ["Morango", false, 3],
    ["Morango", true, 0],
  ],
  availabilityUnchanged: [
    ["Morango", false],
    ["Morango", true],
  ],
  productSoldOut: [["Morango", 42]],
  unconfirmedLists: [
    [[]],
    [
      [
        { name: "Ana", phone: "5584999990001", items: 1 },
        { name: null, phone: "5584999990002", items: 3 },
      ],
    ],
  ],
  sheetLinks: [
    [
      3,
      [
        { providerName: "Hortifruti Silva", url: "https://files.example/lote-3-silva.xlsx?sig=1" },
        { providerName: null, url: "https://files.example/lote-3.xlsx?sig=2" },
      ],
    ],
  ],
  noSheetLinks: [[3]],
  batchNotFound: [[9]],
  providerSheet: [["Horta da Ana", "Hortifruti Silva", 3]],
  providerDeliveries: [
    [
      3,
      [
        { providerName: "Hortifruti Silva", outcome: "sent" },
        { providerName: "Granja Boa", outcome: "already_sent" },
        { providerName: "Laticínios Sul", outcome: "no_phone" },
        { providerName: "Padaria", outcome: "no_sheet" },
        { providerName: "Frutas Norte", outcome: "failed" },
      ],
    ],
  ],
  tooLong: [[4096]],
  slowDown: [[]],
  tryAgainSoon: [[]],
  pendingExpired: [[]],
  formatMoney: [[750], [123_456]],
  announcement: [["Chegaram as mangas! 🥭"]],
  announcementQueued: [
    [0, 0],
    [1, 0],
    [120, 1],
    [120, 3],
  ],
  announcementEmpty: [[]],
  announcementTooLong: [[4000]],
  announcementsStopped: [[true], [false]],
  announcementsResumed: [[true], [false]],
  customersCount: [
    [1, 0],
    [120, 1],
    [120, 3],
  ],
  closeReminder: [[4, "quinta-feira, 10/12, às 18:00"]],
  scheduledClose: [
    [4, "closed"],
    [4, "empty"],
  ],
  closeScheduleSet: [
    ["quinta-feira, 10/12, às 18:00", 6],
    ["quinta-feira, 10/12, às 18:00", 1],
    ["quinta-feira, 10/12, às 18:00", 0],
  ],
  closeScheduleOff: [[]],
  closeScheduleUnclear: [[]],
  batchClosesAt: [["quinta-feira, 10/12, às 18:00"]],
  formatMoment: [
    [new Date("2026-12-10T21:00:00Z"), "America/Fortaleza"],
    [new Date("2026-07-02T16:00:00Z"), "Europe/Berlin"],
  ],
  formatQuantity: [
    [250, "kg"],
    [1500, "kg"],
    [500, "dz"],
    [1500, "dz"],
    [1250, "dz"],
    [2000, "un"],
    [500, "l"],
  ],
};

/** What a native speaker would never write, nor a careful template produce. */
const WRONG: [string, RegExp][] = [
  [
    "a status verb after 'está' / 'is'",
    /\b(está|estão|is|are) (chegou|chegaram|arrived|entregou|delivered ✅\.|encomendado aos fornecedores\.)/,
  ],
  ["'0,5 dúzia' instead of 'meia dúzia'", /\b0[,.]5 (dúzia|dozen)/],
  ["a fraction of a kg instead of grams", /\b0[,.]\d+ ?kg\b/],
  ["a number glued to its unit", /\d(kg|g|ml)\b/],
  ["an unfilled value", /undefined|null|NaN|\[object|\$\{/],
  ["a doubled word", /(?<!\p{L})(\p{L}+) \1(?!\p{L})/iu],
  ["a doubled full stop", /(?<!\.)\.\.(?!\.)/],
  ["a space before punctuation", / [,.;:!?](?!\w)/],
];

/** Words of the other language that give a template away as untranslated. */
const FOREIGN: Record<"pt-BR" | "en", RegExp> = {
  "pt-BR": /\b(the|your|order|delivered|please)\b/i,
  en: /\b(pedido|você|seu|entregue|por favor)\b/i,
};

describe.each([
  ["pt-BR", ptBR],
  ["en", en],
] as const)("every message template in %s", (language, messages) => {
  const rendered = Object.entries(CALLS).flatMap(([key, calls]) =>
    (calls as unknown[][]).map((args, index) => {
      const template = messages[key as keyof Messages] as (...values: unknown[]) => unknown;
      const value = template(...args);
      // Button titles and list labels are checked as the words they are.
      return {
        name: `${key}#${index + 1}`,
        text: typeof value === "string" ? value : Object.values(value as object).join("\n"),
      };
    }),
  );

  test("covers every template of the language", () => {
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(messages).sort());
  });

  test.each(WRONG)("never has %s", (_label, pattern) => {
    const found = rendered.filter(({ text }) => pattern.test(text)).map(({ name, text }) => `${name}: ${text}`);
    expect(found).toEqual([]);
  });

  test("is written in its own language", () => {
    const found = rendered
      // Phones, admin words and the customer's own question are quoted as they are.
      .filter(({ name }) => !/^(admin|handoff|questionsList)/.test(name))
      .filter(({ text }) => FOREIGN[language].test(text))
      .map(({ name, text }) => `${name}: ${text}`);
    expect(found).toEqual([]);
  });

  test("says natural quantities", () => {
    const quantity = (milli: number, unit: Parameters<Messages["formatQuantity"]>[1]) =>
      messages.formatQuantity(milli, unit);
    const expected =
      language === "pt-BR"
        ? ["250 g", "1,5 kg", "meia dúzia", "1 dúzia e meia", "15 unidades", "500 ml"]
        : ["250 g", "1.5 kg", "half a dozen", "a dozen and a half", "15 units", "500 ml"];
    expect([
      quantity(250, "kg"),
      quantity(1500, "kg"),
      quantity(500, "dz"),
      quantity(1500, "dz"),
      quantity(1250, "dz"),
      quantity(500, "l"),
    ]).toEqual(expected);
  });
});
