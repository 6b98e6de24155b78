import type KeycloakAdminClient from "@keycloak/keycloak-admin-client";
import type UserRepresentation from "@keycloak/keycloak-admin-client/lib/defs/userRepresentation.js";
import type { KeycloakServer } from "./keycloak-server.ts";

export interface Person {
  phone: string;
  password: string;
}

/** A realm user named by its phone, with a password and realm roles; `extra` adds to the representation. */
export async function createPerson(
  admin: KeycloakAdminClient,
  person: Person,
  roles: string[],
  extra: UserRepresentation = {},
): Promise<string> {
  const { id } = await admin.users.create({
    username: person.phone,
    enabled: true,
    attributes: { phone: [person.phone] },
    credentials: [{ type: "password", value: person.password, temporary: false }],
    ...extra,
  });
  const found = await Promise.all(roles.map((name) => admin.roles.findOneByName({ name })));
  await admin.users.addRealmRoleMappings({
    id,
    roles: found.map((role) => ({ id: role?.id ?? "", name: role?.name ?? "" })),
  });
  return id;
}

/**
 * A token by password (direct grant). Keycloak 26's brute-force protector refuses a user's login, as bad
 * credentials, while it still processes that user's previous login on its own thread; tests therefore log each
 * person in once, and a refusal says what Keycloak logged.
 */
export async function passwordToken(keycloak: KeycloakServer, clientId: string, person: Person): Promise<string> {
  const response = await fetch(`${keycloak.issuer}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "password",
      client_id: clientId,
      username: person.phone,
      password: person.password,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (body.access_token) return body.access_token;
  const logged = keycloak.loginErrors().filter((line) => line.includes(person.phone));
  throw new Error(
    `no token for ${person.phone} (${clientId}): ${response.status} ${JSON.stringify(body)}\n${logged.join("\n")}`,
  );
}
