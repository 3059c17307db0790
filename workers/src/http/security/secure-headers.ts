import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
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

const isPublic = (path: string) => path.startsWith("/badge/") || path.startsWith("/status/");

/**
 * Hono's secureHeaders on every Worker response: the dashboard's CSP, nosniff, no framing,
 * no referrer. The dashboard's own files get the same from web/dist/_headers.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) =>
  (isPublic(c.req.path) ? publicHeaders : privateHeaders)(c, next);
