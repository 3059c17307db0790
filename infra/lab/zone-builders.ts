import type { LabRecord, LabZone } from "./zones";

/**
 * Shorthand for writing lab zones. Zone number k gets its own addresses so a packet capture or
 * a finding's evidence points at one zone: ns1 is 192.0.2.k, host i (apex 0, sipN N) is
 * 198.51.100.(10k+i) and 2001:db8:k::(10k+i). All are documentation ranges (RFC 5737, 3849).
 */
export interface ZoneBuilder {
  origin: string;
  /** "@" is the origin, anything else a label (or labels) below it. */
  name(relative: string): string;
  ipv4(host: number): string;
  ipv6(host: number): string;
  a(relative: string, address: string): LabRecord;
  aaaa(relative: string, address: string): LabRecord;
  cname(relative: string, targetRelative: string): LabRecord;
  /** NAPTR at the apex with flags "s" and preference 10 (RFC 3263 4.1 usage). */
  naptr(order: number, services: string, replacementRelative: string): LabRecord;
  /** One SRV per [target, weight], all priority 10; target "." stays the root. */
  srv(ownerRelative: string, port: number, ...targets: [string, number][]): LabRecord[];
  /** A and AAAA for "@" or "sipN". */
  hosts(...labels: string[]): LabRecord[];
  hostsV4(...labels: string[]): LabRecord[];
  /** SIPS+D2T (10), SIP+D2T (20), SIP+D2U (30) to the standard SRV owners. */
  naptrTriple(): LabRecord[];
  /** _sips._tcp 5061, _sip._tcp 5060, _sip._udp 5060, each to sip1 (60) and sip2 (40). */
  standardSrv(): LabRecord[];
  standardDiscovery(): LabRecord[];
}

export function defineZone(
  k: number,
  label: string,
  description: string,
  expect: string[],
  build: (z: ZoneBuilder) => LabRecord[],
): LabZone {
  const origin = `${label}.sipwatch.test`;
  const name = (relative: string) => (relative === "@" ? origin : `${relative}.${origin}`);
  const hostNumber = (relative: string) => {
    const match = /^(?:@|sip(\d))$/.exec(relative);
    if (!match) throw new Error(`no address numbering for host ${relative} in ${origin}`);
    return Number(match[1] ?? 0);
  };
  const z: ZoneBuilder = {
    origin,
    name,
    ipv4: (host) => `198.51.100.${10 * k + host}`,
    ipv6: (host) => `2001:db8:${k}::${10 * k + host}`,
    a: (relative, address) => ({ name: name(relative), type: "A", data: address }),
    aaaa: (relative, address) => ({ name: name(relative), type: "AAAA", data: address }),
    cname: (relative, target) => ({ name: name(relative), type: "CNAME", data: name(target) }),
    naptr: (order, services, replacement) => ({
      name: origin,
      type: "NAPTR",
      data: { order, preference: 10, flags: "s", services, regexp: "", replacement: name(replacement) },
    }),
    srv: (owner, port, ...targets) =>
      targets.map(([target, weight]) => ({
        name: name(owner),
        type: "SRV",
        data: { priority: target === "." ? 0 : 10, weight, port, target: target === "." ? "." : name(target) },
      })),
    hostsV4: (...labels) => labels.map((l) => z.a(l, z.ipv4(hostNumber(l)))),
    hosts: (...labels) => labels.flatMap((l) => [z.a(l, z.ipv4(hostNumber(l))), z.aaaa(l, z.ipv6(hostNumber(l)))]),
    naptrTriple: () => [
      z.naptr(10, "SIPS+D2T", "_sips._tcp"),
      z.naptr(20, "SIP+D2T", "_sip._tcp"),
      z.naptr(30, "SIP+D2U", "_sip._udp"),
    ],
    standardSrv: () => [
      ...z.srv("_sips._tcp", 5061, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._tcp", 5060, ["sip1", 60], ["sip2", 40]),
      ...z.srv("_sip._udp", 5060, ["sip1", 60], ["sip2", 40]),
    ],
    standardDiscovery: () => [...z.naptrTriple(), ...z.standardSrv()],
  };
  const nameserver = `ns1.${origin}`;
  const records: LabRecord[] = [
    {
      name: origin,
      type: "SOA",
      data: {
        mname: nameserver,
        rname: `hostmaster.${origin}`,
        serial: 2025010101,
        refresh: 3600,
        retry: 600,
        expire: 604800,
        // RFC 2308: the negative-caching TTL; short so edits in the lab show up quickly.
        minimum: 60,
      },
    },
    { name: origin, type: "NS", data: nameserver },
    { name: nameserver, type: "A", data: `192.0.2.${k}` },
    { name: origin, type: "TXT", data: [`sipwatch lab: ${description}`] },
    ...build(z),
  ];
  return { origin, description, records, expect };
}
