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
// The lab uses this port and the next one (the office view agents resolve through).
const LAB_DNS_PORT = 15_420;
const OFFICE_DNS_PORT = LAB_DNS_PORT + 1;
// The lab uses this port and the next one (the second DNS view).
const LAB_DOH_PORT = 18_160;
const BASE = `http://127.0.0.1:${PORT}`;
const AGENT_BIN = join(ROOT, "agent/bin/sipwatch.mjs");
const TARGET = "live.sipwatch.test";
const SPLIT = "split.sipwatch.test";

let server: ChildProcess | undefined;
let agent: ChildProcess | undefined;
let officeAgent: ChildProcess | undefined;
let stateDir: string;
let agentStateDir: string;
let officeStateDir: string;
let serverOutput = "";
/** The first test's agent, which resolves through the public view like the edge. */
let publicViewAgentId: string | undefined;
let agentOutput = "";
let officeOutput = "";

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
  officeStateDir = mkdtempSync(join(tmpdir(), "sipwatch-agent-office-"));
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
  await stopChild(officeAgent, 10_000);
  await stopChild(server, 15_000);
  rmSync(agentStateDir, { recursive: true, force: true });
  rmSync(officeStateDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 40_000);

interface Agent {
  id: string;
  name: string;
  lastSeenAt: string | null;
  version: string | null;
  revoked: boolean;
}

interface StoredFinding {
  findingId: string;
  severity: string;
  subject: string;
  detail: string;
  evidence: { agent?: string; records?: { name: string; type: string; inside: string[]; outside: unknown }[] };
}

interface Report {
  crossVantage: StoredFinding[];
  vantages: { vantageId: string; run: { status: string; summary: { transports: Record<string, { ok: boolean }> } } }[];
}

/** The demo organisation's API, with the token `npm start` wrote. */
async function api<T>(path: string, init: RequestInit = {}, status = 200): Promise<T> {
  const demoToken = readFileSync(join(stateDir, "demo-token"), "utf8").trim();
  const response = await fetch(`${BASE}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${demoToken}`, "content-type": "application/json" },
  });
  expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(status);
  return (await response.json()) as T;
}

/** The bundled agent as a child process; the token goes in the environment, as the README advises, to keep it out of `ps`. */
function spawnAgent(token: string, resolver: string, queueDir: string, onOutput: (text: string) => void): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      AGENT_BIN,
      "agent",
      "--server",
      BASE,
      "--resolver",
      resolver,
      "--lab",
      "--ca",
      join(stateDir, "ca.pem"),
      "--state-dir",
      queueDir,
      "--interval",
      "5",
    ],
    { cwd: ROOT, env: { ...process.env, SIPWATCH_AGENT_TOKEN: token }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d) => onOutput(String(d)));
  child.stderr?.on("data", (d) => onOutput(String(d)));
  return child;
}

async function demoMonitorId(target: string): Promise<string> {
  const { monitors } = await api<{ monitors: { id: string; target: string }[] }>("/api/v1/monitors");
  const monitor = monitors.find((m) => m.target === target);
  expect(monitor, `a demo monitor for ${target}`).toBeDefined();
  return monitor?.id as string;
}

describe("sipwatch agent against the local Worker", () => {
  it("registers, audits a demo monitor over UDP (which the edge cannot) and is seen by the server", async () => {
    const created = await api<Agent & { token: string }>(
      "/api/v1/agents",
      { method: "POST", body: JSON.stringify({ name: "interop agent" }) },
      201,
    );
    expect(created.id).toMatch(/^agt_/);
    expect(created.token).toMatch(/^swa_/);
    publicViewAgentId = created.id;

    const monitorId = await demoMonitorId(TARGET);
    agent = spawnAgent(created.token, `127.0.0.1:${LAB_DNS_PORT}`, agentStateDir, (text) => {
      agentOutput += text;
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
  it("an agent on the office's resolver: the stored split-DNS findings name the records inside and outside disagree on", async () => {
    // The office view (lab DNS on OFFICE_DNS_PORT) sends split.sipwatch.test's UDP to an internal
    // name; the edge resolves the public views (weur over TCP, enam over DoH). Both DNS servers
    // are real, on loopback; the agent and the edge each audit the same monitor.
    const office = await api<Agent & { token: string }>(
      "/api/v1/agents",
      { method: "POST", body: JSON.stringify({ name: "office resolver agent" }) },
      201,
    );
    const monitorId = await demoMonitorId(SPLIT);
    officeAgent = spawnAgent(office.token, `127.0.0.1:${OFFICE_DNS_PORT}`, officeStateDir, (text) => {
      officeOutput += text;
    });

    const splitFindings = async () =>
      (await api<Report>(`/api/v1/monitors/${monitorId}/report`)).crossVantage.filter(
        (f) => f.findingId.startsWith("split-dns.") && f.evidence.agent === office.id,
      );
    const deadline = Date.now() + 100_000;
    let found = await splitFindings();
    while (found.length < 2 && Date.now() < deadline) {
      if (officeAgent.exitCode !== null)
        throw new Error(`the agent exited with ${officeAgent.exitCode}:\n${officeOutput}`);
      await new Promise((r) => setTimeout(r, 2_000));
      found = await splitFindings();
    }
    const report = await api<Report>(`/api/v1/monitors/${monitorId}/report`);
    const vantages = report.vantages.map((v) => v.vantageId).sort();
    expect(found.map((f) => f.findingId).sort(), `vantages ${vantages}; agent said:\n${officeOutput}`).toEqual([
      "split-dns.internal-only",
      "split-dns.mismatch",
    ]);

    // The UDP SRV set differs: inside it names the internal PBX, outside (both regions) sip1.
    const mismatch = found.find((f) => f.findingId === "split-dns.mismatch");
    expect(mismatch?.evidence.records).toEqual([
      {
        name: "_sip._udp.split.sipwatch.test",
        type: "SRV",
        inside: [expect.stringMatching(/ pbx\.split\.sipwatch\.test\.?$/)],
        outside: {
          "region:weur": [expect.stringMatching(/ sip1\.split\.sipwatch\.test\.?$/)],
          "region:enam": [expect.stringMatching(/ sip1\.split\.sipwatch\.test\.?$/)],
        },
      },
    ]);
    expect(mismatch?.detail).toContain("_sip._udp.split.sipwatch.test SRV");
    // The internal name exists only inside; the public has other records, so phones outside
    // still reach a server: a warning, not critical.
    const internal = found.find((f) => f.findingId === "split-dns.internal-only");
    expect(internal?.severity).toBe("warning");
    expect(internal?.evidence.records).toEqual([
      { name: "pbx.split.sipwatch.test", type: "A", inside: ["127.0.0.1"], outside: {} },
    ]);
    // sip1's address, on which the two public views disagree, matches one of them inside: not named.
    expect(JSON.stringify(found)).not.toContain('"sip1.split.sipwatch.test"');

    // Control: the agent on the public view audits the same monitor and sees no split DNS.
    expect(vantages).toEqual(expect.arrayContaining([office.id, publicViewAgentId, "region:enam", "region:weur"]));
    expect(
      report.crossVantage.filter((f) => f.findingId.startsWith("split-dns.") && f.evidence.agent === publicViewAgentId),
    ).toEqual([]);
  }, 120_000);
});
