import type { LabRecord, LabZone } from "../lab/zones";
import type { AddressBlock } from "./address-block";

/**
 * The zones the real phones are run against, one discovery situation each. Every SIP target
 * has its own (transport, address, port), so each SYN or datagram in the capture maps to one
 * candidate. Hosts: the domain itself is slot 0, sipN is slot N of the run's address block.
 * SRV targets differ by priority, never by weight, so the order a client should follow is fixed.
 */
export type Transport = "udp" | "tcp" | "tls";

export type TargetBehaviour =
  /** Answers REGISTER 200 (TLS: the valid certificate). */
  | "answer"
  /** Nothing listens: TCP RST, UDP ICMP port unreachable. */
  | "refused"
  /** UDP bound and ignoring; TCP SYNs dropped. */
  | "silent"
  /** TLS with an expired certificate (otherwise valid, right names). */
  | "expired"
  /** TLS with a trusted certificate for other.example.net only. */
  | "wrong-name"
  /** Stream closed as soon as a request (the REGISTER, or a probe's OPTIONS) has arrived, unanswered. */
  | "close-on-request";

export interface PhoneTarget {
  /** "@" for the domain, "sip1" ... */
  host: string;
  transport: Transport;
  port: number;
  behaviour: TargetBehaviour;
}

export interface PhoneZone {
  id: string;
  description: string;
  /** Every listener the zone starts; any other (transport, address, port) is refused. */
  targets: PhoneTarget[];
  records(origin: string, block: AddressBlock): LabRecord[];
}

export const PHONE_DOMAIN_SUFFIX = "phones.test";
export const zoneOrigin = (zone: PhoneZone) => `${zone.id}.${PHONE_DOMAIN_SUFFIX}`;

const SERVICES = { tls: "SIPS+D2T", tcp: "SIP+D2T", udp: "SIP+D2U" } as const;
const OWNERS = { tls: "_sips._tcp", tcp: "_sip._tcp", udp: "_sip._udp" } as const;
const PORTS = { tls: 5061, tcp: 5060, udp: 5060 } as const;

type Build = (z: ZoneWriter) => LabRecord[];

interface ZoneWriter {
  naptr(order: number, transport: Transport, preference?: number, owner?: string): LabRecord;
  /** SRV at `owner` (default: the transport's RFC 3263 owner) to sip1 (priority 10), sip2 (20), ... */
  srv(transport: Transport, hosts: string[], owner?: string): LabRecord[];
  a(...hosts: string[]): LabRecord[];
}

function writer(origin: string, block: AddressBlock): ZoneWriter {
  const name = (relative: string) => (relative === "@" ? origin : `${relative}.${origin}`);
  const slot = (host: string) => (host === "@" ? 0 : Number(/^sip(\d+)$/.exec(host)?.[1] ?? Number.NaN));
  return {
    naptr: (order, transport, preference = 10, owner = OWNERS[transport]) => ({
      name: origin,
      type: "NAPTR",
      data: { order, preference, flags: "s", services: SERVICES[transport], regexp: "", replacement: name(owner) },
    }),
    srv: (transport, hosts, owner = OWNERS[transport]) =>
      hosts.map((host, i) => ({
        name: name(owner),
        type: "SRV",
        data: { priority: 10 * (i + 1), weight: 0, port: PORTS[transport], target: name(host) },
      })),
    a: (...hosts) => hosts.map((host) => ({ name: name(host), type: "A", data: block.host(slot(host)) })),
  };
}

/** Targets for `hosts` on each transport, all with one behaviour unless `override` says otherwise. */
function serve(
  hosts: string[],
  transports: Transport[],
  behaviour: TargetBehaviour | ((host: string, transport: Transport) => TargetBehaviour) = "answer",
): PhoneTarget[] {
  return hosts.flatMap((host) =>
    transports.map((transport) => ({
      host,
      transport,
      port: PORTS[transport],
      behaviour: typeof behaviour === "function" ? behaviour(host, transport) : behaviour,
    })),
  );
}

