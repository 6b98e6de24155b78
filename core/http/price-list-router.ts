import { Router } from "express";
import type { CoreContext } from "../app/context.ts";
import { getCatalog } from "../app/get-catalog.ts";
import type { Product } from "../domain/catalog.ts";
import { formatReais } from "../domain/money.ts";
import { unitLabel } from "../domain/units.ts";

export interface PriceListSettings {
  businessName: string;
  locale: "pt-BR" | "en";
}

const LABELS = {
  "pt-BR": {
    title: "Catálogo",
    other: "Outros",
    empty: "O catálogo ainda está vazio.",
    howToOrder: "Para pedir, mande sua lista pelo WhatsApp: 2 kg de tomate e 1 maço de coentro.",
  },
  en: {
    title: "Price list",
    other: "Other",
    empty: "The catalog is still empty.",
    howToOrder: "To order, send your list on WhatsApp: 2 kg of tomatoes and 1 bunch of coriander.",
  },
} satisfies Record<PriceListSettings["locale"], Record<string, string>>;

/**
 * The public price list at /catalogo (and /catalog): the active, available products by category, one small HTML
 * page drawn on the server with its CSS inline and no script, so a cheap phone shows it at once. It reads nothing
 * about customers or costs.
 */
export function priceListRouter(context: CoreContext, businessId: number, settings: PriceListSettings): Router {
  const router = Router();
  router.get(["/catalogo", "/catalog"], async (_request, response) => {
    const products = (await getCatalog(context, businessId)).filter((product) => product.available);
    response
      .set({
        "content-type": "text/html; charset=utf-8",
        "cache-control": "public, max-age=60",
        "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        "x-content-type-options": "nosniff",
      })
      .send(priceListPage(products, settings));
  });
  return router;
}

function priceListPage(products: Product[], settings: PriceListSettings): string {
  const labels = LABELS[settings.locale];
  const categories = new Map<string, Product[]>();
  for (const product of products) {
    const category = product.category ?? labels.other;
    categories.set(category, [...(categories.get(category) ?? []), product]);
  }
  const sections = [...categories].map(
    ([category, inCategory]) =>
      `<section><h2>${escapeHtml(category)}</h2><ul>${inCategory
        .map(
          (product) =>
            `<li><span>${escapeHtml(product.name)}</span><span class="price">${escapeHtml(
              formatReais(product.priceCents),
            )}<small>/${unitLabel(product.unit, settings.locale)}</small></span></li>`,
        )
        .join("")}</ul></section>`,
  );
  const name = escapeHtml(settings.businessName);
  return `<!doctype html>
<html lang="${settings.locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${labels.title} · ${name}</title>
<style>
body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1b1b1b;background:#f6f7f4}
header{background:#1f5f3a;color:#fff;padding:1rem}
h1{margin:0;font-size:1.4rem}header p{margin:.25rem 0 0}
main{max-width:40rem;margin:0 auto;padding:.5rem 1rem 2rem}
h2{font-size:1.1rem;margin:1.25rem 0 .25rem;color:#1f5f3a}
ul{list-style:none;margin:0;padding:0;background:#fff;border-radius:8px}
li{display:flex;justify-content:space-between;gap:1rem;padding:.6rem .75rem;border-bottom:1px solid #e4e6e0}
li:last-child{border-bottom:0}.price{white-space:nowrap;font-weight:600}small{font-weight:400;color:#555}
</style></head>
<body><header><h1>${name}</h1><p>${labels.title}</p></header>
<main>${sections.length > 0 ? sections.join("") : `<p>${labels.empty}</p>`}<p>${labels.howToOrder}</p></main>
</body></html>
`;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
