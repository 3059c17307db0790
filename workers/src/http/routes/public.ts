import {
  type BadgeVariant,
  badgeOf,
  MONITOR_TRANSPORTS,
  renderBadgeSvg,
  SLUG_PATTERN_SOURCE,
  shieldsEndpoint,
} from "@sipwatch/core";
import { type Context, Hono } from "hono";
import type { Services } from "../../services";
import { cacheFirst, type PublicBody } from "../cached-response";
import type { AppEnv } from "../context";
import { validationProblem } from "../problem";
import { loadPublicStatus } from "../public-status";

const SLUG = SLUG_PATTERN_SOURCE;
const TRANSPORTS: ReadonlySet<string> = new Set(MONITOR_TRANSPORTS);

/**
 * Public status and badges, mounted before authentication: anyone with a public monitor's slug
 * may read them, so they show states and titles only (no agents, addresses, evidence or ids).
 * Plain routes rather than OpenAPI ones: the API document describes the authenticated /api/v1.
 */
export const publicRoutes = new Hono<AppEnv>()
  .get(`/status/:slug{${SLUG}}`, (c) =>
    cacheFirst(c.req.raw, () => statusBody(c.var.services, c.req.param("slug")), waitUntil(c)),
  )
  .get(`/badge/:file{${SLUG}\\.(?:svg|json)}`, (c) => {
    const [, slug = "", format] = /^(.*)\.(svg|json)$/.exec(c.req.param("file")) ?? [];
    const variant = badgeVariant(c.req.query("show"), c.req.query("transport"));
    return cacheFirst(c.req.raw, () => badgeBody(c.var.services, slug, format, variant), waitUntil(c));
  });

const waitUntil = (c: Context<AppEnv>) => (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);

async function statusBody(db: Services, slug: string): Promise<PublicBody> {
  const { monitor, status } = await loadPublicStatus(db, slug, Date.now());
  const body = {
    slug: monitor.slug,
    name: monitor.name,
    status: status.state,
    transports: status.transports,
    certificate: { daysLeft: status.certDaysLeft },
    availability30d: status.availability,
    findings: status.findings,
    lastCheckedAt: status.lastCheckedAt === null ? null : new Date(status.lastCheckedAt).toISOString(),
  };
  return { body: JSON.stringify(body), contentType: "application/json" };
}

async function badgeBody(
  db: Services,
  slug: string,
  format: string | undefined,
  variant: BadgeVariant,
): Promise<PublicBody> {
  const { status } = await loadPublicStatus(db, slug, Date.now());
  const badge = badgeOf(status, variant);
  return format === "svg"
    ? { body: renderBadgeSvg(badge), contentType: "image/svg+xml; charset=utf-8" }
    : { body: JSON.stringify(shieldsEndpoint(badge)), contentType: "application/json" };
}

/** `?show=status|transport|cert|availability`, with `&transport=tls` (the default) for a transport badge. */
function badgeVariant(show = "status", transport = "tls"): BadgeVariant {
  if (show === "status" || show === "cert" || show === "availability") return { show };
  if (show !== "transport") {
    throw validationProblem([{ field: "show", message: "must be status, transport, cert or availability" }]);
  }
  if (!TRANSPORTS.has(transport))
    throw validationProblem([{ field: "transport", message: "must be udp, tcp, tls or wss" }]);
  return { show, transport };
}
