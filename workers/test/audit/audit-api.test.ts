import { AUDIT_RETENTION_MS } from "@sipwatch/core";
import { deleteAuditEventsBefore } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/audit/record";
import { runMaintenance } from "../../src/scheduled/maintenance";
import { api, type Credentials, signedUpWithToken } from "../api/accounts";
import { labServices } from "../pipeline/seed";

interface Entry {
  id: string;
  action: string;
  objectId: string | null;
  actor: { kind: string };
}
interface Page {
  entries: Entry[];
  nextCursor: string | null;
}

const services = labServices();
const system = { kind: "system" as const, id: null, label: "sipwatch" };

async function organisationOf(as: Credentials): Promise<string> {
  return ((await (await api("/organisations/current", { as })).json()) as { id: string }).id;
}

async function page(as: Credentials, query: string): Promise<Page> {
  const response = await api(`/audit${query}`, { as });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

let a: Credentials;
let b: Credentials;
let orgA: string;
let monitorOfA: string;

beforeAll(async () => {
  a = { token: (await signedUpWithToken("Org A")).token };
  b = { token: (await signedUpWithToken("Org B")).token };
  orgA = await organisationOf(a);
  const created = await api("/monitors", { method: "POST", as: a, body: { name: "A", target: "a.example.com" } });
  monitorOfA = ((await created.json()) as { id: string }).id;
  for (const name of ["A1", "A2", "A3", "A4"])
    await api(`/monitors/${monitorOfA}`, { method: "PATCH", as: a, body: { name } });
});

describe("GET /api/v1/audit", () => {
  it("pages newest first by cursor without repeats", async () => {
    const first = await page(a, "?limit=2&action=monitor.update");
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await page(a, `?limit=2&action=monitor.update&cursor=${first.nextCursor}`);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(4);
    expect(second.nextCursor).toBeNull();
    expect((await page(a, "?action=monitor.update")).entries.map((e) => e.id)).toEqual(ids);
  });

  it("filters by action, object, actor kind and time", async () => {
    expect((await page(a, "?action=monitor.create")).entries.map((e) => e.objectId)).toEqual([monitorOfA]);
    expect((await page(a, `?objectType=monitor&objectId=${monitorOfA}`)).entries).toHaveLength(5);
    expect((await page(a, "?actorKind=agent")).entries).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await page(a, `?since=${future}`)).entries).toEqual([]);
    expect((await page(a, `?until=${future}&action=monitor.create`)).entries).toHaveLength(1);
  });

  it("answers bad filters with a 400 naming the field", async () => {
    for (const [query, field] of [
      ["?cursor=nonsense", "cursor"],
      ["?since=yesterday", "since"],
      ["?limit=100000", "limit"],
      ["?actorKind=robot", "actorKind"],
      [`?since=${new Date().toISOString()}&until=${new Date(Date.now() - 1000).toISOString()}`, "since"],
    ]) {
      const response = await api(`/audit${query}`, { as: a });
      expect(response.status, query).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toEqual([field]);
    }
  });

  it("shows nothing of another organisation's log, by list, object filter or export", async () => {
    expect((await page(b, `?objectId=${monitorOfA}`)).entries).toEqual([]);
    const ofB = await page(b, "?limit=200");
    expect(ofB.entries.every((e) => e.objectId !== monitorOfA)).toBe(true);
    const csv = await (await api(`/audit/export?objectId=${monitorOfA}`, { as: b })).text();
    expect(csv.trim().split("\r\n")).toHaveLength(1);
    expect((await api("/audit")).status).toBe(401);
  });

  it("exports the filtered log as CSV", async () => {
    const response = await api(`/audit/export?objectId=${monitorOfA}`, { as: a });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="sipwatch-audit-/);
    expect(response.headers.get("x-sipwatch-truncated")).toBe("false");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("at,actor_kind,actor_id,actor,action,object_type,object_id,summary");
    expect(lines.slice(1).map((l) => l.split(",")[4])).toEqual([...Array(4).fill("monitor.update"), "monitor.create"]);
  });

  it("has no route that edits or deletes an entry", async () => {
    const [entry] = (await page(a, "?limit=1")).entries;
    for (const method of ["PATCH", "PUT", "DELETE", "POST"]) {
      const response = await api(`/audit/${entry?.id}`, { method, as: a, body: method === "DELETE" ? undefined : {} });
      expect(response.status, method).toBe(404);
      expect((await api("/audit", { method, as: a, body: method === "DELETE" ? undefined : {} })).status).toBe(404);
    }
    expect((await page(a, "?limit=1")).entries[0]?.id).toBe(entry?.id);
  });
});

describe("audit log retention", () => {
  it(`keeps entries ${AUDIT_RETENTION_MS / 86_400_000} days, deleted by the scheduled maintenance in bounded batches`, async () => {
    const now = Date.now();
    const expired = now - AUDIT_RETENTION_MS - 60_000;
    for (let i = 0; i < 5; i++)
      await recordAudit(
        services.db,
        orgA,
        system,
        { action: "test.expired", objectType: "test", objectId: `old-${i}` },
        expired - i,
      );
    await recordAudit(
      services.db,
      orgA,
      system,
      { action: "test.kept", objectType: "test", objectId: "young" },
      now - AUDIT_RETENTION_MS + 86_400_000,
    );
    // Bounded: one call deletes at most the batch it is given, oldest first.
    expect(await deleteAuditEventsBefore(services.db, now - AUDIT_RETENTION_MS, 2)).toBe(2);
    expect((await page(a, "?objectType=test&limit=200")).entries.map((e) => e.objectId)).toEqual([
      "young",
      "old-0",
      "old-1",
      "old-2",
    ]);
    const done = await runMaintenance(services, now);
    expect(done.auditDeleted).toBeGreaterThanOrEqual(3);
    expect((await page(a, "?objectType=test&limit=200")).entries.map((e) => e.objectId)).toEqual(["young"]);
    expect((await page(a, "?action=monitor.create")).entries).toHaveLength(1);
  });
});
