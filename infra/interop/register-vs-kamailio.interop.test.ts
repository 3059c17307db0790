import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { NodeSipFlowOpener, runCli } from "@sipwatch/agent";
import { type ProbeTarget, probeRegistration, type Transport } from "@sipwatch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labPki } from "../lab/certs";
import { type KamailioRegistrar, type RunningKamailio, startKamailio } from "../lab/kamailio";

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
beforeAll(async () => {
  registrars.MD5 = await startRegistrar("MD5");
  registrars["SHA-256"] = await startRegistrar("SHA-256");
});
afterAll(async () => {
  await Promise.all(Object.values(registrars).map((r) => r?.close()));
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
});
