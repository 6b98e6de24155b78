import { fileURLToPath } from "node:url";
import express, { Router } from "express";

export interface DashboardSettings {
  locale: "pt-BR" | "en";
  businessName: string;
  /** Set when people log in with Keycloak: the realm's public client, used with PKCE. */
  keycloak: { url: string; realm: string; clientId: string } | null;
}

const PAGE_FOLDER = fileURLToPath(new URL("../../web/painel/", import.meta.url));

/**
 * The entrepreneur's dashboard: static ES modules and one CSS file from web/painel, served as they are (no build),
 * plus the few settings the page needs to start. The page holds no power of its own: it calls the API with the
 * bearer token its user gives it, so there is nothing here to protect beyond what the API checks. No cookie is ever
 * set, so another site cannot make the browser act for the entrepreneur (no CSRF).
 */
export function dashboardRouter(settings: DashboardSettings): Router {
  const router = Router();
  const connectSources = ["'self'", ...(settings.keycloak ? [new URL(settings.keycloak.url).origin] : [])].join(" ");
  router.use(["/painel", "/dashboard"], (_request, response, next) => {
    response.set({
      "content-security-policy": `default-src 'self'; connect-src ${connectSources}; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    });
    next();
  });
  router.get("/dashboard", (_request, response) => response.redirect(301, "/painel/"));
  router.get("/painel/settings.json", (_request, response) => {
    response.set("cache-control", "no-store").json(settings);
  });
  router.use("/painel", express.static(PAGE_FOLDER, { index: "index.html", redirect: true, maxAge: 0 }));
  return router;
}
