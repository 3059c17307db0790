import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditReport } from "@sipwatch/core";
import { labPki, liveZone, type SipLab, startLabDns, startSipLab } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort } from "./probe-fixtures";
import { checkJson, runSipwatch } from "./run-cli";

/**
 * `sipwatch check` end to end: a zone on the lab DNS server whose SRV records point at lab SIP
 * servers on 127.0.0.1, so the audit walks DNS, probes every transport, reads the certificate
 * and says where each kind of phone ends up.
 */
const DOMAIN = "live.sipwatch.test";
const HOST = `sip1.${DOMAIN}`;
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function liveCheck(certificate: "valid" | "expired" | "wrong-name", options: { closeTls?: boolean } = {}) {
  const pki = await labPki({ domain: DOMAIN, host: HOST });
  const cert = pki.certificates[certificate];
  const sip: SipLab = await startSipLab({
    transports: ["udp", "tcp", "tls"],
    tls: { cert: cert.chainPem, key: cert.keyPem },
  });
  open.push(sip);
  const ports = {
    udp: sip.ports.udp as number,
    tcp: sip.ports.tcp as number,
    tls: options.closeTls ? await closedPort() : (sip.ports.tls as number),
  };
  const dns = await startLabDns({ zones: [liveZone(DOMAIN, ports)] });
  open.push(dns);
  const caFile = join(mkdtempSync(join(tmpdir(), "sipwatch-ca-")), "ca.pem");
  writeFileSync(caFile, pki.caPem);
  const args = [DOMAIN, "--resolver", `127.0.0.1:${dns.udpPort}`, "--lab", "--ca", caFile, "--probe-timeout", "1500"];
  return { ...(await checkJson(...args)), args };
}

const ids = (report: AuditReport) => report.findings.map((f) => `${f.id}:${f.severity}`);
const ends = (report: AuditReport) =>
  Object.fromEntries(
    report.profiles.map((o) => [
      o.profile,
      o.outcome.transport ? `${o.outcome.transport}${o.outcome.assumed ? "?" : ""}` : "none",
    ]),
  );

describe("sipwatch check with probes, against lab SIP servers", () => {
  it("finds a healthy service healthy: every transport answers, the certificate is trusted", async () => {
    const { report, args } = await liveCheck("valid");
    expect(report.probes?.map((p) => [p.target.transport, p.sip?.response?.status])).toEqual([
      ["tls", 200],
      ["tcp", 200],
      ["udp", 200],
    ]);
    expect(report.probes?.[0]?.tls?.verification).toEqual({ trusted: true });
    expect(ends(report)).toMatchObject({
      rfc3263: "tls",
      baresip: "tls",
      "linphone-tls": "tls",
      "linphone-tcp": "tcp",
      "avaya-1200": "tcp",
    });
    expect(ids(report).filter((id) => !id.endsWith(":info"))).toEqual(["dns.domain.no-address:warning"]);

    const text = await runSipwatch("check", ...args);
    expect(text.stdout).toMatch(
      /Transports, probed\n\s+TLS\s+sip1\.live\.sipwatch\.test\s+127\.0\.0\.1:\d+\s+TLSv1\.3 \d+ ms, 200 OK/,
    );
    expect(text.stdout).toMatch(/TLS certificates\n\s+sip1\.live\.sipwatch\.test/);
    expect(text.stdout).toMatch(/RFC 3263 client\s+Registers over TLS to sip1\.live\.sipwatch\.test/);
  });

  it("says which phones cannot register, which change transport and which do not notice an expired certificate", async () => {
    const { code, report, args } = await liveCheck("expired");
    expect(ids(report)).toEqual(expect.arrayContaining(["tls.cert.expired:critical", "fallback.none:critical"]));
    expect(ids(report)).not.toContain("fallback.plaintext:warning");
    expect(ends(report)).toMatchObject({
      rfc3263: "none",
      "linphone-tls": "none",
      baresip: "tls",
      "linphone-tcp": "tcp",
      "linphone-udp": "udp",
    });
    expect(code).toBe(2);
    const text = await runSipwatch("check", ...args);
    expect(text.stdout).toMatch(/Cannot register: RFC 3263 client, [^\n]*Linphone set to TLS/);
    expect(text.stdout).toMatch(/Move to another transport: none/);
    expect(text.stdout).toMatch(/Do not notice: baresip \(certificate expired, which it does not check\)/);
  });

  it("says which phones are stranded when the TLS port is closed", async () => {
    const { report } = await liveCheck("valid", { closeTls: true });
    expect(ids(report)).toEqual(
      expect.arrayContaining(["transport.tcp.unreachable:critical", "fallback.none:critical"]),
    );
    expect(report.probes?.[0]?.tls?.outcome).toBe("refused");
    expect(ends(report)).toMatchObject({ rfc3263: "none", baresip: "none", "linphone-tcp": "tcp" });
  });

  it("flags a certificate for the wrong name", async () => {
    const { report } = await liveCheck("wrong-name");
    expect(ids(report)).toEqual(expect.arrayContaining(["tls.cert.name-mismatch-domain:critical"]));
  });
});
