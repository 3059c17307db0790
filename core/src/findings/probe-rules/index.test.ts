import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { SEVERITY_RANK } from "../types";
import { probeRules, runProbeRules } from "./index";
import {
  certificate,
  change,
  D,
  healthyProbes,
  healthyProbesFor,
  healthyResolution,
  issuingCa,
  NOW,
  on,
  ruleInput,
  serving,
  sipResult,
  summary,
  target,
  tlsResult,
} from "./test-probes";

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

/** A TLS server of its own, serving `chain` with the given probe overrides. */
function tlsServer(
  name: string,
  address: string,
  chain = [certificate({ dns: [D, `${name}.${D}`] }), issuingCa()],
  extra = {},
): TargetProbes {
  const t = target("tls", `${name}.${D}`, address, 5061);
  return { target: t, tls: tlsResult(t, { chain, ...extra }), sip: sipResult(t) };
}

/** Every kind of breakage at once, each on its own server so no rule hides another. */
function brokenEverywhere(): TargetProbes[] {
  let probes = healthy;
  probes = change(probes, on("tcp", `sip1.${D}`), (p) => ({
    target: p.target,
    tcp: { target: p.target, outcome: "refused" },
  }));
  probes = change(probes, on("udp", `sip2.${D}`), (p) => ({
    target: p.target,
    sip: sipResult(p.target, { outcome: "timeout", response: undefined }),
  }));
  probes = change(probes, on("udp", `sip1.${D}`), (p) => ({
    ...p,
    sip: sipResult(p.target, {
      response: { bytes: 1500, contact: ["<sip:10.0.0.5>"], recordRoute: ["<sip:192.0.2.11;lr>"] },
    }),
  }));
  probes = change(probes, on("tcp", `sip2.${D}`), (p) => ({
    ...p,
    sip: sipResult(p.target, { rttMs: 2500, response: { status: 503, reason: "Service Unavailable" } }),
  }));
  probes = change(probes, on("tls", `sip1.${D}`), serving([certificate({ dns: [`*.${D}`] }), issuingCa()]));
  probes = change(
    probes,
    on("tls", `sip2.${D}`),
    serving([certificate({ keyType: "rsa", keyBits: 1024 })], {
      verification: undefined,
      legacyVersionsAccepted: ["TLSv1"],
    }),
  );
  const wss = target("wss", `ws.${D}`, "192.0.2.40", 443);
  const handshake = target("tls", `hs.${D}`, "192.0.2.41", 5061);
  const plain = target("tls", `plain.${D}`, "192.0.2.42", 5061);
  return [
    ...probes,
    { target: wss, sip: sipResult(wss, { outcome: "upgrade-failed", upgradeStatus: 400, response: undefined }) },
    {
      target: handshake,
      tls: tlsResult(handshake, { outcome: "handshake-failed", chain: [], error: "handshake failure" }),
    },
    { target: plain, tls: tlsResult(plain, { outcome: "not-tls", chain: [], firstBytes: "SIP/2.0 400 Bad Request" }) },
    tlsServer("old", "192.0.2.43", [certificate({ dns: [D, `old.${D}`], notAfter: at(-3) }), issuingCa()]),
    tlsServer("future", "192.0.2.44", [certificate({ dns: [D, `future.${D}`], notBefore: at(2) }), issuingCa()]),
    tlsServer("soon", "192.0.2.45", [certificate({ dns: [D, `soon.${D}`], notAfter: at(10) }), issuingCa()]),
    tlsServer("other", "192.0.2.46", [certificate({ dns: ["mail.example.net"] }), issuingCa()]),
    tlsServer(
      "self",
      "192.0.2.47",
      [certificate({ dns: [D, `self.${D}`], issuer: "CN=sip1.example.com", selfSigned: true })],
      {
        verification: { trusted: false, error: "self-signed certificate" },
      },
    ),
  ];
}

describe("runProbeRules", () => {
  it("healthy probes have nothing to report", () => {
    expect(runProbeRules(ruleInput(resolution, healthy))).toEqual([]);
  });

  it("nothing probed, nothing reported", () => {
    const unprobed = resolution.candidates.map((c) => ({ target: target(c.transport, c.host, c.address, c.port) }));
    expect(runProbeRules(ruleInput(resolution, unprobed))).toEqual([]);
  });

  it("runs every rule", () => {
    expect(probeRules).toHaveLength(29);
  });

  it("every rule fires on its own breakage, most severe first, with the fields an operator reads", () => {
    const findings = runProbeRules(ruleInput(resolution, brokenEverywhere()));
    expect(new Set(findings.map((f) => f.id))).toEqual(
      new Set([
        "transport.tcp.unreachable",
        "transport.tls.handshake-failed",
        "transport.mismatch",
        "transport.udp.no-response",
        "transport.udp.large-message",
        "transport.sip.error-status",
        "transport.sip.slow",
        "transport.sip.private-address-in-headers",
        "transport.sip.record-route-ip",
        "transport.ws.upgrade-failed",
        "tls.cert.expired",
        "tls.cert.not-yet-valid",
        "tls.cert.expiring",
        "tls.cert.name-mismatch-domain",
        "tls.cert.name-mismatch-target",
        "tls.cert.wildcard",
        "tls.cert.untrusted",
        "tls.cert.chain-incomplete",
        "tls.version.legacy",
        "tls.key.weak",
      ]),
    );
    const ranks = findings.map((f) => SEVERITY_RANK[f.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const keys = findings.map((f) => `${f.id} ${f.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const finding of findings) {
      expect(finding.title).not.toBe("");
      expect(finding.detail).not.toBe("");
      expect(finding.fix).not.toBe("");
      expect(finding.subject).toMatch(/^(tcp|tls|udp|wss) [a-z0-9.]+:\d+$/);
      expect(JSON.parse(JSON.stringify(finding.evidence))).toEqual(facts(finding));
    }
  });

  it("the same certificate on IPv4 and IPv6 of one host is one finding listing both", () => {
    const probes = change(healthy, on("tls", `sip2.${D}`), serving([certificate({ dns: [`sip2.${D}`] }), issuingCa()]));
    const findings = runProbeRules(ruleInput(resolution, probes));
    expect(summary(findings)).toEqual([
      { id: "tls.cert.name-mismatch-domain", severity: "critical", subject: `tls sip2.${D}:5061` },
    ]);
    expect(facts(findings[0])?.served).toEqual([
      expect.objectContaining({ addresses: ["192.0.2.12", "2001:db8::12"] }),
    ]);
  });

  it("a healthy UDP target probed by an agent and unprobed elsewhere stays quiet", () => {
    const udp = target("udp", `sip1.${D}`, "192.0.2.11");
    expect(runProbeRules(ruleInput(resolution, [healthyProbes(udp)]))).toEqual([]);
  });
});
