import { SELF } from "cloudflare:test";
import { AUDIT_OBJECT_TYPES } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { API_WRITES, apiWriteOf, WRITE_METHODS } from "../../src/audit/api-writes";
import { ORIGIN } from "../api/accounts";

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

describe("the audit log's table of writes", () => {
  it("names every write operation of the OpenAPI document, and nothing the document lacks", async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    const writes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .map((method) => method.toUpperCase())
        .filter((method) => (WRITE_METHODS as readonly string[]).includes(method))
        .map((method) => `${method} ${path}`),
    );
    expect(writes.length).toBeGreaterThan(20);
    const missing = writes.filter((operation) => !(operation in API_WRITES));
    expect(missing, "add these to workers/src/audit/api-writes.ts").toEqual([]);
    expect(Object.keys(API_WRITES).filter((operation) => !writes.includes(operation))).toEqual([]);
  });

  it("gives every audited write an action of its object type, and says why any other is not audited", () => {
    for (const [operation, write] of Object.entries(API_WRITES)) {
      if ("notAudited" in write) {
        expect(write.notAudited.length, operation).toBeGreaterThan(20);
        continue;
      }
      expect(write.action.startsWith(`${write.objectType}.`), operation).toBe(true);
      // The dashboard's filter offers the catalogue's types: a new one must be named there.
      expect(Object.keys(AUDIT_OBJECT_TYPES), operation).toContain(write.objectType);
    }
  });

  it("finds a request's operation and its path parameters", () => {
    expect(apiWriteOf("POST", "/api/v1/monitors/mon_1/mutes/mut_2/end")).toMatchObject({
      write: { action: "mute.end" },
      params: { id: "mon_1", muteId: "mut_2" },
    });
    expect(apiWriteOf("PATCH", "/api/v1/monitors/mon_1")?.write).toMatchObject({ action: "monitor.update" });
    expect(apiWriteOf("POST", "/api/v1/monitors/mon_1/run")?.write).toMatchObject({ action: "monitor.run" });
    expect(apiWriteOf("GET", "/api/v1/monitors/mon_1")).toBeNull();
    expect(apiWriteOf("POST", "/api/v1/monitors/mon_1/unknown")).toBeNull();
  });
});
