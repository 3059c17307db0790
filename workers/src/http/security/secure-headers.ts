import type { MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../context";
import { CONTENT_SECURITY_POLICY } from "./dashboard-policy";

const common = {
  contentSecurityPolicy: Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([directive, values]) => [directive, [...values]]),
  ),
  xFrameOptions: "DENY",
} as const;

const privateHeaders = secureHeaders(common);
// Badges and status documents are embedded by other sites (README images, shields.io).
const publicHeaders = secureHeaders({ ...common, crossOriginResourcePolicy: "cross-origin" });

// The API reference (GET /api/v1/docs) starts Scalar with an inline script that carries this
// response's nonce (nothing else inline runs); Scalar's Vue components write <style> elements and
// style attributes of their own, which a nonce cannot cover, so styles may be inline on this page.
const docsHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: {
    ...common.contentSecurityPolicy,
    scriptSrc: [...CONTENT_SECURITY_POLICY.scriptSrc, NONCE],
    styleSrc: [...CONTENT_SECURITY_POLICY.styleSrc, "'unsafe-inline'"],
  },
});

// Status pages run no script at all and style only from their own stylesheet.
const statusPageHeaders = secureHeaders({
  ...common,
  contentSecurityPolicy: { ...common.contentSecurityPolicy, scriptSrc: ["'none'"], connectSrc: ["'none'"] },
  crossOriginResourcePolicy: "cross-origin",
});

const isStatusPage = (path: string) => path.startsWith("/pages/");
const isPublic = (path: string) => path.startsWith("/badge/") || path.startsWith("/status/");
const isDocs = (path: string) => path === "/api/v1/docs" || path === "/api/v1/docs/";

/**
 * Hono's secureHeaders on every Worker response: the dashboard's CSP, nosniff, no framing,
 * no referrer. The dashboard's own files get the same from web/dist/_headers.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) =>
  (isDocs(c.req.path)
    ? docsHeaders
    : isStatusPage(c.req.path)
      ? statusPageHeaders
      : isPublic(c.req.path)
        ? publicHeaders
        : privateHeaders)(c, next);
