import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { queueNotifications, type RoleChangeOutcome } from "../db/notification-queries.ts";
import { roleChanges } from "../db/schema.ts";
import type { CoreContext } from "./context.ts";

/**
 * What applying a role change needs of the identity (core/identity's port, whose RoleChange must stay within these
 * outcomes): an outage is answered as `unavailable`, never thrown.
 */
export interface EntrepreneurRoles {
  grantEntrepreneur(businessId: number, phone: string): Promise<{ kind: RoleChangeOutcome }>;
  revokeEntrepreneur(businessId: number, phone: string): Promise<{ kind: RoleChangeOutcome }>;
}

/**
 * How long a process holds the role changes it claimed: longer than the identity provider may take to answer one
 * (a few calls, each under KEYCLOAK_TIMEOUT_MS).
 */
export const ROLE_CHANGE_LEASE_MS = 60_000;

/** Most role changes claimed in one go. */
const BATCH = 20;

/**
 * Carries out the role changes recorded by requestRoleChange, each once its transaction committed, and queues the
 * outcome to the entrepreneur who asked (in the notifications outbox, keyed by the request, in the transaction that
 * marks it done). With `requestedBy`: that phone's, right after its message committed (claimed for this process
 * already); without: any whose claim lapsed (the process that recorded it died first). The identity answers
 * outages as `unavailable`, which is an outcome like the others: the entrepreneur is told and may ask again.
 * Answers how many were done.
 */
export async function applyRoleChanges(
  context: CoreContext,
  roles: EntrepreneurRoles,
  input: { businessId: number; requestedBy?: string },
): Promise<number> {
  const waiting = context.db
    .select({ id: roleChanges.id })
    .from(roleChanges)
    .where(
      and(
        eq(roleChanges.businessId, input.businessId),
        isNull(roleChanges.doneAt),
        input.requestedBy === undefined
          ? lte(roleChanges.claimedUntil, sql`now()`)
          : eq(roleChanges.requestedBy, input.requestedBy),
      ),
    )
    .orderBy(asc(roleChanges.id))
    .limit(BATCH)
    .for("update", { skipLocked: true });
  const claimed = await context.db
    .update(roleChanges)
    .set({ claimedUntil: sql`now() + make_interval(secs => ${ROLE_CHANGE_LEASE_MS / 1000})` })
    .where(inArray(roleChanges.id, waiting))
    .returning();
  let done = 0;
  for (const request of claimed.sort((left, right) => left.id - right.id)) {
    const change =
      request.action === "grant"
        ? await roles.grantEntrepreneur(request.businessId, request.phone)
        : await roles.revokeEntrepreneur(request.businessId, request.phone);
    const outcome = change.kind;
    const recorded = await context.db.transaction(async (tx) => {
      const [row] = await tx
        .update(roleChanges)
        .set({ outcome, doneAt: context.now() })
        .where(and(eq(roleChanges.id, request.id), isNull(roleChanges.doneAt)))
        .returning({ id: roleChanges.id });
      // Another process finished it meanwhile (this one outlived its claim): it told the entrepreneur already.
      if (!row) return false;
      await queueNotifications(tx, [
        {
          businessId: request.businessId,
          phone: request.requestedBy,
          payload: { kind: "role_change", phone: request.phone, outcome, language: request.language },
          dedupeKey: `role-change:${request.id}`,
        },
      ]);
      return true;
    });
    if (recorded) done++;
  }
  if (done > 0) context.emit("notifications_queued");
  return done;
}
