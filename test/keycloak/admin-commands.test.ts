import { describe, expect, it } from "vitest";
import { readAdminCommand, runAdminCommand } from "../../bot/dialogue/admin-commands.ts";
import { en } from "../../bot/dialogue/messages/en.ts";
import { ptBR } from "../../bot/dialogue/messages/pt-br.ts";
import { createBuiltInIdentity } from "../../core/identity/built-in-identity.ts";

describe("admin commands in chat", () => {
  it.each([
    ["adicionar admin 5584999990001", { action: "grant", target: "5584999990001", language: "pt-BR" }],
    ["Adicionar o admin +55 (84) 99999-0001.", { action: "grant", target: "+55 (84) 99999-0001", language: "pt-BR" }],
    ["remover admin 5584999990001", { action: "revoke", target: "5584999990001", language: "pt-BR" }],
    ["tirar administradora 5584999990001", { action: "revoke", target: "5584999990001", language: "pt-BR" }],
    ["add admin 5584999990001", { action: "grant", target: "5584999990001", language: "en" }],
    ["remove an admin 5584999990001!", { action: "revoke", target: "5584999990001", language: "en" }],
    ["add admin", { action: "grant", target: "", language: "en" }],
  ])("reads %j", (text, expected) => {
    expect(readAdminCommand(text)).toEqual(expected);
  });

  it.each(["2kg de tomate", "adicionar 2kg de tomate", "admin", "remover coentro", "adminadicionar 5584999990001"])(
    "leaves %j to the rest of the dialogue",
    (text) => {
      expect(readAdminCommand(text)).toBeNull();
    },
  );

  it("answers with the built-in identity that ADMIN_PHONES is fixed by configuration", async () => {
    const identity = createBuiltInIdentity({ apiToken: "x".repeat(20), adminPhones: ["5584999990001"] });
    const run = (text: string, messages = ptBR) => {
      const command = readAdminCommand(text);
      if (!command) throw new Error("not a command");
      return runAdminCommand({ identity, businessId: 1, senderPhone: "5584999990001", command, messages });
    };
    expect(await run("adicionar admin 5584999990002")).toBe(ptBR.adminsFixed());
    expect(await run("remove admin 5584999990002", en)).toBe(en.adminsFixed());
    expect(await run("adicionar admin 99")).toBe(ptBR.adminPhoneInvalid("99"));
    expect(await run("remover admin 5584999990001")).toBe(ptBR.adminSelfRevoke());
    expect(await identity.isEntrepreneur(1, "5584999990002")).toBe(false);
  });
});
