import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Issue 7: the bundled `sipwatch agent` against the real Worker. Runs `infra/dev/start.ts`
 * (wrangler dev, local D1, the lab) on ports of its own (not those of npm-start.interop.test.ts,
 * so the two files can run side by side), registers an agent with the demo token, starts the
 * agent as a child process and waits for its reports to appear beside the edge's.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = 18_790;
const LAB_DNS_PORT = 15_420;
// The lab uses this port and the next one (the second DNS view).
const LAB_DOH_PORT = 18_160;
const BASE = `http://127.0.0.1:${PORT}`;
const AGENT_BIN = join(ROOT, "agent/bin/sipwatch.mjs");
const TARGET = "live.sipwatch.test";

let server: ChildProcess | undefined;
let agent: ChildProcess | undefined;
let stateDir: string;
let agentStateDir: string;
let serverOutput = "";
let agentOutput = "";

/** SIGTERM, then SIGKILL if the child has not exited within the grace period. */
async function stopChild(child: ChildProcess | undefined, graceMs: number) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

beforeAll(async () => {
  // `npm ci` builds the bundle through the root `prepare` script; build it if a checkout skipped that.
  if (!existsSync(join(ROOT, "agent/dist/sipwatch.mjs"))) {
    const build = spawnSync(process.execPath, ["build.mjs"], { cwd: join(ROOT, "agent"), encoding: "utf8" });
    if (build.status !== 0) throw new Error(`building the agent failed:\n${build.stdout}\n${build.stderr}`);
  }
  stateDir = mkdtempSync(join(tmpdir(), "sipwatch-agent-start-"));
  agentStateDir = mkdtempSync(join(tmpdir(), "sipwatch-agent-queue-"));
  server = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "infra/dev/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIPWATCH_STATE_DIR: stateDir,
      SIPWATCH_PORT: String(PORT),
      LAB_DNS_PORT: String(LAB_DNS_PORT),
      LAB_DOH_PORT: String(LAB_DOH_PORT),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = server;
  started.stdout?.on("data", (d) => {
    serverOutput += d;
  });
  started.stderr?.on("data", (d) => {
    serverOutput += d;
  });
  const since = Date.now();
  while (!serverOutput.includes("READY")) {
    if (started.exitCode !== null) throw new Error(`npm start exited with ${started.exitCode}:\n${serverOutput}`);
    if (Date.now() - since > 180_000) throw new Error(`npm start was not ready within 3 minutes:\n${serverOutput}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}, 200_000);

afterAll(async () => {
  await stopChild(agent, 10_000);
  await stopChild(server, 15_000);
  rmSync(agentStateDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 40_000);

interface Agent {
  id: string;
  name: string;
  lastSeenAt: string | null;
  version: string | null;
  revoked: boolean;
}

interface Report {
  vantages: { vantageId: string; run: { status: string; summary: { transports: Record<string, { ok: boolean }> } } }[];
}

describe("sipwatch agent against the local Worker", () => {
  it("registers, audits a demo monitor over UDP (which the edge cannot) and is seen by the server", async () => {
    const demoToken = readFileSync(join(stateDir, "demo-token"), "utf8").trim();
    const api = async <T>(path: string, init: RequestInit = {}, status = 200): Promise<T> => {
      const response = await fetch(`${BASE}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${demoToken}`, "content-type": "application/json" },
      });
      expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(status);
      return (await response.json()) as T;
    };

    const created = await api<Agent & { token: string }>(
      "/api/v1/agents",
      { method: "POST", body: JSON.stringify({ name: "interop agent" }) },
      201,
    );
    expect(created.id).toMatch(/^agt_/);
    expect(created.token).toMatch(/^swa_/);

    const { monitors } = await api<{ monitors: { id: string; target: string }[] }>("/api/v1/monitors");
    const monitor = monitors.find((m) => m.target === TARGET);
    expect(monitor, `a demo monitor for ${TARGET}`).toBeDefined();
    const monitorId = monitor?.id as string;

    agent = spawn(
      process.execPath,
      [
        AGENT_BIN,
        "agent",
        "--server",
        BASE,
        "--resolver",
        `127.0.0.1:${LAB_DNS_PORT}`,
        "--lab",
        "--ca",
        join(stateDir, "ca.pem"),
        "--state-dir",
        agentStateDir,
        "--interval",
        "5",
      ],
      // The token goes in the environment, as the README advises, to keep it out of `ps`.
      { cwd: ROOT, env: { ...process.env, SIPWATCH_AGENT_TOKEN: created.token }, stdio: ["ignore", "pipe", "pipe"] },
    );
    agent.stdout?.on("data", (d) => {
      agentOutput += d;
    });
    agent.stderr?.on("data", (d) => {
      agentOutput += d;
    });

    const agentRun = async () => {
      const report = await api<Report>(`/api/v1/monitors/${monitorId}/report`);
      return report.vantages.find((v) => v.vantageId === created.id);
    };
    const deadline = Date.now() + 60_000;
    let run = await agentRun();
    while (!run && Date.now() < deadline) {
      if (agent.exitCode !== null) throw new Error(`the agent exited with ${agent.exitCode}:\n${agentOutput}`);
      await new Promise((r) => setTimeout(r, 2_000));
      run = await agentRun();
    }
    expect(run, `a report from ${created.id} within a minute; agent said:\n${agentOutput}`).toBeDefined();
    expect(run?.vantageId).toMatch(/^agt_/);
    // The lab's UDP server answers OPTIONS: only the agent can see that.
    expect(run?.run.summary.transports.udp, `agent said:\n${agentOutput}`).toEqual(
      expect.objectContaining({ ok: true }),
    );

    const { agents } = await api<{ agents: Agent[] }>("/api/v1/agents");
    const seen = agents.find((a) => a.id === created.id);
    expect(seen?.lastSeenAt).not.toBeNull();
    expect(seen?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(seen?.revoked).toBe(false);
  }, 90_000);
});
