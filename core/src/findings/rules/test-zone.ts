import { MemoryResolver, type MemoryResolverOptions } from "../../dns/memory-resolver";
import type { DnsRecord } from "../../dns/types";
import { resolveSipTarget } from "../../sip/resolve";
import { a, aaaa, naptr, srv } from "../../sip/test-records";
import type { SipResolution } from "../../sip/types";
import { parseSipTarget } from "../../sip/uri";
import { facts } from "../test-evidence";
import type { Finding } from "../types";

/**
 * Test helpers for the discovery rules: zones written the way an operator reads them, resolved
 * the way users will (parseSipTarget, then resolveSipTarget over a MemoryResolver).
 * Record makers come from sip/test-records: `naptr(name, order, preference, services, replacement, flags = "s")`.
 */
export { a, aaaa, cname, naptr, srv } from "../../sip/test-records";

/**
 * A zone with nothing to complain about: NAPTR prefers TLS, then TCP, then UDP; each SRV owner
 * has two targets on the usual ports, with IPv4 and IPv6 documentation addresses; the domain
 * itself has addresses for clients that only know A/AAAA.
 */
export function healthyZone(domain = "example.com"): DnsRecord[] {
  return [
    naptr(domain, 10, 10, "SIPS+D2T", `_sips._tcp.${domain}`),
    naptr(domain, 20, 10, "SIP+D2T", `_sip._tcp.${domain}`),
    naptr(domain, 30, 10, "SIP+D2U", `_sip._udp.${domain}`),
    srv(`_sips._tcp.${domain}`, 10, 50, 5061, `sip1.${domain}`),
    srv(`_sips._tcp.${domain}`, 10, 50, 5061, `sip2.${domain}`),
    srv(`_sip._tcp.${domain}`, 10, 50, 5060, `sip1.${domain}`),
    srv(`_sip._tcp.${domain}`, 10, 50, 5060, `sip2.${domain}`),
    srv(`_sip._udp.${domain}`, 10, 50, 5060, `sip1.${domain}`),
    srv(`_sip._udp.${domain}`, 10, 50, 5060, `sip2.${domain}`),
    a(`sip1.${domain}`, "192.0.2.11"),
    aaaa(`sip1.${domain}`, "2001:db8::11"),
    a(`sip2.${domain}`, "192.0.2.12"),
    aaaa(`sip2.${domain}`, "2001:db8::12"),
    a(domain, "192.0.2.10"),
    aaaa(domain, "2001:db8::10"),
  ];
}

/** The healthy zone with the records `drop` matches removed and `add` appended. */
export function healthyZoneWith(add: DnsRecord[], drop: (record: DnsRecord) => boolean = () => false): DnsRecord[] {
  return [...healthyZone().filter((record) => !drop(record)), ...add];
}

/** Matches the records at one owner name, optionally of one type: `healthyZoneWith([], at("sip2.example.com"))`. */
export function at(name: string, type?: DnsRecord["type"]): (record: DnsRecord) => boolean {
  return (record) => record.name === name && (type === undefined || record.type === type);
}

/** Resolves `input` ("example.com", "sips:example.com") against the records, as an audit would. */
export async function resolveZone(
  input: string,
  records: readonly DnsRecord[],
  options: MemoryResolverOptions = {},
): Promise<SipResolution> {
  const parsed = parseSipTarget(input);
  if (!parsed.ok) throw new Error(`test zone: cannot parse ${input}: ${parsed.error}`);
  return resolveSipTarget(parsed.target, new MemoryResolver(records, options));
}

/**
 * The part of a finding a table row asserts: what a user would notice changing. Each finding's
 * evidence is checked against its id's schema on the way, so every table row also proves it.
 */
export function summary(findings: readonly Finding[]): { id: string; severity: string; subject: string }[] {
  for (const finding of findings) facts(finding);
  return findings.map(({ id, severity, subject }) => ({ id, severity, subject }));
}
