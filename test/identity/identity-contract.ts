import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Identity } from "../../core/identity/identity.ts";

/** An identity adapter running against its provider, and credentials that provider issued. */
export interface IdentityHarness {
  identity: Identity;
  /** A credential of the entrepreneur, and the phone it names (none for the built-in API token). */
  entrepreneur: { token: string; phone: string | undefined };
  /** A phone that holds the entrepreneur's rights from the start (ADMIN_PHONES, the realm's role). */
  entrepreneurPhone: string;
  /** A customer's credential and phone, where the provider has customers. */
  customer?: { token: string; phone: string };
  /** Credentials of the right shape that the provider did not issue, or no longer vouches for. */
  refusedTokens: Array<[label: string, token: string]>;
  /** Cuts the adapter off from its provider, and back, where it has one to lose. */
  outage?: { begin(): Promise<void>; end(): Promise<void> };
  close(): Promise<void>;
}

export interface IdentityContractOptions {
  /** The entrepreneurs change by chat and over the API (Keycloak); else they are fixed by configuration. */
  rolesChange: boolean;
  /** The provider issues customers' credentials. */
  customers: boolean;
  /** The adapter depends on a provider that can be away. */
  provider: boolean;
}

const BUSINESS = 1;

/**
 * What the identity port (core/identity/identity.ts) promises, run against each adapter: a credential it issued
 * names its principal and anything else is null, never an error; the entrepreneurs are known and nobody else is one;
 * role changes are values, seen at once by the process that made them; with the provider away, checks fail closed
 * from the cache and changes answer `unavailable`; taking note of a customer never throws nor waits.
 */
export function describeIdentityContract(
  name: string,
  open: () => Promise<IdentityHarness>,
  options: IdentityContractOptions,
): void {
  describe(`the identity: ${name}`, () => {
    let harness: IdentityHarness;
    const run = randomInt(100, 1000);
    let sequence = 0;
    /** A phone no test has used, so that the tests need no order among them. */
    const newPhone = () => `5584977${run}${String(sequence++).padStart(3, "0")}`;

    beforeAll(async () => {
      harness = await open();
    }, 300_000);

    afterAll(async () => {
      await harness?.close();
    });

    it("knows the entrepreneur by a credential it issued, and answers null to anything else without throwing", async () => {
      const { identity, entrepreneur } = harness;
      const principal = await identity.authenticate(entrepreneur.token);
      expect(principal).toMatchObject({ role: "entrepreneur" });
      if (entrepreneur.phone) expect(principal?.phone).toBe(entrepreneur.phone);
      // Not the very last character: in a JWT's base64url signature its low bits are padding a decoder ignores.
      const changed = entrepreneur.token.at(-2) === "A" ? "B" : "A";
      const refused: Array<[string, string]> = [
        ["empty", ""],
        ["not a token", "not-a-token"],
        ["three junk parts", "a.b.c"],
        [
          "the credential with a character of its end changed",
          `${entrepreneur.token.slice(0, -2)}${changed}${entrepreneur.token.slice(-1)}`,
        ],
        ["the credential with more after it", `${entrepreneur.token}x`],
        ...harness.refusedTokens,
      ];
      for (const [label, token] of refused) {
        expect({ label, principal: await identity.authenticate(token) }).toEqual({ label, principal: null });
      }
    });

    if (options.customers) {
      it("knows a customer by its credential, scoped to its phone", async () => {
        const customer = harness.customer;
        if (!customer) throw new Error("the harness gives no customer");
        expect(await harness.identity.authenticate(customer.token)).toMatchObject({
          role: "customer",
          phone: customer.phone,
        });
        expect(await harness.identity.isEntrepreneur(BUSINESS, customer.phone)).toBe(false);
      });
    }

    it("says who the entrepreneurs are, and that nobody else is one", async () => {
      const { identity, entrepreneurPhone } = harness;
      expect(await identity.isEntrepreneur(BUSINESS, entrepreneurPhone)).toBe(true);
      expect(await identity.entrepreneurPhones(BUSINESS)).toContain(entrepreneurPhone);
      const stranger = newPhone();
      expect(await identity.isEntrepreneur(BUSINESS, stranger)).toBe(false);
      expect(await identity.entrepreneurPhones(BUSINESS)).not.toContain(stranger);
    });

    if (options.rolesChange) {
      it("grants and revokes the entrepreneur's rights, each change an answer seen at once by this process", async () => {
        const { identity } = harness;
        const helper = newPhone();
        expect(await identity.grantEntrepreneur(BUSINESS, helper)).toEqual({ kind: "granted" });
        expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(true);
        expect(await identity.entrepreneurPhones(BUSINESS)).toContain(helper);
        expect(await identity.grantEntrepreneur(BUSINESS, helper)).toEqual({ kind: "already_entrepreneur" });
        expect(await identity.revokeEntrepreneur(BUSINESS, helper)).toEqual({ kind: "revoked" });
        expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(false);
        expect(await identity.revokeEntrepreneur(BUSINESS, helper)).toEqual({ kind: "not_entrepreneur" });
        expect(await identity.revokeEntrepreneur(BUSINESS, newPhone())).toEqual({ kind: "not_entrepreneur" });
      });
    } else {
      it("answers that the entrepreneurs are fixed by configuration, and changes nothing", async () => {
        const { identity, entrepreneurPhone } = harness;
        const helper = newPhone();
        expect(await identity.grantEntrepreneur(BUSINESS, helper)).toEqual({ kind: "fixed_by_configuration" });
        expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(false);
        expect(await identity.revokeEntrepreneur(BUSINESS, entrepreneurPhone)).toEqual({
          kind: "fixed_by_configuration",
        });
        expect(await identity.isEntrepreneur(BUSINESS, entrepreneurPhone)).toBe(true);
      });
    }

    it("takes note of a customer who wrote without throwing and without waiting for anything", () => {
      expect(harness.identity.customerContacted(BUSINESS, newPhone())).toBeUndefined();
    });

    if (options.provider) {
      it("fails closed while its provider is away, and changes roles again once it is back", async () => {
        const { identity, entrepreneurPhone } = harness;
        const outage = harness.outage;
        if (!outage) throw new Error("the harness cannot cut the provider off");
        expect(await identity.isEntrepreneur(BUSINESS, entrepreneurPhone)).toBe(true);
        const helper = newPhone();
        await outage.begin();
        try {
          // The entrepreneur known before stays one; a phone the provider never vouched for is not.
          expect(await identity.isEntrepreneur(BUSINESS, entrepreneurPhone)).toBe(true);
          expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(false);
          expect(await identity.grantEntrepreneur(BUSINESS, helper)).toEqual({ kind: "unavailable" });
          expect(await identity.revokeEntrepreneur(BUSINESS, entrepreneurPhone)).toEqual({ kind: "unavailable" });
          expect(identity.customerContacted(BUSINESS, helper)).toBeUndefined();
          expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(false);
        } finally {
          await outage.end();
        }
        expect(await identity.grantEntrepreneur(BUSINESS, helper)).toEqual({ kind: "granted" });
        expect(await identity.isEntrepreneur(BUSINESS, helper)).toBe(true);
        expect(await identity.revokeEntrepreneur(BUSINESS, helper)).toEqual({ kind: "revoked" });
        expect(await identity.isEntrepreneur(BUSINESS, entrepreneurPhone)).toBe(true);
      });
    }
  });
}
