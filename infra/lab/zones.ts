import type { NaptrData } from "@sipwatch/core";
import { defineZone } from "./zone-builders";

/**
 * The lab's zones, one problem each. The lab DNS server and the BIND interop suite both serve
 * exactly this data, so a difference between them is a bug in one of the two servers.
 * Names are fully qualified without the trailing dot. Addresses come from the documentation
 * ranges (RFC 5737, RFC 3849); see zone-builders.ts for the numbering.
 */
export interface SrvData {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

interface RecordBase {
  name: string;
  /** Seconds; DEFAULT_TTL when omitted. */
  ttl?: number;
}

export type LabRecord =
  | (RecordBase & { type: "A" | "AAAA" | "CNAME" | "NS"; data: string })
  | (RecordBase & { type: "SRV"; data: SrvData })
  | (RecordBase & { type: "NAPTR"; data: NaptrData })
  | (RecordBase & { type: "SOA"; data: SoaData })
  | (RecordBase & { type: "TXT"; data: string[] });

export type LabRecordType = LabRecord["type"];

export interface LabZone {
  origin: string;
  description: string;
  records: LabRecord[];
  /** Finding ids an audit of `origin` should produce (DNS level; the lab has no SIP listeners). */
  expect: string[];
}

export const DEFAULT_TTL = 300;

export const labZones: LabZone[] = [
  defineZone(1, "healthy", "NAPTR for TLS, TCP, UDP; two SRV targets each; A and AAAA everywhere", [], (z) => [
    ...z.standardDiscovery(),
    ...z.hosts("@", "sip1", "sip2"),
  ]),
  defineZone(
    2,
    "nosrv",
    "no NAPTR and no SRV: clients fall back to the apex address over UDP 5060",
    ["dns.discovery.none", "fallback.udp"],
    (z) => z.hosts("@"),
  ),
  defineZone(3, "cname-target", "_sips._tcp SRV target alias is a CNAME to sip2", ["dns.srv.target-cname"], (z) => [
    ...z.naptrTriple(),
    ...z.srv("_sips._tcp", 5061, ["sip1", 60], ["alias", 40]),
    ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
    z.cname("alias", "sip2"),
    ...z.hosts("@", "sip1", "sip2"),
  ]),
  // baresip (measured) and the letter of RFC 3263 stay on TLS and try the domain's own address on
  // 5061; Asterisk's resolver finds nothing at all (res_pjsip, read from its source).
  defineZone(
    4,
    "dangling",
    "NAPTR SIPS+D2T points to _sips._tcp, which has no SRV",
    ["dns.naptr.dangling", "fallback.none"],
    (z) => [
      ...z.naptrTriple(),
      ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.hosts("@", "sip1", "sip2"),
    ],
  ),
  defineZone(5, "unresolvable", "_sips._tcp SRV target gone does not exist", ["dns.srv.target-unresolvable"], (z) => [
    ...z.naptrTriple(),
    ...z.srv("_sips._tcp", 5061, ["sip1", 60], ["gone", 40]),
    ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.hosts("@", "sip1", "sip2"),
  ]),
  // No NAPTR, so RFC 3263 clients query _sips._tcp (4.1), never see TLS and use TCP.
  defineZone(
    6,
    "legacy-tls",
    "TLS published as _sip._tls instead of _sips._tcp; no NAPTR",
    ["dns.srv.legacy-name"],
    (z) => [
      ...z.srv("_sip._tls", 5061, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.hosts("@", "sip1", "sip2"),
    ],
  ),
  defineZone(
    7,
    "plaintext-first",
    "NAPTR orders SIP+D2T (10) before SIPS+D2T (20)",
    ["dns.naptr.secure-not-preferred"],
    (z) => [
      z.naptr(10, "SIP+D2T", "_sip._tcp"),
      z.naptr(20, "SIPS+D2T", "_sips._tcp"),
      z.naptr(30, "SIP+D2U", "_sip._udp"),
      ...z.standardSrv(),
      ...z.hosts("@", "sip1", "sip2"),
    ],
  ),
  defineZone(
    8,
    "srv-mismatch",
    "NAPTR lists TLS and TCP only, but _sip._udp SRV exists too",
    ["dns.naptr.srv-mismatch"],
    (z) => [
      z.naptr(10, "SIPS+D2T", "_sips._tcp"),
      z.naptr(20, "SIP+D2T", "_sip._tcp"),
      ...z.standardSrv(),
      ...z.hosts("@", "sip1", "sip2"),
    ],
  ),
  defineZone(
    9,
    "private-leak",
    "SRV target sip2 has the RFC 1918 address 10.20.30.40",
    ["dns.address.private-in-public"],
    (z) => [...z.standardDiscovery(), ...z.hosts("@", "sip1"), z.a("sip2", "10.20.30.40"), z.aaaa("sip2", z.ipv6(2))],
  ),
  // NAPTR leaves UDP out on purpose, so the "." SRV is consistent with it (no srv-mismatch).
  defineZone(
    10,
    "dot-target",
    '_sip._udp SRV target is ".": UDP explicitly not offered',
    ["dns.srv.target-dot"],
    (z) => [
      z.naptr(10, "SIPS+D2T", "_sips._tcp"),
      z.naptr(20, "SIP+D2T", "_sip._tcp"),
      ...z.srv("_sips._tcp", 5061, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._udp", 0, [".", 0]),
      ...z.hosts("@", "sip1", "sip2"),
    ],
  ),
  // An ENUM-style terminal rule in a SIP domain: flags "U" with a regexp, which clients ignore.
  defineZone(11, "bad-naptr", 'one NAPTR has flags "U", a regexp and replacement "."', ["dns.naptr.invalid"], (z) => [
    {
      name: z.origin,
      type: "NAPTR",
      data: {
        order: 5,
        preference: 10,
        flags: "U",
        services: "SIP+D2U",
        regexp: `!^.*$!sip:info@${z.origin}!`,
        replacement: ".",
      },
    },
    ...z.standardDiscovery(),
    ...z.hosts("@", "sip1", "sip2"),
  ]),
  defineZone(12, "port-suspicious", "_sips._tcp SRV points at port 5060", ["dns.srv.port-suspicious"], (z) => [
    ...z.naptrTriple(),
    ...z.srv("_sips._tcp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
    ...z.hosts("@", "sip1", "sip2"),
  ]),
  defineZone(
    13,
    "no-address",
    "NAPTR and SRV fine, but no A/AAAA on the domain itself",
    ["dns.domain.no-address"],
    (z) => [...z.standardDiscovery(), ...z.hosts("sip1", "sip2")],
  ),
  defineZone(14, "single", "every SRV has one target only: no failover", ["dns.srv.single-target"], (z) => [
    ...z.naptrTriple(),
    ...z.srv("_sips._tcp", 5061, ["sip1", 10]),
    ...z.srv("_sip._tcp", 5060, ["sip1", 10]),
    ...z.srv("_sip._udp", 5060, ["sip1", 10]),
    ...z.hosts("@", "sip1"),
  ]),
  defineZone(15, "v4only", "healthy, but no AAAA anywhere", ["dns.address.no-ipv6"], (z) => [
    ...z.standardDiscovery(),
    ...z.hostsV4("@", "sip1", "sip2"),
  ]),
  // NAPTR replacements under pool.* cannot be guessed, so NAPTR -> SRV -> A/AAAA costs three
  // dependent round trips (the benchmark's worst case). The standard SRV names carry the same
  // targets so SRV-only clients reach the same servers.
  // For the benchmark: NAPTR -> pool SRV -> sip3/sip4 is a chain of three dependent lookups that
  // no speculative query can shorten. SRV-only clients reach sip1/sip2 instead, hence the mismatch.
  defineZone(
    16,
    "latency",
    "NAPTR points to SRV owners under pool. whose targets differ from the well-known SRV: three dependent lookups",
    ["dns.naptr.srv-mismatch"],
    (z) => [
      z.naptr(10, "SIPS+D2T", "_sips._tcp.pool"),
      z.naptr(20, "SIP+D2T", "_sip._tcp.pool"),
      z.naptr(30, "SIP+D2U", "_sip._udp.pool"),
      ...z.srv("_sips._tcp.pool", 5061, ["sip3", 60], ["sip4", 40]),
      ...z.srv("_sip._tcp.pool", 5060, ["sip3", 60], ["sip4", 40]),
      ...z.srv("_sip._udp.pool", 5060, ["sip3", 60], ["sip4", 40]),
      ...z.standardSrv(),
      ...z.hosts("@", "sip1", "sip2", "sip3", "sip4"),
    ],
  ),
];

/** The zone whose origin is `name` ("healthy.sipwatch.test" or just "healthy"). */
export function findZone(name: string): LabZone | undefined {
  const wanted = name.toLowerCase().replace(/\.$/, "");
  return labZones.find((zone) => zone.origin === wanted || zone.origin === `${wanted}.sipwatch.test`);
}
