import KeycloakAdminClient, { NetworkError } from "@keycloak/keycloak-admin-client";
import { createServiceAccountToken } from "./service-account-token.ts";

type UserRepresentation = Awaited<ReturnType<KeycloakAdminClient["users"]["find"]>>[number];
type RoleName = "entrepreneur" | "customer";

export interface UserDirectoryOptions {
  url: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** A Keycloak user as SISCONF sees it. */
export interface DirectoryUser {
  id: string;
  phone: string;
  whatsappName: string | undefined;
}

/**
 * The realm's users, through the admin REST API with the service client's own credentials. Users are keyed by
 * their `phone` attribute; those SISCONF creates also have the phone as username, which Keycloak keeps unique, so
 * two processes creating the same customer at once end with one user (the loser gets 409 and reads the winner's).
 */
export class UserDirectory {
  readonly #client: KeycloakAdminClient;
  readonly #token: ReturnType<typeof createServiceAccountToken>;
  readonly #roles = new Map<RoleName, { id: string; name: string }>();

  constructor(options: UserDirectoryOptions) {
    const baseUrl = options.url.replace(/\/+$/, "");
    this.#token = createServiceAccountToken({
      realmUrl: `${baseUrl}/realms/${encodeURIComponent(options.realm)}`,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs: options.timeoutMs,
    });
    this.#client = new KeycloakAdminClient({ baseUrl, realmName: options.realm, timeout: options.timeoutMs });
    this.#client.registerTokenProvider({ getAccessToken: () => this.#token.get() });
  }

  /** The user whose `phone` attribute is this phone, or whose username is (users made before the attribute). */
  async findByPhone(phone: string): Promise<DirectoryUser | undefined> {
    const byAttribute = await this.#call(() => this.#client.users.find({ q: `phone:${phone}`, exact: true, max: 5 }));
    const found =
      byAttribute.find((user) => user.attributes?.phone?.includes(phone)) ??
      (await this.#call(() => this.#client.users.find({ username: phone, exact: true, max: 1 }))).find(
        (user) => user.username === phone,
      );
    return found ? toDirectoryUser(found, phone) : undefined;
  }

  /** Finds the user of this phone or creates it; a WhatsApp name fills in one the user does not have yet. */
  async ensureUser(phone: string, whatsappName?: string): Promise<{ user: DirectoryUser; created: boolean }> {
    const existing = await this.findByPhone(phone);
    if (existing) {
      if (whatsappName && !existing.whatsappName) await this.#setWhatsappName(existing.id, whatsappName);
      return { user: { ...existing, whatsappName: existing.whatsappName ?? whatsappName }, created: false };
    }
    try {
      const { id } = await this.#call(() =>
        this.#client.users.create({
          username: phone,
          enabled: true,
          attributes: { phone: [phone], ...(whatsappName ? { whatsappName: [whatsappName] } : {}) },
        }),
      );
      return { user: { id, phone, whatsappName }, created: true };
    } catch (error) {
      if (!(error instanceof NetworkError && error.response.status === 409)) throw error;
      // Someone else created it between our search and our create.
      const winner = await this.findByPhone(phone);
      if (!winner) throw new Error("Keycloak reported the user as existing but it cannot be found");
      return { user: winner, created: false };
    }
  }

  async hasRole(userId: string, role: RoleName): Promise<boolean> {
    const mappings = await this.#call(() => this.#client.users.listRealmRoleMappings({ id: userId }));
    return mappings.some((mapping) => mapping.name === role);
  }

  async addRole(userId: string, role: RoleName): Promise<void> {
    const representation = await this.#role(role);
    await this.#call(() => this.#client.users.addRealmRoleMappings({ id: userId, roles: [representation] }));
  }

  async removeRole(userId: string, role: RoleName): Promise<void> {
    const representation = await this.#role(role);
    await this.#call(() => this.#client.users.delRealmRoleMappings({ id: userId, roles: [representation] }));
  }

  /** The phones of the users holding the role directly. */
  async phonesWithRole(role: RoleName): Promise<string[]> {
    const users = await this.#call(() =>
      this.#client.roles.findUsersWithRole({ name: role, briefRepresentation: false, max: 10_000 }),
    );
    return users.flatMap((user) => {
      const phone =
        user.attributes?.phone?.[0] ?? (/^\d{10,15}$/.test(user.username ?? "") ? user.username : undefined);
      return phone ? [phone] : [];
    });
  }

  async #setWhatsappName(userId: string, whatsappName: string): Promise<void> {
    // A user update replaces the attributes as a whole: send back what is there, plus the name.
    const user = await this.#call(() => this.#client.users.findOne({ id: userId }));
    if (!user) return;
    await this.#call(() =>
      this.#client.users.update(
        { id: userId },
        { ...user, attributes: { ...user.attributes, whatsappName: [whatsappName] } },
      ),
    );
  }

  async #role(role: RoleName): Promise<{ id: string; name: string }> {
    const cached = this.#roles.get(role);
    if (cached) return cached;
    const found = await this.#call(() => this.#client.roles.findOneByName({ name: role }));
    if (!found?.id) throw new Error(`the realm has no role "${role}": import deploy/keycloak/realm-sisconf.json`);
    const representation = { id: found.id, name: role };
    this.#roles.set(role, representation);
    return representation;
  }

  /** One retry with a new service token when Keycloak no longer accepts ours (it restarted, or keys rotated). */
  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof NetworkError && error.response.status === 401)) throw error;
      this.#token.invalidate();
      return operation();
    }
  }
}

function toDirectoryUser(user: UserRepresentation, phone: string): DirectoryUser {
  if (!user.id) throw new Error("Keycloak returned a user without an id");
  return { id: user.id, phone: user.attributes?.phone?.[0] ?? phone, whatsappName: user.attributes?.whatsappName?.[0] };
}
