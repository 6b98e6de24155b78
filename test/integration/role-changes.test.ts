import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRoleChanges, type EntrepreneurRoles } from "../../core/app/apply-role-changes.ts";
import type { CoreContext } from "../../core/app/context.ts";
import { requestRoleChange } from "../../core/app/request-role-change.ts";
import { notifications, roleChanges } from "../../core/db/schema.ts";
import type { RoleChange } from "../../core/identity/identity.ts";
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from "../support/test-database.ts";

/**
 * The identity as far as role changes go, keeping the entrepreneurs in memory as Keycloak keeps them in its realm:
 * what the outbox is tested against is when, and how often, the identity is asked.
 */
function rolesInMemory() {
  const entrepreneurs = new Set<string>();
  const asked: string[] = [];
  const roles: EntrepreneurRoles = {
    async grantEntrepreneur(_businessId, phone): Promise<RoleChange> {
      asked.push(`grant ${phone}`);
      if (entrepreneurs.has(phone)) return { kind: "already_entrepreneur" };
      entrepreneurs.add(phone);
      return { kind: "granted" };
    },
    async revokeEntrepreneur(_businessId, phone): Promise<RoleChange> {
      asked.push(`revoke ${phone}`);
      return entrepreneurs.delete(phone) ? { kind: "revoked" } : { kind: "not_entrepreneur" };
    },
  };
  return { roles, entrepreneurs, asked };
}

describe.each(DATABASE_KINDS)("role changes asked in chat, on %s", (kind) => {
  let test: TestDatabase;
  let counter = 0;
  const nextPhone = () => `55849777${String(++counter).padStart(5, "0")}`;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await test?.close();
  });

  const request = (context: CoreContext, requestedBy: string, phone: string, action: "grant" | "revoke") =>
    requestRoleChange(context, { businessId: test.businessId, requestedBy, phone, action, language: "pt-BR" });

  const toldTo = (phone: string) =>
    test.context.db
      .select({ payload: notifications.payload, dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(eq(notifications.phone, phone));

  it("are carried out after the commit and the outcome queued to whoever asked, once", async () => {
    const { roles, entrepreneurs, asked } = rolesInMemory();
    const [boss, helper] = [nextPhone(), nextPhone()];
    await test.context.db.transaction((tx) => request({ ...test.context, db: tx }, boss, helper, "grant"));
    expect(asked).toEqual([]);

    expect(await applyRoleChanges(test.context, roles, { businessId: test.businessId, requestedBy: boss })).toBe(1);
    expect(entrepreneurs.has(helper)).toBe(true);
    const [told, ...more] = await toldTo(boss);
    expect(more).toEqual([]);
    expect(told?.payload).toEqual({ kind: "role_change", phone: helper, outcome: "granted", language: "pt-BR" });
    expect(await applyRoleChanges(test.context, roles, { businessId: test.businessId, requestedBy: boss })).toBe(0);
    expect(asked).toEqual([`grant ${helper}`]);
  });

  it("change no role when the transaction that asked rolls back", async () => {
    const { roles, asked } = rolesInMemory();
    const [boss, helper] = [nextPhone(), nextPhone()];
    await expect(
      test.context.db.transaction(async (tx) => {
        await request({ ...test.context, db: tx }, boss, helper, "grant");
        throw new Error("the message failed after asking");
      }),
    ).rejects.toThrow("the message failed after asking");
    expect(await applyRoleChanges(test.context, roles, { businessId: test.businessId, requestedBy: boss })).toBe(0);
    expect(asked).toEqual([]);
    expect(await toldTo(boss)).toEqual([]);
  });

  it("are taken over by any process once the claim of the one that asked lapsed, and not before", async () => {
    const { roles, entrepreneurs, asked } = rolesInMemory();
    const [boss, helper] = [nextPhone(), nextPhone()];
    entrepreneurs.add(helper);
    await request(test.context, boss, helper, "revoke");
    // The process that asked holds it: another leaves it alone.
    expect(await applyRoleChanges(test.context, roles, { businessId: test.businessId })).toBe(0);
    // That process died: its claim lapses.
    await test.context.db
      .update(roleChanges)
      .set({ claimedUntil: sql`now() - interval '1 second'` })
      .where(eq(roleChanges.requestedBy, boss));
    expect(await applyRoleChanges(test.context, roles, { businessId: test.businessId })).toBe(1);
    expect(asked).toEqual([`revoke ${helper}`]);
    expect(entrepreneurs.has(helper)).toBe(false);
    expect((await toldTo(boss)).map((row) => row.payload)).toEqual([
      { kind: "role_change", phone: helper, outcome: "revoked", language: "pt-BR" },
    ]);
  });
});
