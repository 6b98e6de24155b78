/** Who is calling the API or writing to the bot. */
export type Principal =
  | { role: "entrepreneur"; subject: string; phone?: string | undefined }
  | { role: "customer"; subject: string; phone: string };

/** What granting or revoking the entrepreneur's rights did; outages are a value too, so chat can say so. */
export type RoleChange =
  | { kind: "granted" }
  | { kind: "already_entrepreneur" }
  | { kind: "revoked" }
  | { kind: "not_entrepreneur" }
  /** The built-in identity: the entrepreneurs are ADMIN_PHONES, fixed by configuration. */
  | { kind: "fixed_by_configuration" }
  /** The identity provider could not be reached; nothing changed. */
  | { kind: "unavailable" };

/**
 * The identity port. Two adapters: built-in (ADMIN_PHONES, API_TOKEN) and Keycloak.
 * Guarantees: `authenticate` never throws for a bad token, it answers null; `isEntrepreneur` answers from a cache
 * when the identity provider is away, and false for a phone it cannot vouch for (fails closed).
 * `grantEntrepreneur` and `revokeEntrepreneur` never throw for an outage: they answer `unavailable`.
 * `customerContacted` never throws and never waits for the provider: linking a customer to its user happens in the
 * background and is retried until it succeeds, so chatting and ordering never depend on the identity provider.
 * Not promised: that a grant or revoke is seen at once by other processes (they see it when their cache expires).
 */
export interface Identity {
  readonly kind: "built-in" | "keycloak";
  /** The principal a bearer token stands for, or null when the token is not valid. */
  authenticate(bearerToken: string): Promise<Principal | null>;
  /** The phones of the business's entrepreneurs (who get the sheet links of a batch closed over the API). */
  entrepreneurPhones(businessId: number): Promise<string[]>;
  /** Whether this phone may run the entrepreneur's commands in chat. */
  isEntrepreneur(businessId: number, phone: string): Promise<boolean>;
  /** Gives the entrepreneur's rights to a phone (a normalized phone number). */
  grantEntrepreneur(businessId: number, phone: string): Promise<RoleChange>;
  /** Takes the entrepreneur's rights from a phone (a normalized phone number). */
  revokeEntrepreneur(businessId: number, phone: string): Promise<RoleChange>;
  /** Told after a message of this phone was recorded: its customer row exists and may need a user of its own. */
  customerContacted(businessId: number, phone: string): void;
  close(): Promise<void>;
}
