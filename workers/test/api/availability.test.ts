import { incidents, rollups } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { historyDbOfMonitor } from "../history-db";
import { labServices } from "../pipeline/seed";
import { api, type SignedUp, signUp } from "./accounts";

let owner: SignedUp;
let monitorId = "";

/**
 * Daily rollups over two months (two regions and an agent) and incidents, one spanning the month
 * boundary, one overlapping another, one involving a single region.
 */
beforeAll(async () => {
  owner = await signUp();
  const created = await api("/monitors", {
    method: "POST",
    as: owner,
    body: { name: "Trunk", target: "sips:example.com", regions: ["weur", "enam"] },
  });
  monitorId = ((await created.json()) as { id: string }).id;
  const history = await historyDbOfMonitor(monitorId, labServices(), { write: true });
  const day = (iso: string, vantageId: string, runs: number, successes: number) => ({
    monitorId,
    vantageId,
    granularity: "day" as const,
    bucketStart: Date.parse(iso),
    runs,
    successes,
    transports: { all: { runs, ok: successes, timed: 0, sumMs: 0, h: {} } },
  });
  await history.insert(rollups).values([
    day("2026-09-01", "region:weur", 1440, 1440),
    day("2026-09-30", "region:weur", 1440, 1296),
    day("2026-09-15", "region:enam", 1440, 1440),
    day("2026-09-15", "agent:agt_x", 100, 0),
    day("2026-10-01", "region:weur", 1000, 990),
    // Hourly rows are not the report's input (their days are in the daily rows already).
    { ...day("2026-10-02", "region:weur", 50, 0), granularity: "hour" as const },
  ]);
  const { db } = labServices();
  const organisationId = (await db.query.monitors.findFirst({ where: (m, { eq }) => eq(m.id, monitorId) }))
    ?.organisationId as string;
  const incident = (id: string, opened: string, resolved: string | null, vantageIds: string[]) => ({
    id: `inc_${id}_${crypto.randomUUID().slice(0, 6)}`,
    organisationId,
    monitorId,
    status: resolved ? ("resolved" as const) : ("open" as const),
    title: "internal",
    findings: [],
    vantageIds,
    openedAt: Date.parse(opened),
    resolvedAt: resolved ? Date.parse(resolved) : null,
    updatedAt: Date.parse(opened),
  });
  await db.insert(incidents).values([
    // 60 minutes in September, 30 in October.
    incident("a", "2026-09-30T23:00:00Z", "2026-10-01T00:30:00Z", ["region:weur"]),
    // Overlaps "a" by 30 minutes in September: overall counts the union.
    incident("b", "2026-09-30T22:30:00Z", "2026-09-30T23:30:00Z", ["region:enam"]),
  ]);
});

describe("GET /monitors/{id}/availability", () => {
  it("reports each month overall and per region with incident minutes", async () => {
    const response = await api(`/monitors/${monitorId}/availability?from=2026-09&to=2026-10`, { as: owner });
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as { rows: Array<Record<string, unknown>> };
    expect(rows).toEqual([
      {
        month: "2026-09",
        scope: "overall",
        runs: 4420,
        successes: 4176,
        availability: 4176 / 4420,
        incidentMinutes: 90,
      },
      { month: "2026-09", scope: "enam", runs: 1440, successes: 1440, availability: 1, incidentMinutes: 60 },
      { month: "2026-09", scope: "weur", runs: 2880, successes: 2736, availability: 0.95, incidentMinutes: 60 },
      { month: "2026-10", scope: "overall", runs: 1000, successes: 990, availability: 0.99, incidentMinutes: 30 },
      { month: "2026-10", scope: "enam", runs: 0, successes: 0, availability: null, incidentMinutes: 0 },
      { month: "2026-10", scope: "weur", runs: 1000, successes: 990, availability: 0.99, incidentMinutes: 30 },
    ]);
  });

  it("answers CSV for format=csv and for Accept: text/csv", async () => {
    for (const [query, headers] of [
      ["&format=csv", {}],
      ["", { accept: "text/csv" }],
    ] as const) {
      const response = await api(`/monitors/${monitorId}/availability?from=2026-10&to=2026-10${query}`, {
        as: owner,
        headers,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await response.text()).toBe(
        "month,scope,runs,successes,availability_percent,incident_minutes\r\n" +
          "2026-10,overall,1000,990,99.000,30\r\n2026-10,weur,1000,990,99.000,30\r\n",
      );
    }
  });

  it("refuses bad months, reversed and overlong spans, and another organisation's monitor", async () => {
    for (const query of [
      "from=2026-13&to=2026-12",
      "from=2026-1",
      "from=2026-10&to=2026-09",
      "from=2020-01&to=2026-12",
    ]) {
      expect((await api(`/monitors/${monitorId}/availability?${query}`, { as: owner })).status, query).toBe(400);
    }
    const stranger = await signUp();
    expect((await api(`/monitors/${monitorId}/availability`, { as: stranger })).status).toBe(404);
  });
});
