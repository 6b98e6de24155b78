/**
 * The dashboard's session: a bearer token kept in sessionStorage (this tab only, gone when it closes), never a
 * cookie. With Keycloak, the token comes from the realm's public client by authorization code with PKCE; otherwise
 * the person types the API token once.
 */
const SESSION_KEY = "sisconf.painel.session";
const PKCE_KEY = "sisconf.painel.pkce";
/** An API token session ends after this long even with the tab open. */
const API_TOKEN_SESSION_MS = 8 * 60 * 60 * 1000;

export function currentToken() {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return null;
  try {
    const session = JSON.parse(stored);
    if (typeof session.token !== "string" || Date.now() >= session.expiresAt) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return session.token;
  } catch {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
}

export function keepToken(token, expiresAt = Date.now() + API_TOKEN_SESSION_MS) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ token, expiresAt }));
}

export function forgetToken() {
  sessionStorage.removeItem(SESSION_KEY);
}

function realmUrl(keycloak) {
  return `${keycloak.url.replace(/\/+$/, "")}/realms/${encodeURIComponent(keycloak.realm)}/protocol/openid-connect`;
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Sends the browser to Keycloak's login with a fresh PKCE verifier and state kept in this tab. */
export async function startKeycloakLogin(keycloak) {
  if (!window.isSecureContext || !crypto.subtle) throw new Error("insecure-context");
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64Url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64Url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))),
  );
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    client_id: keycloak.clientId,
    redirect_uri: redirectUri(),
    response_type: "code",
    scope: "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`${realmUrl(keycloak)}/auth?${query}`);
}

/**
 * Back from Keycloak with ?code&state: trades the code for an access token (kept until it expires) and cleans the
 * address bar. Answers false when the address carries no login answer; throws when the answer cannot be used.
 */
export async function finishKeycloakLogin(keycloak) {
  const query = new URLSearchParams(location.search);
  const code = query.get("code");
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "null");
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, "", redirectUri() + location.hash);
  if (!pending || pending.state !== query.get("state")) throw new Error("login answer of another tab or attempt");
  const response = await fetch(`${realmUrl(keycloak)}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: keycloak.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const tokens = await response.json();
  keepToken(tokens.access_token, Date.now() + Number(tokens.expires_in ?? 300) * 1000);
  return true;
}
