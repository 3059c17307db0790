import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recordSetsHash } from "@sipwatch/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAgent } from "../src/agent/agent-command";
import { agentConfig } from "../src/agent/agent-config";
import { LAB_DOMAIN, startAgentLab, stateDir, testRunner, waitFor } from "./agent-lab";
import { type FakeAgentServer, startFakeAgentServer } from "./fake-agent-server";

let lab: Awaited<ReturnType<typeof startAgentLab>>;
let server: FakeAgentServer;
beforeAll(async () => {
  lab = await startAgentLab();
});
afterAll(async () => {
  await lab.close();
});
afterEach(async () => {
  await server?.close();
});

const queued = (dir: string) => readdirSync(join(dir, "queue"));

describe("sipwatch agent against a server speaking the protocol", () => {
  it("audits the lab like check (UDP included) and delivers the report, health on /healthz", async () => {
    server = await startFakeAgentServer();
    server.jobs = [lab.job("mon_live")];
    const dir = stateDir();
    const ca = join(dir, "ca.pem");
    writeFileSync(ca, lab.caPem);
    const config = agentConfig(
      {
        "state-dir": dir,
        ca,
        "health-port": "0",
        resolver: [`127.0.0.1:${lab.dnsPort}`],
        lab: true,
        "probe-timeout": "1500",
      },
      { SIPWATCH_SERVER: server.url, SIPWATCH_AGENT_TOKEN: server.token },
    );
    if (!config.ok) throw new Error(config.error);
    const lines: string[] = [];
    const agent = await startAgent(
      config.config,
      { stdout: () => {}, stderr: (l) => lines.push(l), color: false },
      "9.9.9",
    );
    if (typeof agent === "string") throw new Error(agent);
    try {
      await waitFor(() => server.stored.size === 1);
      const [report] = [...server.stored.values()];
      expect(report?.monitorId).toBe("mon_live");
      expect(report?.summary.status).not.toBe("error");
      expect(report?.summary.transports.udp?.ok).toBe(true);
      expect(report?.summary.transports.tls?.ok).toBe(true);
      expect(report?.recordSets?.some((s) => s.name === `_sip._udp.${LAB_DOMAIN}`)).toBe(true);
      expect(report?.hash).toBe(await recordSetsHash(report?.recordSets ?? []));
      await waitFor(() => queued(dir).length === 0);
      const health = await fetch(`http://127.0.0.1:${agent.healthPort}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", jobs: 1, queued: 0 });
      expect(lines.every((l) => l.endsWith("\n") && l.split("\n").length === 2)).toBe(true);
      expect(lines.join("")).toContain("reports-sent");
    } finally {
      await agent.stop();
    }
  });

  it("keeps reports on disk across a restart and sends each once", async () => {
    server = await startFakeAgentServer();
    server.jobs = [lab.job("mon_a"), lab.job("mon_b")];
    server.failReports = Number.MAX_SAFE_INTEGER;
    const dir = stateDir();
    const first = testRunner(server, dir, lab.settings);
    void first.runner.start();
    await waitFor(() => first.audited.length === 2 && server.reportRequests > 0);
    await first.runner.stop();
    expect(queued(dir)).toHaveLength(2);
    expect(server.stored.size).toBe(0);

    // Started again, with no jobs to run: what it sends is what the first run queued.
    server.failReports = 0;
    server.jobs = [];
    const second = testRunner(server, dir, lab.settings);
    void second.runner.start();
    await waitFor(() => server.stored.size === 2);
    await second.runner.stop();
    expect([...server.stored.keys()].sort()).toEqual(first.audited.map((r) => r.reportId).sort());
    expect(queued(dir)).toEqual([]);
    expect(second.audited).toEqual([]);
  });

  it("rides out 500s and lost acknowledgements: every report stored exactly once", async () => {
    server = await startFakeAgentServer();
    server.jobs = [lab.job("mon_a", 0.3)];
    server.failReports = 3;
    server.storeThenFail = 1;
    const dir = stateDir();
    const { runner, audited, lines } = testRunner(server, dir, lab.settings, { intervalMs: 300 });
    void runner.start();
    await waitFor(() => audited.length >= 3 && queued(dir).length === 0 && server.failReports === 0);
    await runner.stop();
    const produced = audited.map((r) => r.reportId).sort();
    expect([...server.stored.keys()].sort()).toEqual(produced);
    // The report whose acknowledgement was lost came again and was acknowledged as a duplicate.
    expect([...server.received.values()].some((n) => n > 1)).toBe(true);
    expect(lines.some((l) => l.startsWith("error send-failed"))).toBe(true);
    expect(queued(dir)).toEqual([]);
  });

  it("stays up through garbage jobs, says so, and works once the server recovers", async () => {
    server = await startFakeAgentServer();
    server.jobsBody = "<html>502 Bad Gateway</html>";
    const dir = stateDir();
    const { runner, audited, lines } = testRunner(server, dir, lab.settings);
    void runner.start();
    await waitFor(() => lines.filter((l) => l.startsWith("error jobs-failed")).length >= 2);
    server.jobsBody = JSON.stringify({ jobs: [{ monitorId: 42 }] });
    await waitFor(() => lines.some((l) => l.includes("jobs.0.monitorId: Invalid input: expected string")));
    expect(runner.status.lastError).toContain("jobs.0");
    server.jobsBody = null;
    server.jobs = [lab.job("mon_a")];
    await waitFor(() => server.stored.size === 1);
    await runner.stop();
    expect(audited).toHaveLength(1);
  });

  it("drops a report the server refuses outright, and still delivers the rest of its batch", async () => {
    server = await startFakeAgentServer();
    server.jobs = [lab.job("mon_a"), lab.job("mon_bad"), lab.job("mon_c")];
    server.refuse = (r) => r.monitorId === "mon_bad";
    const dir = stateDir();
    const { runner, lines } = testRunner(server, dir, lab.settings);
    void runner.start();
    await waitFor(() => server.stored.size === 2 && queued(dir).length === 0);
    await runner.stop();
    expect([...server.stored.values()].map((r) => r.monitorId).sort()).toEqual(["mon_a", "mon_c"]);
    expect(lines.filter((l) => l.startsWith("error report-refused"))).toHaveLength(1);
  });

  it("bounds the queue, dropping the oldest reports", async () => {
    server = await startFakeAgentServer();
    server.jobs = [lab.job("mon_a"), lab.job("mon_b"), lab.job("mon_c")];
    server.failReports = Number.MAX_SAFE_INTEGER;
    const dir = stateDir();
    const { runner, audited, lines } = testRunner(server, dir, lab.settings, { maxQueue: 2 });
    void runner.start();
    await waitFor(() => audited.length === 3 && lines.some((l) => l.includes("queue-full")));
    await runner.stop();
    expect(queued(dir)).toHaveLength(2);
  });
});
