import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import type { DnsRecord } from "../dns/types";
import { facts } from "../findings/test-evidence";
import { resolveSipTarget } from "../sip/resolve";
import { a, aaaa, naptr, srv } from "../sip/test-records";
import type { Candidate } from "../sip/types";
import { parseSipTarget } from "../sip/uri";
import { fallbackFindings } from "./fallback-findings";
import { simulateClients } from "./simulate-clients";
import type { ProfileId, TargetExperience } from "./types";

const D = "example.com";
const servers = [a(`sip1.${D}`, "192.0.2.1"), a(`sip2.${D}`, "192.0.2.2"), a(D, "192.0.2.9"), aaaa(D, "2001:db8::9")];
const srvPair = (owner: string, port: number) => [
  srv(`${owner}.${D}`, 10, 10, port, `sip1.${D}`),
  srv(`${owner}.${D}`, 20, 10, port, `sip2.${D}`),
];
const srvAll = [...srvPair("_sips._tcp", 5061), ...srvPair("_sip._tcp", 5060), ...srvPair("_sip._udp", 5060)];
const naptrStack = [
  naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
  naptr(D, 20, 10, "SIP+D2T", `_sip._tcp.${D}`),
  naptr(D, 30, 10, "SIP+D2U", `_sip._udp.${D}`),
];
const healthy = [...naptrStack, ...srvAll, ...servers];

/** Probe results keyed "transport address:port"; a bare reachability or a whole experience. */
type Probes = Record<string, TargetExperience["reachability"] | TargetExperience>;

async function simulate(records: DnsRecord[], probes: Probes = {}) {
  const parsed = parseSipTarget(D);
  if (!parsed.ok) throw new Error(parsed.error);
  const resolution = await resolveSipTarget(parsed.target, new MemoryResolver(records));
  const oracle = (c: Candidate): TargetExperience => {
    const seen = probes[`${c.transport} ${c.address}:${c.port}`] ?? "ok";
    return typeof seen === "string" ? { reachability: seen } : seen;
  };
  const outcomes = simulateClients(resolution, oracle);
  // "tls 192.0.2.2 +32s" where each profile registers, "none" where it does not.
  const ends = Object.fromEntries(
    outcomes.map((o) => {
      const c = o.outcome.candidate;
      const late = o.outcome.afterMs ? ` +${o.outcome.afterMs / 1000}s` : "";
      return [o.profile, c ? `${c.transport} ${c.address}${late}` : `none${late}`];
    }),
  ) as Record<ProfileId, string>;
  const findings = fallbackFindings(resolution, outcomes);
  for (const finding of findings) facts(finding);
  const ids = findings.map((f) => `${f.id}:${f.severity}`);
  return { ends, ids, outcomes };
}

