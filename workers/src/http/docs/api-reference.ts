import { Scalar } from "@scalar/hono-api-reference";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { API_REFERENCE_SCRIPT } from "./api-reference-script";

/**
 * GET /api/v1/docs: Scalar's API reference for the OpenAPI document at /api/v1/openapi.json.
 * The inline start-up script carries the response's CSP nonce (see security/secure-headers.ts);
 * fonts are the system's, telemetry is off.
 */
export const apiReferencePage: MiddlewareHandler<AppEnv> = Scalar<AppEnv>((c) => ({
  pageTitle: "sipwatch API reference",
  url: "/api/v1/openapi.json",
  cdn: API_REFERENCE_SCRIPT,
  nonce: c.get("secureHeadersNonce"),
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  // Every operation listed at once; no toolbar offering hosted Scalar services.
  defaultOpenAllTags: true,
  showDeveloperTools: "never",
}));
