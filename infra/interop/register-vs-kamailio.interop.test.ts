import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { NodeSipFlowOpener, runCli } from "@sipwatch/agent";
import { type ProbeTarget, probeRegistration, proxyRoute, type Transport } from "@sipwatch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labPki } from "../lab/certs";
import { type KamailioRegistrar, type RunningKamailio, startKamailio } from "../lab/kamailio";
import { closedPort } from "../lab/listeners";

/**
 * core's REGISTER probe through the agent's UDP, TCP and TLS flows against Debian's Kamailio
 * as a registrar: auth_db over a db_text subscriber table, usrloc in memory, registrar's save().
 */
const HOST = "127.0.0.1";
const DOMAIN = "reg.sipwatch.test";
const USER = "alice";
const PASSWORD = "Kamailio-Interop-Pw1";

async function startRegistrar(algorithm: KamailioRegistrar["algorithm"]): Promise<RunningKamailio> {
  const pki = await labPki({ domain: DOMAIN, host: `sip1.${DOMAIN}` });
  const cert = pki.certificates.valid;
  return startKamailio({
    host: HOST,
    tls: { certPem: cert.chainPem, keyPem: cert.keyPem },
    registrar: { domain: DOMAIN, subscribers: [{ user: USER, password: PASSWORD }], algorithm },
  });
}

function target(transport: Transport, port: number): ProbeTarget {
  return { transport, host: HOST, address: HOST, port, sipDomain: DOMAIN };
}

const registrars: Partial<Record<"MD5" | "SHA-256", RunningKamailio>> = {};
/** A second Kamailio as the account's outbound proxy in front of the MD5 registrar: 407 first, then it relays. */
let proxy: RunningKamailio;
beforeAll(async () => {
  registrars.MD5 = await startRegistrar("MD5");
  registrars["SHA-256"] = await startRegistrar("SHA-256");
  const pki = await labPki({ domain: DOMAIN, host: `proxy.${DOMAIN}` });
  proxy = await startKamailio({
    host: HOST,
    tls: { certPem: pki.certificates.valid.chainPem, keyPem: pki.certificates.valid.keyPem },
    outboundProxy: {
      registrar: { host: HOST, port: registrars.MD5.ports.tcp, transport: "tcp" },
      challenge: { domain: DOMAIN, subscribers: [{ user: USER, password: PASSWORD }], algorithm: "MD5" },
    },
  });
});
afterAll(async () => {
  await Promise.all([...Object.values(registrars), proxy].map((r) => r?.close()));
});

describe.each(["MD5", "SHA-256"] as const)("REGISTER against Kamailio (%s)", (algorithm) => {
  it.each(["udp", "tcp", "tls"] as const)("registers over %s and removes the binding", async (transport) => {
    const registrar = registrars[algorithm] as RunningKamailio;
    const result = await probeRegistration(new NodeSipFlowOpener(), target(transport, registrar.ports[transport]), {
      timeoutMs: 4000,
      credentials: { user: USER, password: PASSWORD },
    });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(result).toMatchObject({
      outcome: "registered",
      status: 200,
      algorithm,
      challenges: [{ status: 401, realm: DOMAIN, algorithm, qop: "auth", stale: false }],
      unregister: { outcome: "removed", status: 200 },
    });
    expect(result.bindings?.filter((b) => b.ours)).toHaveLength(1);
    expect(result.expiresGrantedS).toBeGreaterThan(0);
  });

  it.each(["udp", "tcp", "tls"] as const)(
    "reports a wrong password over %s as credentials-rejected",
    async (transport) => {
      const registrar = registrars[algorithm] as RunningKamailio;
      const result = await probeRegistration(new NodeSipFlowOpener(), target(transport, registrar.ports[transport]), {
        timeoutMs: 4000,
        credentials: { user: USER, password: "wrong-password" },
      });
      expect(result).toMatchObject({ outcome: "credentials-rejected", status: 401 });
      expect(result.unregister).toBeUndefined();
    },
  );
});

