import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closedPort, LAB_REGISTRAR_ACCOUNT, startHostileRegistrar } from "@sipwatch/infra/lab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditJob } from "../src/agent/agent-audit";
import { agentConfig } from "../src/agent/agent-config";
import { parseJobsPage } from "../src/agent/protocol";
import { resolversFromSpecs } from "../src/cli/resolver-spec";
import { pki } from "./probe-fixtures";

const TOKEN = `swa_${"a".repeat(43)}`;
let registrar: Awaited<ReturnType<typeof startHostileRegistrar>> | undefined;

beforeAll(async () => {
  const cert = (await pki()).certificates.valid;
  registrar = await startHostileRegistrar("honest", { cert: cert.chainPem, key: cert.keyPem });
});
afterAll(() => registrar?.close());

/** A job as the server sends it for a monitor whose test account is agent-held or stored. */
function job(source: "agent" | "stored", outboundProxy?: string) {
  const parsed = parseJobsPage({
    jobs: [
      {
        monitorId: "mon_office",
        target: `sip:127.0.0.1:${registrar?.ports.udp};transport=udp`,
        expectedTransports: ["udp"],
        slowMs: 1000,
        responseHandling: {
          options: { upStatuses: [], maintenanceStatuses: [] },
          register: { upStatuses: [], maintenanceStatuses: [503] },
        },
        registration: {
          source,
          user: LAB_REGISTRAR_ACCOUNT.user,
          authUser: null,
          domain: null,
          expectContact: "as-sent",
          ...(outboundProxy ? { outboundProxy } : {}),
        },
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const [first] = parsed.value.jobs;
  if (!first) throw new Error("no job");
  return first;
}

describe("an agent-held test account", () => {
  it("reads passwords from the config file (inline or from a file), naming a bad entry without its content", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sipwatch-agent-"));
    const pwFile = path.join(dir, "pbx.pw");
    writeFileSync(pwFile, "from-a-file\n");
    const config = path.join(dir, "agent.json");
    writeFileSync(
      config,
      JSON.stringify({ credentials: { mon_a: { password: "inline" }, mon_b: { passwordFile: pwFile } } }),
    );
    const result = agentConfig({ config, server: "https://sipwatch.example", token: TOKEN }, {});
    if (!result.ok) throw new Error(result.error);
    expect([...result.config.passwords]).toEqual([
      ["mon_a", "inline"],
      ["mon_b", "from-a-file"],
    ]);
    writeFileSync(config, JSON.stringify({ credentials: { mon_a: { passwordFile: path.join(dir, "missing") } } }));
    expect(agentConfig({ config, server: "https://sipwatch.example", token: TOKEN }, {})).toEqual({
      ok: false,
      error: `--config ${config}: credentials.mon_a.passwordFile: ENOENT`,
    });
  });

  it("registers over UDP with the password from its own file when the job says the agent holds it", async () => {
    const choice = resolversFromSpecs(["127.0.0.1"], 500);
    if (!choice.ok) throw new Error(choice.error);
    const settings = {
      resolvers: choice.resolvers,
      probeTimeoutMs: 1500,
      dnsDeadlineMs: 2000,
      lab: true,
      passwords: new Map([["mon_office", LAB_REGISTRAR_ACCOUNT.password]]),
    };
    const held = await auditJob(job("agent"), settings);
    expect(held.summary.targets.map((t) => t.register?.outcome)).toEqual(["registered"]);
    expect(JSON.stringify(held)).not.toContain(LAB_REGISTRAR_ACCOUNT.password);

    // "stored": the regions register; the agent has no password for it and sends no REGISTER.
    const stored = await auditJob(job("stored"), settings);
    expect(stored.summary.targets.map((t) => t.register)).toEqual([undefined]);
    const wrong = await auditJob(job("agent"), { ...settings, passwords: new Map([["mon_office", "not-it"]]) });
    expect(wrong.summary.targets.map((t) => t.register?.outcome)).toEqual(["credentials-rejected"]);
    expect(wrong.findings.map((f) => f.id)).toContain("register.credentials-rejected");
  });

  it("registers through the monitor's outbound proxy, or the one in its own file, which wins", async () => {
    const choice = resolversFromSpecs(["127.0.0.1"], 500);
    if (!choice.ok) throw new Error(choice.error);
    const settings = {
      resolvers: choice.resolvers,
      probeTimeoutMs: 1500,
      dnsDeadlineMs: 2000,
      lab: true,
      passwords: new Map([["mon_office", LAB_REGISTRAR_ACCOUNT.password]]),
    };
    // The monitor names a proxy that is down: the report says so.
    const down = await auditJob(job("agent", `sip:127.0.0.1:${await closedPort()};transport=udp`), settings);
    const viaDown = down.summary.targets.filter((t) => t.via === "outbound-proxy");
    expect(viaDown.map((t) => [t.transport, t.register?.outcome])).toEqual([["udp", "connection-refused"]]);
    expect(down.findings.map((f) => f.id)).toContain("register.proxy-unreachable");
    // The agent's file points at the proxy inside the office network (here the lab registrar itself, which ignores Route).
    const own = { host: "127.0.0.1", port: registrar?.ports.udp ?? 0, transport: "udp" as const };
    const held = await auditJob(job("agent", `sip:127.0.0.1:${await closedPort()};transport=udp`), {
      ...settings,
      outboundProxies: new Map([["mon_office", own]]),
    });
    const viaOwn = held.summary.targets.filter((t) => t.via === "outbound-proxy");
    expect(viaOwn.map((t) => [t.port, t.register?.outcome])).toEqual([[own.port, "registered"]]);
    expect(JSON.stringify(held)).not.toContain(LAB_REGISTRAR_ACCOUNT.password);
  });
});
