/** The record types a SIP discovery audit asks for (RFC 3263 4.1, 4.2). */
export type RecordType = "NAPTR" | "SRV" | "A" | "AAAA" | "CNAME" | "SOA" | "NS";

export interface DnsQuestion {
  /** Fully qualified, lower case, without the trailing dot: "_sips._tcp.example.com". */
  name: string;
  type: RecordType;
}

interface RecordBase {
  /** Owner name, lower case, no trailing dot. */
  name: string;
  ttl: number;
}

export interface ARecord extends RecordBase {
  type: "A";
  address: string;
}
export interface AaaaRecord extends RecordBase {
  type: "AAAA";
  address: string;
}
export interface CnameRecord extends RecordBase {
  type: "CNAME";
  target: string;
}
export interface SrvRecord extends RecordBase {
  type: "SRV";
  priority: number;
  weight: number;
  port: number;
  /** "." (RFC 2782: service decidedly not available) is kept as ".". */
  target: string;
}
export interface NaptrRecord extends RecordBase {
  type: "NAPTR";
  order: number;
  preference: number;
  flags: string;
  services: string;
  regexp: string;
  /** "." when the record uses a regexp instead of a replacement. */
  replacement: string;
}
export interface SoaRecord extends RecordBase {
  type: "SOA";
  mname: string;
  serial: number;
}
export interface NsRecord extends RecordBase {
  type: "NS";
  host: string;
}

export type DnsRecord = ARecord | AaaaRecord | CnameRecord | SrvRecord | NaptrRecord | SoaRecord | NsRecord;

export type Rcode = "NOERROR" | "FORMERR" | "SERVFAIL" | "NXDOMAIN" | "NOTIMP" | "REFUSED" | `RCODE${number}`;

/** A response the resolver gave: NXDOMAIN and SERVFAIL are answers too, facts about the zone. */
export interface DnsAnswer {
  question: DnsQuestion;
  rcode: Rcode;
  /** Answer section, in the order received (CNAMEs included). */
  records: DnsRecord[];
  /** Authority section SOA/NS, useful to tell NODATA from a lame answer. */
  authority: DnsRecord[];
  authoritative: boolean;
  /** AD bit: the resolver validated DNSSEC. */
  authenticData: boolean;
  /** Which server answered: "udp://127.0.0.1:53", "https://dns.example/dns-query". */
  server: string;
  elapsedMs: number;
}

export type DnsFailureKind =
  | "timeout"
  | "network"
  | "malformed"
  | "truncated"
  | "mismatch"
  | "too-large"
  | "http-status";

/** The resolver gave no usable answer at all: nothing is known about the zone from this query. */
export interface DnsFailure {
  question: DnsQuestion;
  kind: DnsFailureKind;
  message: string;
  server: string;
  elapsedMs: number;
}

export type DnsLookup = { ok: true; answer: DnsAnswer } | { ok: false; failure: DnsFailure };

/**
 * The port through which core asks DNS questions. Adapters: DoH (core/dns/doh.ts, runs anywhere
 * with fetch), UDP/TCP in the agent, DNS over TCP at the edge. Customer-side failures
 * (timeouts, garbage) come back as `{ ok: false }`, never as a thrown error.
 */
export interface DnsResolver {
  /** A short label for reports: "doh:https://1.1.1.1/dns-query", "udp:127.0.0.1:5353". */
  readonly label: string;
  query(question: DnsQuestion, signal?: AbortSignal): Promise<DnsLookup>;
}

/** Lower-cases and strips the trailing dot, so names compare equal however a zone spells them. */
export function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  if (lower === "." || lower === "") return ".";
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
