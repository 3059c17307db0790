import type { AuditReport } from "@sipwatch/core";
import { afterEach, describe, expect, it } from "vitest";
import { labPki } from "../lab/certs";
import { startLabDns } from "../lab/dns-server";
import { findKamailio, startKamailio } from "../lab/kamailio";
import { liveZone } from "../lab/live-zones";
import { sipwatch } from "./run-sipwatch";

/**
 * transport.mismatch against Debian's Kamailio, both directions in one zone: `_sips._tcp`
 * points at Kamailio's plain TCP listener (which says nothing to a ClientHello) and `_sip._tcp`
 * at its TLS listener (which closes on plaintext without a byte). Neither gives a passive sign;
 * the cross-check must name what answers.
 */
if (!findKamailio()) {
  throw new Error(
    "kamailio (with its tls module) not found: apt-get install kamailio kamailio-tls-modules, or run .ci/run",
  );
}

const ADDRESS = "127.0.2.30";
const DOMAIN = "swapped.sipwatch.test";
const HOST = `sip1.${DOMAIN}`;
const PROBE_TIMEOUT_MS = 2000;

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

describe("sipwatch check against Kamailio listening in the wrong transports", () => {
  it("names plain SIP on the TLS port and SIP over TLS on the TCP port", async () => {
    const pki = await labPki({ domain: DOMAIN, host: HOST });
    const cert = pki.certificates.valid;
    const kamailio = await startKamailio({ host: ADDRESS, tls: { certPem: cert.chainPem, keyPem: cert.keyPem } });
    open.push(() => kamailio.close());
    const swapped = { tls: kamailio.ports.tcp, tcp: kamailio.ports.tls };
    const dns = await startLabDns({
      host: ADDRESS,
      zones: [liveZone(DOMAIN, swapped, "Kamailio, ports swapped", ADDRESS)],
    });
    open.push(() => dns.close());

    const started = performance.now();
    const run = await sipwatch([
      "check",
      DOMAIN,
      "--resolver",
      `${ADDRESS}:${dns.udpPort}`,
      "--lab",
      "--probe-timeout",
      String(PROBE_TIMEOUT_MS),
      "--json",
    ]);
    const elapsed = performance.now() - started;
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as AuditReport;
    const [tls, tcp] = report.probes ?? [];

    // Kamailio's TCP listener waits for a SIP message: the ClientHello meets silence.
    expect(tls?.tls).toMatchObject({ outcome: "timeout", serverBytes: 0 });
    expect(tls?.crossCheck).toMatchObject({ met: "silence", spoke: "tcp", sip: { outcome: "answered" } });
    expect(tls?.crossCheck?.sip?.response?.server).toMatch(/kamailio/i);
    // Its TLS listener closes on plaintext without a byte.
    expect(tcp?.sip).toMatchObject({ outcome: "reset" });
    expect(tcp?.crossCheck).toMatchObject({
      met: "close",
      spoke: "tls",
      tls: { outcome: "connected" },
      sip: { outcome: "answered", response: { status: 200 } },
    });

    const mismatches = report.findings
      .filter((f) => f.id === "transport.mismatch")
      .map((f) => `${f.severity} ${f.title}`)
      .sort();
    expect(mismatches).toEqual([
      `critical SIP over TLS answers on ${HOST}:${swapped.tcp}, which SRV gives for TCP`,
      `critical plain SIP over TCP answers on ${HOST}:${swapped.tls}, which SRV gives for TLS`,
    ]);
    expect(report.findings.map((f) => f.id)).not.toContain("transport.tls.handshake-failed");
    // The silent ClientHello costs one probe timeout; the cross-checks stay inside two.
    expect(elapsed).toBeLessThan(4 * PROBE_TIMEOUT_MS);
  });
});