describe("client profiles", () => {
  it("healthy zone: NAPTR followers use TLS, configured clients their transport", async () => {
    const { ends, ids } = await simulate(healthy);
    expect(ends).toEqual({
      rfc3263: "tls 192.0.2.1",
      baresip: "tls 192.0.2.1",
      "baresip-tcp": "tcp 192.0.2.1",
      "baresip-tls": "tls 192.0.2.1",
      "linphone-udp": "udp 192.0.2.1",
      "linphone-tcp": "tcp 192.0.2.1",
      "linphone-tls": "tls 192.0.2.1",
      pjsua: "udp 192.0.2.9",
      "pjsua-tls": "tls 192.0.2.1",
      asterisk: "tls 192.0.2.1",
      "avaya-1200": "tcp 192.0.2.1",
      snom: "tls 192.0.2.1",
      "fixed-udp": "udp 192.0.2.9",
    });
    expect(ids).toEqual([]);
  });

  it("expired certificate: verifying clients cannot register, the others do not notice", async () => {
    const expired: TargetExperience = { reachability: "ok", certificateRejected: "certificate expired" };
    const { ends, ids, outcomes } = await simulate(healthy, {
      "tls 192.0.2.1:5061": expired,
      "tls 192.0.2.2:5061": expired,
    });
    expect(ends).toMatchObject({
      rfc3263: "none",
      "linphone-tls": "none",
      snom: "none",
      baresip: "tls 192.0.2.1",
      "pjsua-tls": "tls 192.0.2.1",
      asterisk: "tls 192.0.2.1",
      "linphone-tcp": "tcp 192.0.2.1",
    });
    expect(ids).toEqual(["fallback.none:critical"]);
    const baresip = outcomes.find((o) => o.profile === "baresip");
    expect(baresip?.summary).toBe(
      "Registers over TLS to sip1.example.com:5061 (192.0.2.1) without noticing: certificate expired, which it does not check.",
    );
    const linphone = outcomes.find((o) => o.profile === "linphone-tls");
    expect(linphone?.attempts.map((a) => [a.step, a.why])).toEqual([
      ["first", "certificate expired, which it rejects"],
      ["next-target", "certificate expired, which it rejects"],
    ]);
  });

  it("TLS refused: phones stay on TLS and fail", async () => {
    const { ends, ids } = await simulate(healthy, {
      "tls 192.0.2.1:5061": "refused",
      "tls 192.0.2.2:5061": "refused",
    });
    expect(ends).toMatchObject({
      rfc3263: "none",
      baresip: "none",
      "linphone-tls": "none",
      // Asterisk keeps only the NAPTR records of the first order it handled: TLS alone here.
      asterisk: "none",
      "linphone-tcp": "tcp 192.0.2.1",
    });
    expect(ids).toEqual(["fallback.none:critical"]);
  });

  it("TLS refused without NAPTR: Asterisk moves down its one list to plaintext TCP", async () => {
    const { ends, ids, outcomes } = await simulate([...srvAll, ...servers], {
      "tls 192.0.2.1:5061": "refused",
      "tls 192.0.2.2:5061": "refused",
    });
    expect(ends).toMatchObject({ rfc3263: "none", baresip: "none", asterisk: "tcp 192.0.2.1" });
    expect(ids).toEqual(["fallback.plaintext:warning", "fallback.none:critical"]);
    const asterisk = outcomes.find((o) => o.profile === "asterisk");
    expect(asterisk?.attempts.map((a) => a.step)).toEqual(["first", "next-target", "next-transport"]);
  });

  it("a silent first target costs each client its own timer before the next target", async () => {
    const { ends, ids } = await simulate(healthy, {
      "tls 192.0.2.1:5061": "timeout",
      "tcp 192.0.2.1:5060": "timeout",
      "udp 192.0.2.1:5060": "timeout",
    });
    expect(ends).toMatchObject({
      baresip: "tls 192.0.2.2 +32s",
      "linphone-tcp": "tcp 192.0.2.2 +63s",
      "linphone-udp": "udp 192.0.2.2 +32s",
      // pjsip ends the transaction with 408 and does not try the next address.
      "pjsua-tls": "none +32s",
      "avaya-1200": "tcp 192.0.2.2 +30s",
    });
    expect(ids).toEqual(["fallback.delayed:warning", "fallback.none:critical"]);
  });

  it("pjsua gives up after a target that never answers", async () => {
    const { ends } = await simulate(healthy, { "tls 192.0.2.1:5061": "timeout" });
    expect(ends["pjsua-tls"]).toBe("none +32s");
  });

  it("a refused UDP target costs the timer of clients that ignore ICMP, nothing for the RFC reading", async () => {
    const { ends } = await simulate([...srvPair("_sip._udp", 5060), ...servers], { "udp 192.0.2.1:5060": "refused" });
    expect(ends).toMatchObject({
      rfc3263: "udp 192.0.2.2",
      "linphone-udp": "udp 192.0.2.2 +32s",
      baresip: "udp 192.0.2.2 +32s",
    });
  });

  it("a server that closes the connection: baresip waits its timer, Linphone stays on it", async () => {
    const closes: TargetExperience = { reachability: "failed", closed: true };
    const { ends } = await simulate(healthy, { "tls 192.0.2.1:5061": closes, "tcp 192.0.2.1:5060": closes });
    expect(ends).toMatchObject({
      baresip: "tls 192.0.2.2 +32s",
      "linphone-tls": "none",
      "linphone-tcp": "none",
      rfc3263: "tls 192.0.2.2",
    });
  });

  it("TCP times out at the Avaya desk phone: about 30 s, then UDP", async () => {
    const { ends, ids, outcomes } = await simulate(healthy, {
      "tcp 192.0.2.1:5060": "timeout",
      "tcp 192.0.2.2:5060": "timeout",
    });
    expect(ends["avaya-1200"]).toBe("udp 192.0.2.1 +60s");
    expect(outcomes.find((o) => o.profile === "avaya-1200")?.attempts.map((a) => a.step)).toEqual([
      "first",
      "next-target",
      "next-transport",
    ]);
    expect(ids).toContain("fallback.udp:warning");
  });

  it("NAPTR ranks UDP first: baresip and the RFC reading follow it, no fallback is claimed", async () => {
    const { ends, ids } = await simulate([
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      ...srvAll,
      ...servers,
    ]);
    expect(ends).toMatchObject({ rfc3263: "udp 192.0.2.1", baresip: "udp 192.0.2.1", "linphone-tls": "tls 192.0.2.1" });
    expect(ids).toEqual([]);
  });

  it("a NAPTR answer too big for plain UDP: baresip never sees it and goes by SRV, TLS first", async () => {
    const { ends } = await simulate([
      ...Array.from({ length: 37 }, (_, i) => naptr(D, i + 1, 10, "SIP+D2T", `_n${i + 1}._x.${D}`)),
      naptr(D, 100, 10, "SIP+D2U", `_sip._udp.${D}`),
      ...srvAll,
      ...servers,
    ]);
    expect(ends).toMatchObject({ rfc3263: "tcp 192.0.2.9", baresip: "tls 192.0.2.1" });
  });

  it("NAPTR tie: marked, and baresip takes the first of the DNS answer", async () => {
    const tie = (first: string, second: string) => [
      naptr(D, 10, 10, first, first === "SIP+D2U" ? `_sip._udp.${D}` : `_sips._tcp.${D}`),
      naptr(D, 10, 10, second, second === "SIP+D2U" ? `_sip._udp.${D}` : `_sips._tcp.${D}`),
      ...srvAll,
      ...servers,
    ];
    const tlsFirst = await simulate(tie("SIPS+D2T", "SIP+D2U"));
    const udpFirst = await simulate(tie("SIP+D2U", "SIPS+D2T"));
    expect(tlsFirst.ends.baresip).toBe("tls 192.0.2.1");
    expect(udpFirst.ends.baresip).toBe("udp 192.0.2.1");
    const baresip = udpFirst.outcomes.find((o) => o.profile === "baresip");
    expect(baresip?.tie?.services.sort()).toEqual(["SIP+D2U", "SIPS+D2T"]);
    expect(baresip?.tie?.behaviour).toMatch(/first of the DNS answer/);
  });

  it("NAPTR to an empty SRV owner: baresip and the RFC reading try the domain on the NAPTR's transport", async () => {
    const { ends } = await simulate([...naptrStack, ...srvPair("_sip._tcp", 5060), ...servers]);
    // Linphone never asked NAPTR: it finds no _sips._tcp SRV and tries the domain, AAAA first.
    expect(ends).toMatchObject({
      rfc3263: "tls 192.0.2.9",
      baresip: "tls 192.0.2.9",
      "linphone-tls": "tls 2001:db8::9",
    });
  });

  it("no NAPTR or SRV: phones that were not set to a transport use UDP, and that is a finding", async () => {
    const { ends, ids } = await simulate(servers);
    expect(ends).toMatchObject({
      rfc3263: "udp 192.0.2.9",
      baresip: "udp 192.0.2.9",
      "linphone-tls": "tls 2001:db8::9",
      snom: "udp 192.0.2.9",
    });
    expect(ids).toEqual(["fallback.udp:warning"]);
  });

  it("DNS only: every profile would register, and says it is assumed", async () => {
    const parsed = parseSipTarget(D);
    if (!parsed.ok) throw new Error(parsed.error);
    const [rfc] = simulateClients(await resolveSipTarget(parsed.target, new MemoryResolver(healthy)));
    expect(rfc?.summary).toBe("Would register over TLS to sip1.example.com:5061 (192.0.2.1).");
    expect(rfc?.outcome.assumed).toBe(true);
  });

  it("records lead nowhere: everyone is stranded, critical", async () => {
    const { ends, ids } = await simulate([srv(`_sip._udp.${D}`, 10, 10, 5060, `ghost.${D}`)]);
    expect(Object.values(ends).every((e) => e === "none")).toBe(true);
    expect(ids).toEqual(["fallback.none:critical"]);
  });
});
