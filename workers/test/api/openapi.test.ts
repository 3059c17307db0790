import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import committedSchema from "../../../core/schemas/monitors-file.schema.json";
import { ORIGIN } from "./accounts";

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

describe("the OpenAPI document", () => {
  it("is public and describes every route with its request and responses", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApiDocument;
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        "GET /api/v1/organisations",
        "POST /api/v1/organisations",
        "GET /api/v1/organisations/current",
        "POST /api/v1/organisations/{id}/activate",
        "DELETE /api/v1/organisations/current",
        "POST /api/v1/organisations/current/leave",
        "GET /api/v1/members",
        "PATCH /api/v1/members/{id}",
        "DELETE /api/v1/members/{id}",
        "GET /api/v1/invitations",
        "POST /api/v1/invitations",
        "DELETE /api/v1/invitations/{id}",
        "GET /api/v1/invitations/{id}/invitee-view",
        "POST /api/v1/invitations/{id}/accept",
        "GET /api/v1/tokens",
        "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/agents",
        "POST /api/v1/agents",
        "DELETE /api/v1/agents/{id}",
        "GET /api/v1/agent/jobs",
        "POST /api/v1/agent/reports",
        "GET /api/v1/monitors",
        "POST /api/v1/monitors",
        "GET /api/v1/monitors/{id}",
        "PATCH /api/v1/monitors/{id}",
        "DELETE /api/v1/monitors/{id}",
        "GET /api/v1/monitors/{id}/credentials",
        "PUT /api/v1/monitors/{id}/credentials",
        "DELETE /api/v1/monitors/{id}/credentials",
        "POST /api/v1/monitors/{id}/run",
        "GET /api/v1/monitors/{id}/maintenance",
        "GET /api/v1/monitors/{id}/mutes",
        "POST /api/v1/monitors/{id}/maintenance",
        "POST /api/v1/monitors/{id}/mutes",
        "POST /api/v1/monitors/{id}/mutes/{muteId}/end",
        "DELETE /api/v1/monitors/{id}/maintenance/{windowId}",
        "GET /api/v1/monitors/{id}/report",
        "GET /api/v1/overview",
        "GET /api/v1/overview/availability",
        "GET /api/v1/monitors/{id}/history/spans",
        "GET /api/v1/monitors/{id}/history/rollups",
        "GET /api/v1/monitors/{id}/history/dns",
        "GET /api/v1/monitors/{id}/history/findings",
        "GET /api/v1/channels",
        "POST /api/v1/channels",
        "GET /api/v1/channels/{id}",
        "PATCH /api/v1/channels/{id}",
        "DELETE /api/v1/channels/{id}",
        "POST /api/v1/channels/{id}/test",
        "GET /api/v1/channels/{id}/deliveries",
        "GET /api/v1/status-pages",
        "POST /api/v1/status-pages",
        "GET /api/v1/status-pages/{id}",
        "PATCH /api/v1/status-pages/{id}",
        "DELETE /api/v1/status-pages/{id}",
        "GET /api/v1/monitors/{id}/availability",
        "GET /api/v1/incidents",
        "GET /api/v1/incidents/{id}",
        "POST /api/v1/incidents/{id}/acknowledge",
        "POST /api/v1/incidents/{id}/updates",
        "POST /api/v1/incidents/{id}/resolve",
        "GET /api/v1/audit",
        "GET /api/v1/audit/export",
      ].sort(),
    );
    for (const methods of Object.values(doc.paths)) {
      for (const operation of Object.values(methods)) expect(operation.responses["401"]).toBeDefined();
    }
    expect(doc.paths["/api/v1/monitors"]?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Monitor", "CreateMonitor", "UpdateMonitor", "MonitorPage", "ApiToken", "Problem"]),
    );
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearerToken", "sessionCookie"]);
  });

  // The dashboard's client types are generated from this copy (web: npm run api:types), so a
  // change to the API that the dashboard has not seen fails here. Refresh it with
  // `npx vitest run --project workers workers/test/api/openapi.test.ts --update`.
  it("matches the copy the dashboard is typed from", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`);
    const doc = await response.json();
    await expect(`${JSON.stringify(doc, null, 2)}\n`).toMatchFileSnapshot("../../../web/src/api/openapi.json");
  });
});

describe("the API reference page", () => {
  it("is public and loads Scalar from this deployment under a nonce, not from a CDN", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/docs`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('src="/vendor/scalar/api-reference.js"');
    expect(html).toContain('"url": "/api/v1/openapi.json"');
    expect(html).not.toMatch(/https?:\/\//);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`nonce="${nonce}"`);
  });
});

describe("the monitors file's JSON Schema", () => {
  it("is public and is the one committed for editors", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/monitors-file.schema.json`);
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served).toEqual(committedSchema);
  });
});
