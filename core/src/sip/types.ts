import type { AaaaRecord, ARecord, CnameRecord, DnsQuestion, NaptrRecord, Rcode, SrvRecord } from "../dns/types";

/**
 * SIP transports as RFC 3263 and RFC 7118 name them. "tls" is TLS over TCP (SIPS+D2T),
 * "tls-sctp" TLS over SCTP (SIPS+D2S), "ws"/"wss" SIP over WebSocket (SIP+D2W / SIPS+D2W).
 */
export type Transport = "udp" | "tcp" | "tls" | "sctp" | "tls-sctp" | "ws" | "wss";

/** A parsed SIP or SIPS URI (RFC 3261 19.1), or a bare domain treated as `sip:<domain>`. */
export interface SipTarget {
  input: string;
  scheme: "sip" | "sips";
  user?: string;
  /** Lower case; IPv6 without brackets. */
  host: string;
  hostKind: "domain" | "ipv4" | "ipv6";
  port?: number;
  /** From the `transport=` parameter, already combined with the scheme (sips + tcp = tls). */
  transport?: Transport;
}

export type LookupStatus = "answer" | "nodata" | "nxdomain" | "servfail" | "refused" | "error";

/** One question in the resolution tree and what came back, with only the records asked for. */
export interface LookupNode<R> {
  question: DnsQuestion;
  status: LookupStatus;
  records: R[];
  /** CNAMEs met on the way (an SRV target that is an alias, RFC 2782 forbids it). */
  cnames: CnameRecord[];
  rcode?: Rcode;
  /** Why there is no answer when status is "error" (timeout, malformed response...). */
  error?: string;
  /** Smallest TTL of the records, for cache reasoning. */
  ttl?: number;
  server?: string;
  elapsedMs: number;
}

export interface HostNode {
  host: string;
  a: LookupNode<ARecord>;
  aaaa: LookupNode<AaaaRecord>;
}

export interface SrvTargetNode {
  record: SrvRecord;
  /** Expected share of first attempts within its priority (RFC 2782 weights), 0..1. */
  share: number;
  /** Key into `SipResolution.hosts`; null for the "." target. */
  host: string | null;
}

export interface SrvNode {
  /** "_sips._tcp.example.com" */
  owner: string;
  transport: Transport;
  /** How the audit came to ask: a NAPTR replacement, the RFC 3263 4.1 fallback set, or the legacy `_sip._tls` name. */
  origin: "naptr" | "well-known" | "legacy";
  lookup: LookupNode<SrvRecord>;
  /** In the order a client tries them: priority ascending, then weight share descending. */
  targets: SrvTargetNode[];
}

export interface NaptrService {
  /** "SIPS+D2T" as written in the record, upper-cased. */
  raw: string;
  secure: boolean;
  transport: Transport;
}

export interface NaptrNode {
  record: NaptrRecord;
  /** The SIP service this record offers, or null when it is not a SIP service clients know. */
  service: NaptrService | null;
  /** Why clients ignore this record (RFC 3263 4.1, RFC 3403); empty when it is usable. */
  problems: string[];
  /** Why a client skips this valid record for this target (a plaintext service for a sips: URI). */
  skipped?: string;
  /** Key into `SipResolution.srv` for "S" records. */
  srvOwner?: string;
  /** Key into `SipResolution.hosts` for "A" records. */
  host?: string;
}

/** Which RFC 3263 4.1/4.2 branch a strict client takes for this target. */
export type ResolutionBranch = "numeric" | "explicit-port" | "explicit-transport" | "naptr" | "srv" | "address";

export interface Candidate {
  transport: Transport;
  host: string;
  address: string;
  family: 4 | 6;
  port: number;
  source: "naptr" | "srv" | "address" | "numeric";
  srvOwner?: string;
  priority?: number;
  share?: number;
}

export interface QueryTrace {
  question: DnsQuestion;
  /** How many answers this question waited for: NAPTR = 1, SRV named by it = 2, its target = 3. */
  depth: number;
  startMs: number;
  endMs: number;
  outcome: LookupStatus;
}

/** Everything DNS said about a SIP target, as a tree, plus the strict client's candidate list. */
export interface SipResolution {
  target: SipTarget;
  resolver: string;
  branch: ResolutionBranch;
  /** Absent for numeric targets and explicit ports, where RFC 3263 skips NAPTR. */
  naptr?: LookupNode<NaptrRecord>;
  /** Sorted by order, then preference (RFC 3403 4.1). */
  naptrRecords: NaptrNode[];
  /** Every SRV owner asked about, by owner name. */
  srv: Record<string, SrvNode>;
  /** Every host asked about (the domain and each SRV/NAPTR target), by name. */
  hosts: Record<string, HostNode>;
  /** What a strict RFC 3263 client tries, in order. */
  candidates: Candidate[];
  queries: QueryTrace[];
  startedAt: string;
  durationMs: number;
}
