import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, type SignedUp, signUp } from "./accounts";

/** The default per-organisation limit (MONITOR_LIMIT is not set in the test Worker). */
const LIMIT = 1000;
let user: SignedUp;

beforeAll(async () => {
  user = await signUp("Fleet");
  const { id: organisationId } = (await (await api("/organisations/current", { as: user })).json()) as { id: string };
  // A full fleet, written straight to D1: a thousand POSTs would only slow the test down.
  const insert = env.DB.prepare(
    `INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes,
       phase_minute, thresholds, is_public, enabled, created_at, updated_at)
     VALUES (?, ?, ?, ?, '["tcp"]', '["weur"]', 5, 0, ?, 0, 1, 0, 0)`,
  );
  const thresholds = JSON.stringify({ failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 });
  const rows = Array.from({ length: LIMIT }, (_, i) => {
    const n = String(i).padStart(4, "0");
    return insert.bind(`mon_fleet${n}`, organisationId, `pbx ${n}`, `pbx${n}.example.com`, thresholds);
  });
  await env.DB.batch(rows);
});

interface Page {
  monitors: Array<{ id: string }>;
  nextCursor: string | null;
}

describe("an organisation with a full fleet", () => {
  it("serves all of it in one page of 1000", async () => {
    const page = (await (await api("/monitors?limit=1000", { as: user })).json()) as Page;
    expect(page.monitors).toHaveLength(LIMIT);
    expect(page.nextCursor).toBeNull();
  });

  it("pages through it with the cursor, each monitor once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=300&cursor=${cursor}` : "?limit=300";
      const page = (await (await api(`/monitors${query}`, { as: user })).json()) as Page;
      seen.push(...page.monitors.map((m) => m.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(LIMIT);
  });

  it("pages 100 at a time by default and refuses pages over 1000", async () => {
    const page = (await (await api("/monitors", { as: user })).json()) as Page;
    expect(page.monitors).toHaveLength(100);
    expect(page.nextCursor).toBe(page.monitors.at(-1)?.id);
    const tooBig = await api("/monitors?limit=1001", { as: user });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ errors: [{ field: "limit" }] });
  });

  it("refuses the monitor after the limit", async () => {
    const response = await api("/monitors", {
      method: "POST",
      as: user,
      body: { name: "one more", target: "example.com" },
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: "limit_reached" });
  });
});
