import { describe, expect, it } from "vitest";
import { readAdminCommand, roleChangeText } from "../../bot/dialogue/admin-commands.ts";
import { en } from "../../bot/dialogue/messages/en.ts";
import { ptBR } from "../../bot/dialogue/messages/pt-br.ts";
import { renderNotification } from "../../bot/dialogue/render-notification.ts";

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

  it.each([
    ["granted", ptBR, ptBR.adminGranted("5584999990002")],
    ["already_entrepreneur", ptBR, ptBR.adminAlready("5584999990002")],
    ["revoked", en, en.adminRevoked("5584999990002")],
    ["not_entrepreneur", en, en.adminNotAdmin("5584999990002")],
    ["fixed_by_configuration", ptBR, ptBR.adminsFixed()],
    ["unavailable", en, en.adminUnavailable()],
  ] as const)("words the outcome %s for the entrepreneur who asked", (outcome, messages, expected) => {
    expect(roleChangeText(messages, "5584999990002", outcome)).toBe(expected);
  });

  it("tells the outcome in the command's language, whatever the recipient's", () => {
    const payload = { kind: "role_change", phone: "5584999990002", outcome: "revoked", language: "en" } as const;
    expect(renderNotification(payload, "pt-BR").text).toBe(en.adminRevoked("5584999990002"));
  });
});
