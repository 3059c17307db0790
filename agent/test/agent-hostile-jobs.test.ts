import { type ChildProcess, spawn } from "node:child_process";
import dgram from "node:dgram";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type HostileSip, labPki, liveZone, startHostileSip, startLabDns, startSipLab } from "@sipwatch/infra/lab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentJob, AgentReport } from "../src/agent/protocol";
import { LAB_DOMAIN, stateDir, waitFor } from "./agent-lab";
import { type FakeAgentServer, startFakeAgentServer } from "./fake-agent-server";

/**
 * Issue 7, bad input: jobs whose targets lead to hostile servers, or are no target at all, next
 * to a healthy one. The agent runs as its own process (from source, through tsx) so its peak
 * resident memory is its own, and /healthz is asked throughout.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENTRY = join(ROOT, "agent/src/cli/entry.ts");
// `--import tsx` keeps the agent in this process id (the tsx command would run it in a child).
const TSX_LOADER = ["--import", "tsx"];
const PROBE_TIMEOUT_MS = 800;
/** Peak resident memory the agent may reach: Node and tsx take about 100 MB of it. */
const MAX_PEAK_RSS_MB = 250;

/** Answers every datagram with a burst of near-maximal datagrams that start like SIP and never end. */
async function startUdpFlood(): Promise<{ port: number; datagrams: () => number; close(): Promise<void> }> {
  const socket = dgram.createSocket("udp4");
  const junk = Buffer.concat([Buffer.from("SIP/2.0 200 OK\r\nX-Flood: "), Buffer.alloc(60_000, "f")]);
  let sent = 0;
  socket.on("message", (_message, from) => {
    for (let i = 0; i < 50; i++) {
      sent++;
      socket.send(junk, from.port, from.address);
    }
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    datagrams: () => sent,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/**
 * A TCP "SIP server" that answers with a header that never ends, as fast as loopback carries it
 * (hundreds of MB a second, unlike the lab's paced "endless"): a client that does not cap what
 * it reads would hold hundreds of MB before its timeout fires.
 */
async function startFirehose(): Promise<{ port: number; sentMb: () => number; close(): Promise<void> }> {
  const chunk = Buffer.alloc(1 << 20, "h");
  const sockets = new Set<net.Socket>();
  let sent = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", () => {
      const pump = () => {
        while (!socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
      };
      socket.write("SIP/2.0 200 OK\r\nX-Firehose: ");
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    sentMb: () => sent / (1 << 20),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const ABSURD_TARGETS: Record<string, string> = {
  mon_absurd_huge: `sip:${"a".repeat(100_000)}.test`,
  mon_absurd_header: "sip:pbx.example.com\r\nVia: SIP/2.0/UDP evil",
  mon_absurd_label: `${"b".repeat(64)}.sipwatch.test`,
};

let server: FakeAgentServer;
let agent: ChildProcess;
let agentOutput = "";
const closers: (() => Promise<unknown>)[] = [];
let flood: Awaited<ReturnType<typeof startUdpFlood>>;
let firehose: Awaited<ReturnType<typeof startFirehose>>;
const hostile: Record<string, HostileSip> = {};

beforeAll(async () => {
  const pki = await labPki({ domain: LAB_DOMAIN, host: `sip1.${LAB_DOMAIN}` });
  const sip = await startSipLab({
    transports: ["udp", "tcp", "tls"],
    tls: { cert: pki.certificates.valid.chainPem, key: pki.certificates.valid.keyPem },
  });
  closers.push(() => sip.close());
  for (const mode of ["endless", "garbage", "silent", "never-ends"] as const) {
    hostile[mode] = await startHostileSip(mode);
    closers.push(() => (hostile[mode] as HostileSip).close());
  }
  flood = await startUdpFlood();
  closers.push(() => flood.close());
  firehose = await startFirehose();
  closers.push(() => firehose.close());
  const port = (mode: string) => (hostile[mode] as HostileSip).port;
  const dns = await startLabDns({
    zones: [
      liveZone(LAB_DOMAIN, {
        udp: sip.ports.udp as number,
        tcp: sip.ports.tcp as number,
        tls: sip.ports.tls as number,
      }),
      // TCP streams without end, TLS never says a word, UDP floods.
      liveZone("endless.sipwatch.test", { tcp: port("endless"), tls: port("silent"), udp: flood.port }),
      liveZone("firehose.sipwatch.test", { tcp: firehose.port }),
      // Garbage for SIP, a body announced as 1 MB for SIP over what should be TLS.
      liveZone("garbage.sipwatch.test", { tcp: port("garbage"), tls: port("never-ends") }),
    ],
  });
  closers.push(() => dns.close());

  server = await startFakeAgentServer();
  closers.push(() => server.close());
  const job = (monitorId: string, target: string): AgentJob => ({
    monitorId,
    target,
    expectedTransports: ["udp", "tcp", "tls"],
    slowMs: 1000,
    intervalSeconds: 3600,
    phaseSeconds: 0,
  });
  server.jobs = [
    job("mon_live", LAB_DOMAIN),
    job("mon_endless", "endless.sipwatch.test"),
    job("mon_garbage", "garbage.sipwatch.test"),
    job("mon_firehose", "firehose.sipwatch.test"),
    ...Object.entries(ABSURD_TARGETS).map(([id, target]) => job(id, target)),
  ];

  const dir = stateDir();
  writeFileSync(join(dir, "ca.pem"), pki.caPem);
  // A config file, as an operator would write one; the token stays out of argv.
  writeFileSync(
    join(dir, "agent.json"),
    JSON.stringify({
      server: server.url,
      resolvers: [`127.0.0.1:${dns.udpPort}`],
      stateDir: dir,
      healthPort: 0,
      probeTimeoutMs: PROBE_TIMEOUT_MS,
      dnsTimeoutMs: 500,
      ca: join(dir, "ca.pem"),
      lab: true,
    }),
  );
  agent = spawn(process.execPath, [...TSX_LOADER, ENTRY, "agent", "--config", join(dir, "agent.json")], {
    cwd: ROOT,
    env: { ...process.env, SIPWATCH_AGENT_TOKEN: server.token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  agent.stdout?.on("data", (d) => {
    agentOutput += d;
  });
  agent.stderr?.on("data", (d) => {
    agentOutput += d;
  });
}, 60_000);

afterAll(async () => {
  if (agent && agent.exitCode === null) {
    const exited = new Promise((r) => agent.once("exit", r));
    agent.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (agent.exitCode === null && agent.signalCode === null) agent.kill("SIGKILL");
  }
  await Promise.all(closers.map((close) => close()));
}, 20_000);

/** The agent's peak resident set (VmHWM), in MB: Linux /proc. */
const peakRssMb = (pid: number) => {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
};

const report = (monitorId: string) => [...server.stored.values()].find((r) => r.monitorId === monitorId);
const target = (r: AgentReport | undefined, transport: string) =>
  r?.summary.targets.find((t) => t.transport === transport);

describe("sipwatch agent given hostile jobs", () => {
  it("reports each hostile or absurd target as an error in bounded time, keeps serving /healthz, and the healthy job still reports", async () => {
    await waitFor(() => /health-listening url=(\S+)/.test(agentOutput), 30_000);
    const health = /health-listening url=(\S+)/.exec(agentOutput)?.[1] as string;
    const started = Date.now();

    // Ask /healthz all along; each answer must come fast (the event loop is never starved).
    const answers: { status: number; ms: number }[] = [];
    let asking = true;
    const asker = (async () => {
      while (asking) {
        const t = Date.now();
        const response = await fetch(health, { signal: AbortSignal.timeout(2_000) });
        await response.text();
        answers.push({ status: response.status, ms: Date.now() - t });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    try {
      await waitFor(() => server.stored.size === server.jobs.length, 40_000);
    } catch {
      throw new Error(`${server.stored.size} of ${server.jobs.length} reports; the agent said:\n${agentOutput}`);
    } finally {
      asking = false;
      await asker;
    }
    const elapsed = Date.now() - started;

    expect(agent.exitCode, agentOutput).toBeNull();
    // One report per job, nothing more: none of them was retried or duplicated.
    expect([...server.stored.values()].map((r) => r.monitorId).sort()).toEqual(
      server.jobs.map((j) => j.monitorId).sort(),
    );

    // The healthy job is untouched by its neighbours.
    const live = report("mon_live");
    expect(live?.summary.status, JSON.stringify(live?.summary)).not.toBe("error");
    expect(live?.summary.transports.udp?.ok).toBe(true);
    expect(live?.summary.transports.tls?.ok).toBe(true);

    // A stream without end is cut at the probe's byte cap; a silent TLS port times out; the
    // flood's first 60 KB datagram reads as a 200 without Via or Call-ID, which no client can
    // match (RFC 3261 8.2.6.2), so the UDP transaction ends as malformed instead of waiting.
    const endless = report("mon_endless");
    expect(target(endless, "tcp")?.outcome).toBe("sip-too-large");
    expect(target(endless, "tls")?.outcome).toBe("timeout");
    expect(target(endless, "udp")?.outcome).toBe("sip-malformed");
    expect(flood.datagrams()).toBeGreaterThan(0);
    expect(endless?.summary.status).toBe("critical");
    expect(endless?.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(["fallback.none", "transport.tls.handshake-failed"]),
    );

    // Hundreds of MB offered; the probe reads to its cap and hangs up.
    expect(target(report("mon_firehose"), "tcp")?.outcome).toBe("sip-too-large");
    expect(firehose.sentMb()).toBeGreaterThan(0);

    // Random bytes for SIP; SIP (a 1 MB body announced) where TLS should be.
    const garbage = report("mon_garbage");
    expect(target(garbage, "tcp")?.outcome).toBe("sip-malformed");
    expect(target(garbage, "tls")?.outcome).toBe("not-tls");
    expect(garbage?.findings.map((f) => f.id)).toContain("transport.mismatch");

    // No target at all: a report with status "error" saying why, in bounded text.
    for (const id of Object.keys(ABSURD_TARGETS)) {
      const absurd = report(id);
      expect(absurd?.summary.status, id).toBe("error");
      expect(absurd?.summary.error, id).toMatch(/\S/);
      expect(absurd?.summary.error?.length, id).toBeLessThanOrEqual(1000);
      expect(absurd?.durationMs, id).toBeLessThan(5_000);
    }
    expect(report("mon_absurd_huge")?.summary.error).toMatch(/not a SIP target: .*longer than/);
    expect(report("mon_absurd_label")?.summary.error).toMatch(/not a valid host name/);
    expect(report("mon_absurd_header")?.summary.error).toMatch(/not a SIP target/);

    // Bounded time: every audit ends within its DNS deadline plus probe budget; the lot within 40 s.
    for (const r of server.stored.values()) expect(r.durationMs, r.monitorId).toBeLessThan(15_000);
    expect(elapsed).toBeLessThan(40_000);

    expect(answers.length).toBeGreaterThan(3);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1_000);

    // Bounded memory: the whole process, Node and tsx included, at its peak.
    const peak = peakRssMb(agent.pid as number);
    expect(peak, `peak RSS ${peak.toFixed(0)} MB`).toBeLessThan(MAX_PEAK_RSS_MB);
    console.log(
      `agent peak RSS: ${peak.toFixed(0)} MB; firehose offered ${firehose.sentMb().toFixed(0)} MB; ${server.stored.size} reports in ${elapsed} ms`,
    );
  }, 90_000);
});
