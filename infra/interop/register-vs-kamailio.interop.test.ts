import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { NodeSipFlowOpener, NodeSipOptionsProber, runCli } from "@sipwatch/agent";
import { type ProbeTarget, probeRegistration, type Transport } from "@sipwatch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labPki } from "../lab/certs";
import { startDaemon } from "../lab/daemon";
import { findKamailio, findKamailioModules } from "../lab/kamailio";

/**
 * core's REGISTER probe through the agent's UDP, TCP and TLS flows against Debian's Kamailio
 * as a registrar: auth_db over a db_text subscriber table, usrloc in memory, registrar's save().
 * Ports 47100-47199 on 127.0.0.1 are this suite's; state lives under /tmp/sw-register-*.
 */
const kamailio = findKamailio();
const modulesDir = findKamailioModules();
if (!kamailio || !modulesDir) throw new Error("kamailio (with its tls module) not found: run .ci/run");

const HOST = "127.0.0.1";
const DOMAIN = "reg.sipwatch.test";
const USER = "alice";
const PASSWORD = "Kamailio-Interop-Pw1";
const MODULES = [
  "tm",
  "sl",
  "pv",
  "textops",
  "siputils",
  "tls",
  "maxfwd",
  "db_text",
  "auth",
  "auth_db",
  "usrloc",
  "registrar",
];

interface Registrar {
  ports: Record<"udp" | "tcp" | "tls", number>;
  close(): Promise<void>;
}

async function startRegistrar(basePort: number, algorithm: "MD5" | "SHA-256"): Promise<Registrar> {
  const ports = { udp: basePort, tcp: basePort, tls: basePort + 1 };
  const workDir = await mkdtemp("/tmp/sw-register-");
  const dbDir = join(workDir, "db");
  const runDir = join(workDir, "run");
  await mkdir(dbDir);
  await mkdir(runDir);
  // db_text: a header line of typed columns, then rows; auth_db checks the table's version.
  await writeFile(join(dbDir, "version"), "table_name(string) table_version(int)\nsubscriber:7\nlocation:9\n");
  await writeFile(
    join(dbDir, "subscriber"),
    `id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)\n1:${USER}:${DOMAIN}:${PASSWORD}:::\n`,
  );
  const pki = await labPki({ domain: DOMAIN, host: `sip1.${DOMAIN}` });
  const cert = pki.certificates.valid;
  await writeFile(join(workDir, "cert.pem"), cert.chainPem);
  await writeFile(join(workDir, "key.pem"), cert.keyPem, { mode: 0o600 });
  await writeFile(
    join(workDir, "tls.cfg"),
    `[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\nrequire_certificate = no\ncertificate = ${join(workDir, "cert.pem")}\nprivate_key = ${join(workDir, "key.pem")}\n`,
  );
  const cfg = `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
auto_aliases=no
dns=no
rev_dns=no
enable_tls=yes
listen=udp:${HOST}:${ports.udp}
listen=tcp:${HOST}:${ports.tcp}
listen=tls:${HOST}:${ports.tls}
mpath="${modulesDir}/"
${MODULES.map((m) => `loadmodule "${m}.so"`).join("\n")}
modparam("tls", "config", "${join(workDir, "tls.cfg")}")
modparam("auth", "algorithm", "${algorithm}")
modparam("auth_db", "db_url", "text://${dbDir}")
modparam("auth_db", "calculate_ha1", 1)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")
modparam("usrloc", "db_mode", 0)

request_route {
  if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
  if (is_method("REGISTER")) {
    if (!auth_check("$fd", "subscriber", "1")) {
      auth_challenge("$fd", "1");
      exit;
    }
    if (!save("location")) sl_reply_error();
    exit;
  }
  if (is_method("ACK")) exit;
  sl_send_reply("405", "Method Not Allowed");
}
`;
  const cfgPath = join(workDir, "kamailio.cfg");
  await writeFile(cfgPath, cfg);
  const { close } = await startDaemon({
    name: "kamailio",
    command: kamailio as string,
    args: ["-DD", "-E", "-f", cfgPath, "-P", join(runDir, "kamailio.pid"), "-Y", runDir, "-w", runDir],
    workDir,
    processGroup: true,
    waitReady: (exited) => waitForOptions(ports.udp, exited),
  });
  return {
    ports,
    close: async () => {
      await close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

async function waitForOptions(port: number, exited: Promise<number | null>): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const prober = new NodeSipOptionsProber();
  for (let i = 0; i < 100; i++) {
    if (exitCode !== undefined) throw new Error(`kamailio exited with code ${exitCode}`);
    const result = await prober.options(target("udp", port), { timeoutMs: 300 });
    if (result.outcome === "answered") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("kamailio did not answer OPTIONS");
}

function target(transport: Transport, port: number): ProbeTarget {
  return { transport, host: HOST, address: HOST, port, sipDomain: DOMAIN };
}

const registrars: Partial<Record<"MD5" | "SHA-256", Registrar>> = {};
beforeAll(async () => {
  registrars.MD5 = await startRegistrar(47100, "MD5");
  registrars["SHA-256"] = await startRegistrar(47110, "SHA-256");
});
afterAll(async () => {
  await Promise.all(Object.values(registrars).map((r) => r?.close()));
});

describe.each(["MD5", "SHA-256"] as const)("REGISTER against Kamailio (%s)", (algorithm) => {
  it.each(["udp", "tcp", "tls"] as const)("registers over %s and removes the binding", async (transport) => {
    const registrar = registrars[algorithm] as Registrar;
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
      const registrar = registrars[algorithm] as Registrar;
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
    const registrar = registrars.MD5 as Registrar;
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
