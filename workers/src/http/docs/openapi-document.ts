import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context";

type OpenApiObject = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;
type OpenApiObjectConfig = Parameters<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>[0];
type Operation = { operationId?: string };

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/**
 * `GET /api/v1/monitors/{id}/report` -> "getMonitorReport"-style ids: the verb and the path's
 * words, parameters dropped, camel-cased. Stable as long as the path is, which is what client
 * generators need (Redocly's recommended rules ask every operation for one).
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\//, "")
    .split("/")
    .flatMap((segment) => (segment.startsWith("{") ? [`by-${segment.slice(1, -1)}`] : segment.split("-")))
    .filter((w) => w.length > 0);
  return [method, ...words].map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join("");
}

/** The document with an operationId on every operation that does not name its own. */
export function withOperationIds(doc: OpenApiObject): OpenApiObject {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Partial<Record<(typeof METHODS)[number], Operation>>)[method];
      if (operation && !operation.operationId) operation.operationId = operationIdOf(method, path);
    }
  }
  return doc;
}

/** What the document says about itself: one server, this deployment's origin. */
export const OPENAPI_OBJECT_CONFIG: OpenApiObjectConfig = {
  openapi: "3.1.0",
  info: { title: "sipwatch API", version: "1.0.0", description: "SIP reachability monitoring" },
  servers: [{ url: "/", description: "This sipwatch deployment" }],
  security: [{ bearerToken: [] }, { sessionCookie: [] }],
};
