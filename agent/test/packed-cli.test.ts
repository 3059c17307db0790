import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AuditReport } from "@sipwatch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LAB_DOMAIN, startAgentLab, waitFor } from "./agent-lab";
import { type FakeAgentServer, startFakeAgentServer } from "./fake-agent-server";

/**
 * Issue 18, item 6: the package `npm pack` makes installs where there is only Node (no workspace,
 * no build step, no registry) and its `sipwatch` command audits the lab. The command runs as an
 * operator's shell would run it: through its shebang, with node_modules/.bin off the PATH.
 */
const AGENT_DIR = fileURLToPath(new URL("..", import.meta.url));

let work: string;
let sipwatch: string;
let lab: Awaited<ReturnType<typeof startAgentLab>>;
let server: FakeAgentServer;
let agent: ChildProcess | undefined;

/** The machine's PATH without the repository's node_modules/.bin (which brings Node 22 and tsx); this Node last, as a fallback. */
const operatorPath = () =>
  [
    ...(process.env.PATH ?? "").split(delimiter).filter((dir) => dir && !dir.includes(`${sep}node_modules${sep}`)),
    dirname(process.execPath),
  ].join(delimiter);

/** A shell's environment on a fresh machine: no npm_config_* or workspace settings inherited from `npm test`. */
const operatorEnv = (extra: Record<string, string> = {}) => ({
  PATH: operatorPath(),
  HOME: join(work, "home"),
  ...extra,
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process, whose event loop serves the lab. */
function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, encoding: "utf8", timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "sipwatch-packed-"));
  mkdirSync(join(work, "home"));
  lab = await startAgentLab();
  server = await startFakeAgentServer();

  // `npm pack` runs the package's prepack script, which bundles the current sources.
  const packed = await run("npm", ["pack", "--pack-destination", work], { cwd: AGENT_DIR });
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack made no tarball:\n${packed.stdout}`);

  // A global install under a prefix of its own, offline with an empty cache: nothing but the tarball.
  const prefix = join(work, "prefix");
  const installed = await run(
    "npm",
    [
      "install",
      "--global",
      "--prefix",
      prefix,
      "--offline",
      "--cache",
      join(work, "npm-cache"),
      "--no-audit",
      "--no-fund",
      join(work, tarball),
    ],
    { cwd: work, env: operatorEnv() },
  );
  if (installed.code !== 0) throw new Error(`npm install of ${tarball} failed:\n${installed.stderr}`);
  sipwatch = join(prefix, "bin", "sipwatch");
}, 60_000);

afterAll(async () => {
  if (agent && agent.exitCode === null) agent.kill("SIGKILL");
  await Promise.all([lab?.close(), server?.close()]);
  rmSync(work, { recursive: true, force: true });
});

describe("the packed sipwatch package, installed from its tarball alone", () => {
  it("prints its usage for --help and agent --help", async () => {
    const help = await run(sipwatch, ["--help"], { env: operatorEnv() });
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toContain("Usage: sipwatch check <domain|sip-uri>");
    const agentHelp = await run(sipwatch, ["agent", "--help"], { env: operatorEnv() });
    expect(agentHelp).toMatchObject({ code: 0, stderr: "" });
    expect(agentHelp.stdout).toContain("sipwatch agent --server <url> --token <swa_…>");
  });

  it("checks the lab's domain through the lab's DNS", async () => {
    const check = await run(
      sipwatch,
      ["check", LAB_DOMAIN, "--resolver", `127.0.0.1:${lab.dnsPort}`, "--no-probe", "--json"],
      { env: operatorEnv() },
    );
    expect(check.stderr).toBe("");
    const report = JSON.parse(check.stdout) as AuditReport;
    expect(report.target.host).toBe(LAB_DOMAIN);
    expect(report.resolution.candidates.map((c) => c.host)).toContain(`sip1.${LAB_DOMAIN}`);
    expect(report.probes).toBeUndefined();
    expect(check.code).toBe({ ok: 0, warning: 1, critical: 2 }[report.status]);
  });

  it("runs as an agent: fetches its job, audits the lab over UDP and TLS, reports, and stops on SIGTERM", async () => {
    server.jobs = [lab.job("mon_packed")];
    const config = join(work, "agent.json");
    writeFileSync(join(work, "ca.pem"), lab.caPem);
    writeFileSync(
      config,
      JSON.stringify({
        server: server.url,
        resolvers: [`127.0.0.1:${lab.dnsPort}`],
        stateDir: join(work, "state"),
        probeTimeoutMs: 1500,
        ca: join(work, "ca.pem"),
        lab: true,
      }),
    );
    let output = "";
    const started = spawn(sipwatch, ["agent", "--config", config], {
      env: operatorEnv({ SIPWATCH_AGENT_TOKEN: server.token }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    agent = started;
    started.stdout?.on("data", (d) => {
      output += d;
    });
    started.stderr?.on("data", (d) => {
      output += d;
    });
    try {
      await waitFor(() => server.stored.size > 0, 20_000);
    } catch {
      throw new Error(`no report arrived; the agent said:\n${output}`);
    }
    const report = [...server.stored.values()][0];
    expect(report?.monitorId).toBe("mon_packed");
    expect(report?.summary.transports.udp?.ok).toBe(true);
    expect(report?.summary.transports.tls?.ok).toBe(true);

    const exited = new Promise<number | null>((resolve) => started.once("exit", (code) => resolve(code)));
    started.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 30_000);
});