const ALL: Transport[] = ["tls", "tcp", "udp"];
const standard: Build = (z) => [
  z.naptr(10, "tls"),
  z.naptr(20, "tcp"),
  z.naptr(30, "udp"),
  ...z.srv("tls", ["sip1", "sip2"]),
  ...z.srv("tcp", ["sip1", "sip2"]),
  ...z.srv("udp", ["sip1", "sip2"]),
  // The domain's own address answers too: a client that ignores NAPTR and SRV shows up there.
  ...z.a("@", "sip1", "sip2"),
];
/** sip1 behaving as `sip1` says on every transport, sip2 and the domain answering. */
const firstTarget = (sip1: (transport: Transport) => TargetBehaviour) =>
  serve(["@", "sip1", "sip2"], ALL, (host, transport) => (host === "sip1" ? sip1(transport) : "answer"));

function zone(id: string, description: string, targets: PhoneTarget[], build: Build): PhoneZone {
  return {
    id,
    description,
    targets,
    records: (origin, block) => [...soa(origin, block), ...build(writer(origin, block))],
  };
}

function soa(origin: string, block: AddressBlock): LabRecord[] {
  const ns = `ns1.${origin}`;
  return [
    {
      name: origin,
      type: "SOA",
      data: {
        mname: ns,
        rname: `hostmaster.${origin}`,
        serial: 1,
        refresh: 3600,
        retry: 600,
        expire: 86400,
        minimum: 5,
      },
    },
    { name: origin, type: "NS", data: ns },
    { name: ns, type: "A", data: block.dns },
  ];
}

