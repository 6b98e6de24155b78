import { sql } from "drizzle-orm";
import { roleChanges } from "../db/schema.ts";
import { ROLE_CHANGE_LEASE_MS } from "./apply-role-changes.ts";
import type { CoreContext } from "./context.ts";

export interface RoleChangeRequest {
  businessId: number;
  /** The entrepreneur asking, told the outcome once it is known. */
  requestedBy: string;
  /** A normalized phone number. */
  phone: string;
  action: "grant" | "revoke";
  /** The language the outcome is told in. */
  language: string;
}

/**
 * Records a grant or revoke of the entrepreneur's role, in the caller's transaction, to be carried out once it
 * committed (applyRoleChanges): the identity provider is another system, not to be called while a conversation is
 * locked, and a transaction rolled back afterwards must leave no role changed. Claimed for the calling process,
 * which applies it straight after its commit; another process takes it over only if that one dies first.
 */
export async function requestRoleChange(context: CoreContext, request: RoleChangeRequest): Promise<void> {
  await context.db.insert(roleChanges).values({
    ...request,
    claimedUntil: sql`now() + make_interval(secs => ${ROLE_CHANGE_LEASE_MS / 1000})`,
  });
  context.emit("role_changes_queued");
}
