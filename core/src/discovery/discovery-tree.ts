import type { NaptrRecord, SrvRecord } from "../dns/types";
import { hostAlias, isEmptyAnswer } from "../findings/rules/resolution-facts";
import type { ResolutionBranch, SipResolution, SrvNode, Transport } from "../sip/types";
import { type DiscoveryProblem, type HostRole, hostProblems, lookupProblems } from "./discovery-problems";

/** A host and the addresses clients connect to. */
export interface HostBranch {
  kind: "host";
  /** Unique within the tree (the same host can appear under several SRV sets). */
  key: string;
  name: string;
  /** The port the SRV record or the target names, when there is one. */
  port?: number;
  addresses: Array<{ type: "A" | "AAAA"; address: string }>;
  /** Smallest TTL of the A and AAAA answers. */
  ttl: number | null;
  /** The CNAME target the lookups met first. */
  alias: string | null;
  problems: DiscoveryProblem[];
}

export interface SrvTargetBranch {
  kind: "srv-target";
  key: string;
  /** 1 for the target clients try first (priority, then weight share). */
  rank: number;
  record: SrvRecord;
  /** Share of first tries within its priority, 0..1. */
  share: number;
  /** null for the "." target: the service is explicitly not offered (RFC 2782). */
  host: HostBranch | null;
}

export interface SrvBranch {
  kind: "srv";
  key: string;
  owner: string;
  transport: Transport;
  origin: SrvNode["origin"];
  ttl: number | null;
  problems: DiscoveryProblem[];
  targets: SrvTargetBranch[];
}

export interface NaptrBranch {
  kind: "naptr";
  key: string;
  /** 1 for the record clients use first (order, then preference). */
  rank: number;
  record: NaptrRecord;
  problems: DiscoveryProblem[];
  /** The SRV set ("S" flag) or host ("A" flag) clients follow; null when they do not follow it. */
  next: SrvBranch | HostBranch | null;
}

/**
 * The RFC 3263 discovery as the dashboard and the CLI draw it, with every judgement made here:
 * NAPTR records in client order, each leading to its SRV set, whose targets lead to addresses;
 * then the SRV sets no NAPTR record points at, the ones that hold nothing, and the domain's own
 * address. Renderers choose words' colours and indentation, nothing else.
 */
export interface DiscoveryTree {
  target: string;
  branch: ResolutionBranch;
  /** Numeric targets and explicit ports: why clients skip NAPTR and SRV (RFC 3263 4.2). */
  skipped: string | null;
  /** The NAPTR lookup; null when RFC 3263 skips it for this target. */
  naptr: { ttl: number | null; problems: DiscoveryProblem[]; records: NaptrBranch[] } | null;
  /** SRV sets with records (or a failed lookup) that no NAPTR record leads to. */
  srv: SrvBranch[];
  /** SRV owners asked that hold nothing: transports a client looking them up finds no server for. */
  absentSrv: string[];
  /** The target host's own addresses: explicit ports, numeric targets, clients without SRV. */
  host: HostBranch | null;
}

function hostBranch(
  resolution: SipResolution,
  name: string,
  role: HostRole,
  keyPrefix: string,
  port?: number,
): HostBranch {
  const { target } = resolution;
  if (target.hostKind !== "domain" && name === target.host) {
    // A numeric target is its own address: nothing was asked, nothing can be missing.
    const type = target.hostKind === "ipv6" ? ("AAAA" as const) : ("A" as const);
    const base = { kind: "host" as const, key: `${keyPrefix}host:${name}:${port ?? ""}`, name };
    return {
      ...base,
      ...(port !== undefined ? { port } : {}),
      addresses: [{ type, address: name }],
      ttl: null,
      alias: null,
      problems: [],
    };
  }
  const host = resolution.hosts[name];
  const ttls = [host?.a.ttl, host?.aaaa.ttl].filter((t): t is number => t !== undefined);
  return {
    kind: "host",
    key: `${keyPrefix}host:${name}:${port ?? ""}`,
    name,
    ...(port !== undefined ? { port } : {}),
    addresses: [
      ...(host?.a.records ?? []).map((r) => ({ type: "A" as const, address: r.address })),
      ...(host?.aaaa.records ?? []).map((r) => ({ type: "AAAA" as const, address: r.address })),
    ],
    ttl: ttls.length ? Math.min(...ttls) : null,
    alias: host ? hostAlias(host) : null,
    problems: hostProblems(host, role),
  };
}