export const phoneZones: PhoneZone[] = [
  zone(
    "healthy",
    "NAPTR TLS>TCP>UDP, SRV sip1 then sip2 each, A everywhere",
    serve(["@", "sip1", "sip2"], ALL),
    standard,
  ),
  zone(
    "tls-refused",
    "as healthy, but nothing listens on the TLS port of either SRV target",
    serve(["@", "sip1", "sip2"], ALL, (host, t) => (t === "tls" && host !== "@" ? "refused" : "answer")),
    standard,
  ),
  zone(
    "tls-expired",
    "as healthy, but both TLS targets present an expired certificate",
    serve(["@", "sip1", "sip2"], ALL, (host, t) => (t === "tls" && host !== "@" ? "expired" : "answer")),
    standard,
  ),
  zone(
    "tls-wrong-name",
    "as healthy, but both TLS targets present a certificate for other.example.net",
    serve(["@", "sip1", "sip2"], ALL, (host, t) => (t === "tls" && host !== "@" ? "wrong-name" : "answer")),
    standard,
  ),
  zone("srv-only", "no NAPTR; SRV for TLS, TCP and UDP", serve(["@", "sip1", "sip2"], ALL), (z) =>
    standard(z).filter((r) => r.type !== "NAPTR"),
  ),
  zone("a-only", "no NAPTR, no SRV: only the domain's address", serve(["@"], ALL), (z) => z.a("@")),
  zone(
    "first-refused",
    "standard NAPTR/SRV; the first SRV target (sip1) refuses every transport",
    firstTarget(() => "refused"),
    standard,
  ),
  zone(
    "first-silent",
    "standard NAPTR/SRV; the first SRV target (sip1) is silent on every transport (UDP ignored, TCP SYNs dropped)",
    firstTarget(() => "silent"),
    standard,
  ),
  zone(
    "legacy-tls",
    "TLS only as _sip._tls (no _sips._tcp, no NAPTR); the domain answers on every transport",
    serve(["@", "sip1"], ALL),
    (z) => [...z.srv("tls", ["sip1"], "_sip._tls"), ...z.a("@", "sip1")],
  ),
  zone(
    "naptr-tie",
    "NAPTR SIPS+D2T and SIP+D2U tied (order 10, preference 10), TLS first in the answer; TCP at 20",
    serve(["@", "sip1", "sip2"], ALL),
    (z) => [z.naptr(10, "tls"), z.naptr(10, "udp"), z.naptr(20, "tcp"), ...standard(z).filter(notNaptr)],
  ),
  zone(
    "naptr-tie-udp-listed-first",
    "the same tie with SIP+D2U first in the answer",
    serve(["@", "sip1", "sip2"], ALL),
    (z) => [z.naptr(10, "udp"), z.naptr(10, "tls"), z.naptr(20, "tcp"), ...standard(z).filter(notNaptr)],
  ),
  zone(
    "naptr-missing-srv",
    "NAPTR SIPS+D2T (10) names _sips._tcp, which has no SRV; TCP (20) and UDP (30) are valid",
    serve(["@", "sip1", "sip2"], ALL),
    (z) => standard(z).filter((r) => !(r.type === "SRV" && r.name.startsWith("_sips._tcp."))),
  ),
  zone(
    "udp-first",
    "NAPTR ranks SIP+D2U (10) before SIPS+D2T (20) and SIP+D2T (30)",
    serve(["@", "sip1", "sip2"], ALL),
    (z) => [z.naptr(10, "udp"), z.naptr(20, "tls"), z.naptr(30, "tcp"), ...standard(z).filter(notNaptr)],
  ),
  // Does the client honour ICMP port unreachable on UDP? Only a NAPTR-following client gets here
  // on UDP without being configured for it.
  zone(
    "udp-first-refused",
    "NAPTR ranks UDP first; the first _sip._udp target (sip1) has no UDP listener (ICMP port unreachable)",
    firstTarget((t) => (t === "udp" ? "refused" : "answer")),
    (z) => [z.naptr(10, "udp"), z.naptr(20, "tls"), z.naptr(30, "tcp"), ...standard(z).filter(notNaptr)],
  ),
  // Bad input: far larger than a 512-byte UDP answer, so a client without EDNS gets it truncated
  // and must retry over TCP (RFC 7766 5) to see any of it; 37 NAPTRs lead nowhere before the real
  // ones, which rank UDP first so that a client ignoring them (TLS first, RFC 3263 4.1) shows.
  zone(
    "naptr-40",
    "40 NAPTR records (truncated over UDP): 37 to SRV owners that do not exist, then UDP, TLS, TCP",
    serve(["@", "sip1", "sip2"], ALL),
    (z) => [
      ...Array.from({ length: 37 }, (_, i) => z.naptr(i + 1, ALL[i % 3] as Transport, 10, `_n${i + 1}._x`)),
      z.naptr(100, "udp"),
      z.naptr(110, "tls"),
      z.naptr(120, "tcp"),
      ...standard(z).filter(notNaptr),
    ],
  ),
  zone(
    "first-closes",
    "standard NAPTR/SRV; sip1 closes TLS and TCP connections when a request (REGISTER, OPTIONS) arrives, UDP answers",
    firstTarget((t) => (t === "udp" ? "answer" : "close-on-request")),
    standard,
  ),
  zone(
    "all-refused",
    "standard NAPTR/SRV and A, but nothing listens anywhere: a phone that never registers",
    serve(["@", "sip1", "sip2"], ALL, "refused"),
    standard,
  ),
];

function notNaptr(record: LabRecord): boolean {
  return record.type !== "NAPTR";
}

/** The zone for the lab DNS of one run. */
export function labZoneFor(zone: PhoneZone, block: AddressBlock): LabZone {
  const origin = zoneOrigin(zone);
  return { origin, description: zone.description, records: zone.records(origin, block), expect: [] };
}

/** Every name a certificate may need to carry: the domains and their SRV target hosts. */
export function certificateNames(): string[] {
  return phoneZones.flatMap((z) => {
    const origin = zoneOrigin(z);
    return [origin, ...["sip1", "sip2"].map((h) => `${h}.${origin}`)];
  });
}
