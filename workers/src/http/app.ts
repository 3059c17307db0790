import { OpenAPIHono } from "@hono/zod-openapi";
import { monitorsFileJsonSchema } from "@sipwatch/core/contract";
import { createAuth } from "../auth/create-auth";
import type { AppEnv } from "./context";
import { apiReferencePage } from "./docs/api-reference";
import { OPENAPI_OBJECT_CONFIG, withOperationIds } from "./docs/openapi-document";
import { renderError, renderNotFound } from "./error-handlers";
import { auditWrites } from "./middleware/audit-writes";
import { authenticate } from "./middleware/authenticate";
import { guardAuth } from "./middleware/guard-auth";
import { limitBodies, refuseCrossSiteWrites } from "./middleware/request-guards";
import { requireRole } from "./middleware/require-role";
import { provideServices } from "./middleware/services";
import { createRouter } from "./router";
import { agentProtocolRoutes } from "./routes/agent-protocol";
import { agentRoutes } from "./routes/agents";
import { auditRoutes } from "./routes/audit";
import { availabilityRoutes } from "./routes/availability";
import { channelRoutes } from "./routes/channels";
import { credentialRoutes } from "./routes/credentials";
import { incidentRoutes } from "./routes/incidents";
import { invitationRoutes } from "./routes/invitations";
import { maintenanceRoutes } from "./routes/maintenance";
import { memberRoutes } from "./routes/members";
import { monitorRoutes } from "./routes/monitors";
import { muteRoutes } from "./routes/mutes";
import { organisationRoutes } from "./routes/organisations";
import { overviewRoutes } from "./routes/overview";
import { publicRoutes } from "./routes/public";
import { reportRoutes } from "./routes/reports";
import { statusPageRoutes } from "./routes/status-pages";
import { statusPagePublicRoutes } from "./routes/status-pages-public";
import { tokenRoutes } from "./routes/tokens";
import { securityHeaders } from "./security/secure-headers";

export type { AppEnv } from "./context";
export { findOwnedMonitor } from "./owned-monitor";
export { ProblemError } from "./problem";
export { createRouter } from "./router";

/** The Worker's HTTP side: better-auth under /api/auth, the JSON API under /api/v1. */
export const app = new OpenAPIHono<AppEnv>();

app.use("*", securityHeaders);
app.use("*", provideServices);
app.use("/api/*", limitBodies);
app.use("/api/*", refuseCrossSiteWrites);

// Sign-up, sign-in, sign-out and session cookies: better-auth's own endpoints, behind the
// rate limits and name rules of guardAuth.
app.use("/api/auth/*", guardAuth);
app.on(["GET", "POST"], "/api/auth/*", (c) => createAuth(c.var.services).handler(c.req.raw));

// Registered before the auth middleware, so the document is public.
app.get("/api/v1/openapi.json", (c) => c.json(withOperationIds(app.getOpenAPI31Document(OPENAPI_OBJECT_CONFIG))));
// The reference page for that document, public like it (its script comes from web/dist).
app.get("/api/v1/docs", apiReferencePage);
// The JSON Schema of the monitors file (`sipwatch export` / `apply`), for editors; public too.
app.get("/api/v1/monitors-file.schema.json", (c) => c.json(monitorsFileJsonSchema()));
app.openAPIRegistry.registerComponent("securitySchemes", "bearerToken", {
  type: "http",
  scheme: "bearer",
  description: "An API token (swt_…) from POST /api/v1/tokens",
});
app.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
  type: "apiKey",
  in: "cookie",
  name: "better-auth.session_token",
  description: "The dashboard's session, from POST /api/auth/sign-in/email",
});

// Agents authenticate with their own tokens (swa_…); mounted before the API's authentication,
// whose handlers never run for these routes because the route answers first.
app.route("/api/v1", agentProtocolRoutes);
// Public status pages and badges: outside /api/v1, so no authentication.
app.route("/", publicRoutes);
app.route("/", statusPagePublicRoutes);

app.use("/api/v1/*", authenticate);
// Every operation below needs the role core's OPERATION_ROLES gives it.
app.use("/api/v1/*", requireRole);
// Every successful write below is logged (audit/api-writes.ts names each one's action).
app.use("/api/v1/*", auditWrites);

const v1 = createRouter();
v1.route("/", organisationRoutes);
v1.route("/", memberRoutes);
v1.route("/", invitationRoutes);
v1.route("/", tokenRoutes);
v1.route("/", agentRoutes);
v1.route("/", monitorRoutes);
v1.route("/", credentialRoutes);
v1.route("/", maintenanceRoutes);
v1.route("/", muteRoutes);
v1.route("/", overviewRoutes);
v1.route("/", reportRoutes);
v1.route("/", channelRoutes);
v1.route("/", statusPageRoutes);
v1.route("/", availabilityRoutes);
v1.route("/", incidentRoutes);
v1.route("/", auditRoutes);
app.route("/api/v1", v1);

app.notFound(renderNotFound);
app.onError(renderError);