function srvBranch(resolution: SipResolution, node: SrvNode, keyPrefix: string): SrvBranch {
  const key = `${keyPrefix}srv:${node.owner}`;
  return {
    kind: "srv",
    key,
    owner: node.owner,
    transport: node.transport,
    origin: node.origin,
    ttl: node.lookup.ttl ?? null,
    problems: lookupProblems(node.lookup, "SRV"),
    targets: node.targets.map((t, i) => ({
      kind: "srv-target",
      key: `${key}:${i}`,
      rank: i + 1,
      record: t.record,
      share: t.share,
      host: t.host === null ? null : hostBranch(resolution, t.host, "srv-target", `${key}:${i}:`, t.record.port),
    })),
  };
}

function naptrSection(resolution: SipResolution): DiscoveryTree["naptr"] {
  const lookup = resolution.naptr;
  if (!lookup) return null;
  const problems: DiscoveryProblem[] =
    lookup.status === "nodata"
      ? // No NAPTR is ordinary: RFC 3263 4.1 sends clients to the well-known SRV names.
        [{ code: "no-records", tone: "note", text: "no NAPTR records, so clients try the SRV names" }]
      : lookupProblems(lookup, "NAPTR");
  const records = resolution.naptrRecords.map((n, i): NaptrBranch => {
    const key = `naptr:${i}:`;
    const srv = n.srvOwner ? resolution.srv[n.srvOwner] : undefined;
    const next = n.srvOwner
      ? srv
        ? srvBranch(resolution, srv, key)
        : null
      : n.host
        ? hostBranch(resolution, n.host, "naptr-target", key)
        : null;
    return {
      kind: "naptr",
      key: `naptr:${i}`,
      rank: i + 1,
      record: n.record,
      problems: [
        ...n.problems.map((text) => ({
          code: "naptr-ignored" as const,
          tone: "error" as const,
          text: `ignored: ${text}`,
        })),
        ...(n.skipped
          ? [{ code: "naptr-skipped" as const, tone: "note" as const, text: `skipped: ${n.skipped}` }]
          : []),
      ],
      next,
    };
  });
  return { ttl: lookup.ttl ?? null, problems, records };
}

/** `discoveryTree(resolution)`: the tree both the dashboard and `sipwatch check` draw. */
export function discoveryTree(resolution: SipResolution): DiscoveryTree {
  const branch = resolution.branch;
  const ledByNaptr = new Set(resolution.naptrRecords.flatMap((n) => (n.srvOwner ? [n.srvOwner] : [])));
  const others = Object.values(resolution.srv)
    .filter((s) => !ledByNaptr.has(s.owner))
    .sort((a, b) => a.owner.localeCompare(b.owner));
  const absent = others.filter((s) => s.lookup.records.length === 0 && isEmptyAnswer(s.lookup));
  const domain = resolution.target.host;
  return {
    target: domain,
    branch,
    skipped:
      branch === "numeric"
        ? "The target is an IP address: clients skip NAPTR and SRV (RFC 3263 4.2)."
        : branch === "explicit-port"
          ? "The target names a port: clients skip NAPTR and SRV and look up addresses only (RFC 3263 4.2)."
          : null,
    naptr: naptrSection(resolution),
    srv: others.filter((s) => !absent.includes(s)).map((s) => srvBranch(resolution, s, "")),
    absentSrv: absent.map((s) => s.owner),
    host:
      resolution.hosts[domain] || resolution.target.hostKind !== "domain"
        ? hostBranch(resolution, domain, "domain", "", resolution.target.port)
        : null,
  };
}
