import { SLUG_PATTERN_SOURCE } from "@sipwatch/core";
import { type Context, Hono } from "hono";
import { loadStatusPage, type PageAddress, resolveStatusPage } from "../../status-pages/load-status-page";
import { renderIncidentFeed } from "../../status-pages/render-atom";
import { type PageLinks, renderStatusPageHtml } from "../../status-pages/render-html";
import { STATUS_PAGE_CSS } from "../../status-pages/status-css";
import { cacheFirst, type PublicBody } from "../cached-response";
import type { AppEnv } from "../context";

const SLUG = SLUG_PATTERN_SOURCE;
type Format = "html" | "json" | "atom";

/** Where the organisation's default page lives; defined pages are /pages/<slug>. */
export const ORGANISATION_PAGE_PREFIX = "/pages/org/";

/**
 * Public status pages (issue 16): HTML without JavaScript, a JSON twin and an Atom feed of
 * incidents, for pages an operator defined (/pages/<slug>) and each organisation's default page
 * of its public monitors (/pages/org/<organisation slug>). Mounted before authentication.
 */
export const statusPagePublicRoutes = new Hono<AppEnv>()
  .get(
    "/pages/status.css",
    () =>
      new Response(STATUS_PAGE_CSS, {
        headers: { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" },
      }),
  )
  .get(`/pages/org/:file{${SLUG}(?:\\.json|\\.atom)?}`, (c) =>
    servePage(c, { kind: "organisation", slug: slugOf(c.req.param("file")) }, formatOf(c.req.param("file"))),
  )
  .get(`/pages/:file{${SLUG}(?:\\.json|\\.atom)?}`, (c) =>
    servePage(c, { kind: "page", slug: slugOf(c.req.param("file")) }, formatOf(c.req.param("file"))),
  );

const slugOf = (file: string) => file.replace(/\.(json|atom)$/, "");
const formatOf = (file: string): Format => (file.endsWith(".json") ? "json" : file.endsWith(".atom") ? "atom" : "html");

async function servePage(c: Context<AppEnv>, address: PageAddress, format: Format): Promise<Response> {
  const services = c.var.services;
  const page = await resolveStatusPage(services, address);
  const base = new URL(c.req.url);
  const path = address.kind === "page" ? `/pages/${address.slug}` : `${ORGANISATION_PAGE_PREFIX}${address.slug}`;
  const links: PageLinks = {
    html: new URL(path, base).toString(),
    json: `${path}.json`,
    atom: `${path}.atom`,
    stylesheet: "/pages/status.css",
  };
  const render = async (): Promise<PublicBody> => {
    const view = await loadStatusPage(services, page, Date.now());
    if (format === "json") return { body: JSON.stringify(view), contentType: "application/json" };
    if (format === "atom") {
      const atom = new URL(links.atom, base).toString();
      return {
        body: renderIncidentFeed(view, { html: links.html, atom }),
        contentType: "application/atom+xml; charset=utf-8",
      };
    }
    return { body: await renderStatusPageHtml(view, links), contentType: "text/html; charset=utf-8" };
  };
  return cacheFirst(c.req.raw, render, (p) => c.executionCtx.waitUntil(p), page.version);
}
