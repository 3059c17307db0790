import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CASES } from "../lab/demo-lab";

/**
 * The README's promise: on a fresh clone `npm start` serves the API, and within two minutes the
 * demo monitors have reports with the expected findings. Runs the real `infra/dev/start.ts`
 * (wrangler dev, local D1, the lab, the cron ticker) on ports of its own.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = 18_787;
const BASE = `http://127.0.0.1:${PORT}`;
const TWO_MINUTES = 120_000;

let child: ChildProcess;
let stateDir: string;
let output = "";

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), "sipwatch-start-"));
  child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "infra/dev/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIPWATCH_STATE_DIR: stateDir,
      SIPWATCH_PORT: String(PORT),
      LAB_DNS_PORT: "15399",
      LAB_DOH_PORT: "18153",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const started = Date.now();
  while (!output.includes("READY")) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() - started > 180_000) throw new Error(`npm start was not ready within 3 minutes:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 200_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  rmSync(stateDir, { recursive: true, force: true });
});

interface Report {
  vantages: { vantageId: string; run: { status: string }; findings: { findingId: string }[] }[];
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
        const expected = DEMO_CASES.find((c) => c.domain === monitor.target)?.expect ?? [];
        for (const id of expected) if (!seen.has(id)) gaps.push(`${monitor.target}: no ${id}`);
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

  it("serves the OpenAPI document and refuses the API without credentials", async () => {
    expect((await fetch(`${BASE}/api/v1/openapi.json`)).status).toBe(200);
    const anonymous = await fetch(`${BASE}/api/v1/monitors`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
  });
});