describe("REGISTER through Kamailio as the account's outbound proxy", () => {
  it.each(["udp", "tcp", "tls"] as const)(
    "the agent registers over %s via the proxy: its 407, then the registrar's 401",
    async (transport) => {
      const via = target(transport, proxy.ports[transport]);
      const result = await probeRegistration(new NodeSipFlowOpener(), via, {
        timeoutMs: 4000,
        credentials: { user: USER, password: PASSWORD },
        route: proxyRoute(via),
      });
      expect(JSON.stringify(result)).not.toContain(PASSWORD);
      expect(result).toMatchObject({
        outcome: "registered",
        status: 200,
        route: proxyRoute(via),
        challenges: [
          { status: 407, realm: DOMAIN },
          { status: 401, realm: DOMAIN },
        ],
        unregister: { outcome: "removed" },
      });
      // The proxy's 407 came first: the registration went through it, and the registrar stored our binding.
      expect(result.bindings?.filter((b) => b.ours)).toHaveLength(1);
    },
  );

  it("a wrong password is rejected at the proxy already", async () => {
    const via = target("tcp", proxy.ports.tcp);
    const result = await probeRegistration(new NodeSipFlowOpener(), via, {
      timeoutMs: 4000,
      credentials: { user: USER, password: "wrong-password" },
      route: proxyRoute(via),
    });
    expect(result).toMatchObject({ outcome: "credentials-rejected", status: 407 });
  });
});

describe("sipwatch check --user against Kamailio", () => {
  it("shows the registration per transport and never prints the password", async () => {
    const registrar = registrars.MD5 as RunningKamailio;
    const dir = await mkdtemp("/tmp/sw-register-cli-");
    const passwordFile = join(dir, "password");
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const run = async (json: boolean) => {
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), color: false };
      const code = await runCli(
        [
          "check",
          `sip:${HOST}:${registrar.ports.udp}`,
          "--lab",
          "--user",
          `${USER}@${DOMAIN}`,
          "--password-file",
          passwordFile,
          ...(json ? ["--json"] : []),
        ],
        io,
      );
      const stdout = out.join("");
      expect(`${stdout}${err.join("")}`).not.toContain(PASSWORD);
      return { code, stdout };
    };
    const human = await run(false);
    expect(human.stdout).toMatch(/Registration of sip:alice@reg\.sipwatch\.test/);
    expect(human.stdout).toMatch(/registered in \d+ ms, digest MD5, expires \d+ s,.*binding removed/);
    const json = await run(true);
    const report = JSON.parse(json.stdout);
    expect(report.probes[0].register).toMatchObject({ outcome: "registered", unregister: { outcome: "removed" } });
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    // The registrar's address is probed over UDP, TCP and TLS; a sip: proxy with a port takes UDP and TCP there.
    { proxy: "up", transports: ["tcp", "udp"] },
    { proxy: "pinned to TCP", transports: ["tcp"] },
    { proxy: "down", transports: ["tcp", "udp"] },
  ])("--outbound-proxy: registers through the proxy per transport, or names the proxy ($proxy)", async (c) => {
    const registrar = registrars.MD5 as RunningKamailio;
    const dir = await mkdtemp("/tmp/sw-register-proxy-");
    const passwordFile = join(dir, "password");
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const port = c.proxy === "down" ? await closedPort() : proxy.ports.udp;
    const setting = `sip:${HOST}:${port}${c.proxy === "pinned to TCP" ? ";transport=tcp" : ""}`;
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t), color: false };
    const args = ["check", `${DOMAIN}`, "--lab", "--user", USER, "--password-file", passwordFile];
    // The registrar's name does not resolve here: its target is given as an address, the proxy by --outbound-proxy.
    args[1] = `sip:${HOST}:${registrar.ports.udp}`;
    await runCli([...args, "--outbound-proxy", setting, "--json"], io);
    const stdout = out.join("");
    expect(stdout).not.toContain(PASSWORD);
    const report = JSON.parse(stdout.slice(stdout.indexOf("{")));
    const viaProxy = report.probes.filter((p: { register?: { route?: string } }) => p.register?.route);
    expect(viaProxy.map((p: { target: ProbeTarget }) => p.target.transport).sort()).toEqual(c.transports);
    const outcomes = viaProxy.map((p: { register: { outcome: string } }) => p.register.outcome);
    const findings = report.findings.map((f: { id: string }) => f.id);
    if (c.proxy === "down") {
      expect(outcomes).toEqual(outcomes.map(() => expect.stringMatching(/^(connection-refused|timeout)$/)));
      expect(findings).toContain("register.proxy-unreachable");
    } else {
      expect(outcomes).toEqual(outcomes.map(() => "registered"));
      expect(findings.filter((id: string) => id.startsWith("register."))).toEqual([]);
    }
    await rm(dir, { recursive: true, force: true });
  });
});
