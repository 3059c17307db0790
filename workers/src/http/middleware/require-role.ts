import { neededRole, ROLE_LABELS, roleAtLeast } from "@sipwatch/core";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../context";
import { ProblemError } from "../problem";

/**
 * The one place roles are enforced, for every operation under /api/v1: the route Hono matched
 * is looked up in core's OPERATION_ROLES. An operation the table does not list is refused, so a
 * route added without a role fails closed (and the table's coverage test fails).
 */
export const requireRole: MiddlewareHandler<AppEnv> = async (c, next) => {
  const operation = matchedOperation(c);
  // No route matched: let the chain run on to the 404.
  if (operation === null) return next();
  const needed = neededRole(operation);
  if (needed === null) throw new ProblemError("forbidden", `${operation} is not open to any role`);
  const { role } = c.var.caller;
  if (!roleAtLeast(role, needed)) {
    throw new ProblemError(
      "role_too_low",
      `${operation} needs the ${ROLE_LABELS[needed]} role or higher; this ${c.var.caller.via === "token" ? "token acts" : "member is"} as ${ROLE_LABELS[role]}`,
    );
  }
  return next();
};

/**
 * `POST /api/v1/monitors/{id}/mutes` for the handler that will answer: the first route after
 * this middleware registered for a method (middleware is registered for ALL).
 */
function matchedOperation(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string | null {
  const route = matchedRoutes(c)
    .slice(c.req.routeIndex + 1)
    .find((r) => r.method !== "ALL");
  if (!route) return null;
  const template = route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}");
  return `${c.req.method.toUpperCase()} ${template}`;
}
