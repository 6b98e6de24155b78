/** Who is calling the API or writing to the bot. */
export type Principal =
  | { role: "entrepreneur"; subject: string; phone?: string | undefined }
  | { role: "customer"; subject: string; phone: string };

/**
 * The identity port. Two adapters: built-in (ADMIN_PHONES, API_TOKEN) and Keycloak.
 * Guarantees: `authenticate` never throws for a bad token, it answers null; `isEntrepreneur` answers from a cache
 * when the identity provider is away, and false for a phone it cannot vouch for (fails closed).
 */
export interface Identity {
  readonly kind: "built-in" | "keycloak";
  /** The principal a bearer token stands for, or null when the token is not valid. */
  authenticate(bearerToken: string): Promise<Principal | null>;
  /** The phones of the business's entrepreneurs (who get the sheet links of a batch closed over the API). */
  entrepreneurPhones(businessId: number): Promise<string[]>;
  /** Whether this phone may run the entrepreneur's commands in chat. */
  isEntrepreneur(businessId: number, phone: string): Promise<boolean>;
  close(): Promise<void>;
}
