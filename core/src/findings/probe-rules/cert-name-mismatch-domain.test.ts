import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certNameMismatchDomain } from "./cert-name-mismatch-domain";
import {
  certificate,
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  issuingCa,
  on,
  ruleInput,
  serving,
  summary,
  target,
  tlsResult,
} from "./test-probes";

const finding = (subject: string) => ({ id: "tls.cert.name-mismatch-domain", severity: "critical", subject });
const naming = (dns: string[], uri: string[] = []) =>
  serving([certificate({ dns, subjectAltNames: { dns, ip: [], uri } }), issuingCa()]);

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.name-mismatch-domain", () => {
  it.each([
    { name: "healthy probes (domain and servers named)", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "certificate names only the server (common, and wrong for RFC 5922)",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming([`sip1.${D}`])),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "a sip: URI SAN names the domain",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming([`sip1.${D}`], [`sip:${D}`])),
      expected: [],
    },
    {
      name: "a wildcard does not cover the apex domain",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), naming([`*.${D}`])),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "another domain's certificate",
      edit: (p: TargetProbes[]) => change(p, on("tls"), naming(["mail.example.net"])),
      expected: [finding(`tls sip1.${D}:5061`), finding(`tls sip2.${D}:5061`)],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = certNameMismatchDomain(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("explains RFC 5922 and names the SRV owner that led there", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), naming([`sip1.${D}`]));
    const [result] = certNameMismatchDomain(ruleInput(resolution, probes));
    expect(result?.title).toBe(`Certificate of sip1.${D}:5061 does not name the SIP domain ${D}`);
    expect(result?.detail).toContain(`through _sips._tcp.${D}`);
    expect(result?.detail).toContain("RFC 5922 (section 7.3)");
    expect(result?.detail).toContain(`DNS:sip1.${D}`);
    expect(result?.fix).toContain(`DNS:${D}`);
    expect(result?.evidence).toMatchObject({ sipDomain: D, srvOwner: `_sips._tcp.${D}` });
  });

  it("a target that is the domain itself (A/AAAA fallback)", () => {
    const t = target("tls", D, "192.0.2.10", 5061);
    const probes = [{ target: t, tls: tlsResult(t, { chain: [certificate({ dns: [`sip.${D}`] })] }) }];
    const [result] = certNameMismatchDomain(ruleInput(resolution, probes));
    expect(result?.subject).toBe(`tls ${D}:5061`);
    expect(result?.detail).toMatch(/^Phones connecting to example.com check the certificate against that name/);
  });
});
