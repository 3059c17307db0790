import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditReport } from "@sipwatch/core";
import { afterEach, describe, expect, it } from "vitest";
import { type LabCertName, labPki } from "../lab/certs";
import { startLabDns } from "../lab/dns-server";
import { findKamailio, startKamailio } from "../lab/kamailio";
import { liveZone } from "../lab/live-zones";
import { sipwatch } from "./run-sipwatch";

/**
 * The installed `sipwatch` command probing Debian's Kamailio over UDP, TCP and TLS: a zone on
 * the lab DNS server whose NAPTR and SRV records point at Kamailio's loopback ports, so the
 * probes meet a real SIP stack and a real OpenSSL-based TLS listener rather than the lab's own.
 */
if (!findKamailio()) {
  throw new Error(
    "kamailio (with its tls module) not found: apt-get install kamailio kamailio-tls-modules, or run .ci/run",
  );
}

const DOMAIN = "kam.sipwatch.test";
const HOST = `sip1.${DOMAIN}`;

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** Kamailio presenting `certificate`, the lab DNS pointing at it, and `sipwatch check --json` run against both. */
async function checkKamailio(certificate: LabCertName) {
  const pki = await labPki({ domain: DOMAIN, host: HOST });
  const cert = pki.certificates[certificate];
  const kamailio = await startKamailio({ tls: { certPem: cert.chainPem, keyPem: cert.keyPem } });
  open.push(() => kamailio.close());
  const dns = await startLabDns({ zones: [liveZone(DOMAIN, kamailio.ports, "Kamailio on loopback")] });
  open.push(() => dns.close());
  const caDir = await mkdtemp(join(tmpdir(), "sipwatch-ca-"));
  open.push(() => rm(caDir, { recursive: true, force: true }));
  const caFile = join(caDir, "ca.pem");
  await writeFile(caFile, pki.caPem);

  const run = await sipwatch([
    "check",
    DOMAIN,
    "--resolver",
    `127.0.0.1:${dns.udpPort}`,
    "--lab",
    "--ca",
    caFile,
    "--json",
  ]);
  expect(run.stderr).toBe("");
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport, ports: kamailio.ports };
}

const ids = (report: AuditReport) => report.findings.map((f) => `${f.id}:${f.severity}`);
const ends = (report: AuditReport) =>
  Object.fromEntries(
    report.profiles.map((o) => [
      o.profile,
      o.outcome.registered ? `${o.outcome.transport}${o.outcome.assumed ? "?" : ""}` : "none",
    ]),
  );

describe("sipwatch check against Kamailio", () => {
  it("finds Kamailio healthy: every transport answers 200, the certificate is trusted", async () => {
    const { report, ports } = await checkKamailio("valid");
    const probes = report.probes ?? [];
    expect(probes.map((p) => [p.target.transport, p.target.port, p.sip?.outcome, p.sip?.response?.status])).toEqual([
      ["tls", ports.tls, "answered", 200],
      ["tcp", ports.tcp, "answered", 200],
      ["udp", ports.udp, "answered", 200],
    ]);
    for (const probe of probes) {
      const response = probe.sip?.response;
      expect(`${response?.server ?? ""} ${response?.userAgent ?? ""}`).toMatch(/kamailio/i);
    }

    const tls = probes[0]?.tls;
    expect(tls?.outcome).toBe("connected");
    expect(tls?.version).toMatch(/^TLSv1\.[23]$/);
    expect(tls?.verification).toEqual({ trusted: true });
    expect(tls?.chain[0]?.subjectAltNames.dns).toEqual(expect.arrayContaining([DOMAIN, HOST]));
    expect(tls?.chain[0]?.subjectAltNames.ip).toEqual(["127.0.0.1"]);

    expect(ends(report)).toMatchObject({ rfc3263: "tls" });
    expect(ids(report).filter((id) => id.endsWith(":critical"))).toEqual([]);
  });

  it("says which phones cannot register when Kamailio's certificate has expired", async () => {
    const { code, report } = await checkKamailio("expired");
    expect(ids(report)).toEqual(expect.arrayContaining(["tls.cert.expired:critical", "fallback.none:critical"]));
    expect(report.probes?.[0]?.tls?.verification?.trusted).toBe(false);
    expect(ends(report)).toMatchObject({
      rfc3263: "none",
      "linphone-tls": "none",
      baresip: "tls",
      "linphone-tcp": "tcp",
    });
    expect(code).toBe(2);
  });
});
