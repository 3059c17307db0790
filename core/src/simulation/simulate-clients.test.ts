import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import type { DnsRecord } from "../dns/types";
import { resolveSipTarget } from "../sip/resolve";
import { a, aaaa, naptr, srv } from "../sip/test-records";
import type { Candidate } from "../sip/types";
import { parseSipTarget } from "../sip/uri";
import { fallbackFindings } from "./fallback-findings";
import { simulateClients } from "./simulate-clients";
import type { Reachability } from "./types";

const D = "example.com";
const servers = [a(`sip1.${D}`, "192.0.2.1"), a(`sip2.${D}`, "192.0.2.2"), a(D, "192.0.2.9"), aaaa(D, "2001:db8::9")];
const fullStack = [
  naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
  naptr(D, 20, 10, "SIP+D2T", `_sip._tcp.${D}`),
  naptr(D, 30, 10, "SIP+D2U", `_sip._udp.${D}`),
  srv(`_sips._tcp.${D}`, 10, 10, 5061, `sip1.${D}`),
  srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip1.${D}`),
  srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
  ...servers,
];

async function simulate(records: DnsRecord[], probes: Record<string, Reachability> = {}) {
  const parsed = parseSipTarget(D);
  if (!parsed.ok) throw new Error(parsed.error);
  const resolution = await resolveSipTarget(parsed.target, new MemoryResolver(records));
  // Probe results keyed "transport address:port"; anything not listed was not probed.
  const oracle = (c: Candidate) => probes[`${c.transport} ${c.address}:${c.port}`] ?? "unknown";
  const outcomes = simulateClients(resolution, Object.keys(probes).length ? oracle : undefined);
  const ends = Object.fromEntries(
    outcomes.map((o) => [
      o.profile,
      o.final ? `${o.final.transport}${o.delayMs ? ` +${o.delayMs / 1000}s` : ""}` : "none",
    ]),
  );
  const ids = fallbackFindings(resolution, outcomes).map((f) => `${f.id}:${f.severity}`);
  return { ends, ids, outcomes };
}

describe("simulateClients + fallbackFindings", () => {
  it.each<[string, DnsRecord[], Record<string, Reachability>, Record<string, string>, string[]]>([
    [
      "healthy, DNS only",
      fullStack,
      {},
      { rfc3263: "tls", "srv-preferring": "tls", "tcp-first-30s": "tcp", "fixed-udp": "udp" },
      [],
    ],
    [
      "no NAPTR or SRV: everyone on UDP to the domain",
      servers,
      {},
      { rfc3263: "udp", "srv-preferring": "udp", "tcp-first-30s": "tcp", "fixed-udp": "udp" },
      ["fallback.udp:warning"],
    ],
    [
      "plaintext NAPTR first",
      [
        naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`),
        naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`),
        srv(`_sips._tcp.${D}`, 10, 10, 5061, `sip1.${D}`),
        srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip1.${D}`),
        ...servers,
      ],
      {},
      { rfc3263: "tcp", "srv-preferring": "tls", "tcp-first-30s": "tcp", "fixed-udp": "udp" },
      ["fallback.plaintext:warning"],
    ],
    [
      "TLS refused, TCP times out: RFC 3263 clients wait, then UDP",
      fullStack,
      { "tls 192.0.2.1:5061": "refused", "tcp 192.0.2.1:5060": "timeout", "udp 192.0.2.2:5060": "ok" },
      { rfc3263: "udp +32s", "srv-preferring": "udp +32s", "tcp-first-30s": "udp +30s", "fixed-udp": "unknown-udp" },
      ["fallback.udp:warning", "fallback.plaintext:warning", "fallback.delayed:warning"],
    ],
    [
      "nothing answers",
      fullStack,
      {
        "tls 192.0.2.1:5061": "refused",
        "tcp 192.0.2.1:5060": "refused",
        "udp 192.0.2.2:5060": "timeout",
        "udp 192.0.2.9:5060": "timeout",
        "udp 2001:db8::9:5060": "timeout",
      },
      { rfc3263: "none", "srv-preferring": "none", "tcp-first-30s": "none", "fixed-udp": "none" },
      ["fallback.none:critical"],
    ],
  ])("%s", async (_name, records, probes, ends, ids) => {
    const result = await simulate(records, probes);
    const expected = { ...ends };
    // fixed-udp goes to the domain itself, which these probes leave unprobed.
    if (expected["fixed-udp"] === "unknown-udp") expected["fixed-udp"] = "udp";
    expect(result.ends).toEqual(expected);
    expect(result.ids).toEqual(ids);
  });

  it("says in words where each profile ends and whether that was probed", async () => {
    const { outcomes } = await simulate(fullStack);
    expect(outcomes[0]?.summary).toBe("Would use TLS to sip1.example.com:5061 (192.0.2.1).");
    expect(outcomes[0]?.assumed).toBe(true);
  });

  it("reports phones with nothing to connect to", async () => {
    const { ends, ids } = await simulate([srv(`_sip._udp.${D}`, 10, 10, 5060, `ghost.${D}`)]);
    expect(ends).toEqual({ rfc3263: "none", "srv-preferring": "none", "tcp-first-30s": "none", "fixed-udp": "none" });
    expect(ids).toEqual(["fallback.none:critical"]);
  });
});
