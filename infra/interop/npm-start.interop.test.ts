import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CASES } from "../lab/demo-lab";
import { type RunningService, startService } from "./start-service";

/**
 * The README's promise: on a fresh clone `npm start` serves the API, and within two minutes the
 * demo monitors have reports with the expected findings. Runs the real `infra/dev/start.ts`
 * (wrangler dev, local D1, the lab, the cron ticker) on ports of its own.
 */
const PORT = 18_787;
const BASE = `http://127.0.0.1:${PORT}`;
const TWO_MINUTES = 120_000;

let service: RunningService;
let stateDir: string;

beforeAll(async () => {
  service = await startService({ worker: PORT, dns: 15_399, doh: 18_153 });
  stateDir = service.stateDir;
}, 200_000);

afterAll(async () => {
  await service?.stop();
});

interface Report {
  vantages: {
    vantageId: string;
    run: { status: string; summary: { targets: { transport: string; register?: { outcome: string } }[] } };
    findings: { findingId: string }[];
  }[];
  crossVantage: { findingId: string }[];
}

describe("npm start", () => {
  it("audits every demo monitor from both regions within two minutes, with the expected findings", async () => {
    const token = readFileSync(join(stateDir, "demo-token"), "utf8").trim();
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
    const { monitors } = await get<{ monitors: { id: string; target: string }[] }>("/api/v1/monitors");
    expect(monitors.map((m) => m.target).sort()).toEqual(DEMO_CASES.map((c) => c.domain).sort());

    const missing = async () => {
      const gaps: string[] = [];
      for (const monitor of monitors) {
        const report = await get<Report>(`/api/v1/monitors/${monitor.id}/report`);
        const regions = report.vantages.map((v) => v.vantageId).sort();
        if (regions.join() !== "region:enam,region:weur") gaps.push(`${monitor.target}: reports from ${regions}`);
        const seen = new Set([
          ...report.vantages.flatMap((v) => v.findings.map((f) => f.findingId)),
          ...report.crossVantage.map((f) => f.findingId),
        ]);
        const demo = DEMO_CASES.find((c) => c.domain === monitor.target);
        for (const id of demo?.expect ?? []) if (!seen.has(id)) gaps.push(`${monitor.target}: no ${id}`);
        // The registrar demo: its stored test account registers from each region over TCP and TLS.
        if (demo?.register) {
          for (const vantage of report.vantages) {
            const outcomes = vantage.run.summary.targets.map(
              (t) => `${t.transport} ${t.register?.outcome ?? "no REGISTER"}`,
            );
            if (outcomes.sort().join() !== "tcp registered,tls registered")
              gaps.push(`${monitor.target} from ${vantage.vantageId}: ${outcomes.join(", ")}`);
          }
        }
      }
      return gaps;
    };
    const deadline = Date.now() + TWO_MINUTES;
    let gaps = await missing();
    while (gaps.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5_000));
      gaps = await missing();
    }
    expect(gaps).toEqual([]);
  }, 150_000);

  // The seeding's run-now gives the first reports; later ones only come from the cron ticker
  // reaching the Worker's scheduled handler through /__scheduled (not the dashboard's assets).
  it("keeps auditing every minute through the local cron", async () => {
    const token = readFileSync(join(stateDir, "demo-token"), "utf8").trim();
    const get = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${BASE}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const { monitors } = await get<{ monitors: { id: string; target: string }[] }>("/api/v1/monitors");
    const live = monitors.find((m) => m.target === "live.sipwatch.test");
    // Runs with an unchanged outcome extend one span per vantage: count the runs inside them.
    const runs = async () =>
      (await get<{ spans: { runs: number }[] }>(`/api/v1/monitors/${live?.id}/history/spans`)).spans.reduce(
        (n, s) => n + s.runs,
        0,
      );
    const deadline = Date.now() + 150_000;
    while ((await runs()) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5_000));
    expect(await runs()).toBeGreaterThanOrEqual(4);
  }, 160_000);

  it("serves the dashboard, with the SPA's routes falling back to index.html", async () => {
    for (const path of ["/", "/monitors/mon_x", "/settings/channels"]) {
      const page = await fetch(`${BASE}${path}`, { headers: { "sec-fetch-mode": "navigate", accept: "text/html" } });
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<div id="root">');
    }
    // The API never falls back to the page, even for a route that does not exist.
    const missing = await fetch(`${BASE}/api/v1/no-such-route`, { headers: { "sec-fetch-mode": "navigate" } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });

  it("serves the OpenAPI document and refuses the API without credentials", async () => {
    expect((await fetch(`${BASE}/api/v1/openapi.json`)).status).toBe(200);
    const anonymous = await fetch(`${BASE}/api/v1/monitors`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
  });
});
