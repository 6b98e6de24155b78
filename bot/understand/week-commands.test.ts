import { describe, expect, it } from "vitest";
import { readWeekCommand } from "./week-commands.ts";

describe("the week's commands", () => {
  it.each([
    ["avisar clientes: Chegaram as mangas!", { kind: "announce", text: "Chegaram as mangas!", language: "pt-BR" }],
    [
      "Avisar clientes:\nLote aberto\natéquinta",
      { kind: "announce", text: "Lote aberto\natéquinta", language: "pt-BR" },
    ],
    ["avise os clientes - promoção de tomate", { kind: "announce", text: "promoção de tomate", language: "pt-BR" }],
    ["avisar clientes:", { kind: "announce", text: "", language: "pt-BR" }],
    ["tell customers: mangoes are in", { kind: "announce", text: "mangoes are in", language: "en" }],
    ["parar", { kind: "stop_announcements", language: "pt-BR" }],
    ["PARAR", { kind: "stop_announcements", language: "pt-BR" }],
    ["Parar avisos.", { kind: "stop_announcements", language: "pt-BR" }],
    ["não quero mais avisos", { kind: "stop_announcements", language: "pt-BR" }],
    ["stop", { kind: "stop_announcements", language: "en" }],
    ["voltar", { kind: "resume_announcements", language: "pt-BR" }],
    ["Voltar a receber avisos", { kind: "resume_announcements", language: "pt-BR" }],
    ["resume", { kind: "resume_announcements", language: "en" }],
    ["clientes", { kind: "count_customers", language: "pt-BR" }],
    ["customers", { kind: "count_customers", language: "en" }],
    ["fechamento automático desligado", { kind: "close_schedule_off", language: "pt-BR" }],
    ["desligar fechamento automatico", { kind: "close_schedule_off", language: "pt-BR" }],
    ["automatic closing off", { kind: "close_schedule_off", language: "en" }],
  ])("reads %j", (text, expected) => {
    expect(readWeekCommand(text)).toEqual(expected);
  });

  it.each([
    ["fechar lote quinta 18h", 4, 18, 0],
    ["Fechar lote quinta-feira às 18h", 4, 18, 0],
    ["fechar lote toda quinta 18:30", 4, 18, 30],
    ["fechar o lote sábado 9h", 6, 9, 0],
    ["fechar lote sexta 17h45", 5, 17, 45],
    ["fechamento do lote terça às 20 horas", 2, 20, 0],
    ["close batch thursday 6pm", 4, 18, 0],
    ["close the batch every friday at 9:30 am", 5, 9, 30],
    ["close batch sun 12am", 0, 0, 0],
  ])("reads the schedule in %j", (text, weekday, hour, minute) => {
    expect(readWeekCommand(text)).toMatchObject({ kind: "close_schedule", schedule: { weekday, hour, minute } });
  });

  it.each(["fechar lote quinta", "fechar lote quinta 25h", "fechar lote quinta de manhã", "close batch thursday 13pm"])(
    "asks again for a day and time it cannot read in %j",
    (text) => {
      expect(readWeekCommand(text)).toMatchObject({ kind: "close_schedule", schedule: null });
    },
  );

  it.each([
    "fechar lote",
    "fechar",
    "2kg de tomate",
    "quero parar de comer doce e levar 1kg de maçã",
    "o cliente pediu",
    "voltou morango",
    "acabou morango",
    "pedido 42 entregue",
  ])("leaves %j to the rest of the reader", (text) => {
    expect(readWeekCommand(text)).toBeNull();
  });
});
