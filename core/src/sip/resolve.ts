import { toLookupNode } from "../dns/lookup-node";
import type { DnsRecord, DnsResolver, NaptrRecord, RecordType, SrvRecord } from "../dns/types";
import { strictClientCandidates } from "./candidates";
import { analyseNaptrRecords, usableNaptrRecords } from "./naptr";
import { srvTargetsByPriority } from "./srv-order";
import { LEGACY_TLS_SRV_PREFIX, SRV_PREFIX, WELL_KNOWN_SRV } from "./transports";
import type {
  HostNode,
  LookupNode,
  QueryTrace,
  ResolutionBranch,
  SipResolution,
  SipTarget,
  SrvNode,
  Transport,
} from "./types";

export interface ResolveOptions {
  /** Aborts every outstanding query (an audit's overall deadline). */
  signal?: AbortSignal;
  /** Monotonic milliseconds; injectable for tests. */
  clock?: () => number;
  now?: () => Date;
}

/**
 * Walks RFC 3263 for a SIP target and returns the whole tree: NAPTR, every SRV owner a client
 * may ask about, every host's A/AAAA, and the strict client's ordered candidates.
 *
 * Independent questions go out together: the NAPTR query, the well-known SRV owners (which
 * RFC 3263 4.1 needs anyway when NAPTR is absent, and which the rules compare with NAPTR),
 * the legacy `_sip._tls` owner and the domain's own A/AAAA. Each SRV answer starts its targets'
 * address lookups at once, so wall time follows the longest dependent chain, not the sum.
 */
export async function resolveSipTarget(
  target: SipTarget,
  resolver: DnsResolver,
  options: ResolveOptions = {},
): Promise<SipResolution> {
  const clock = options.clock ?? (() => performance.now());
  const startedAt = (options.now?.() ?? new Date()).toISOString();
  const t0 = clock();
  const queries: QueryTrace[] = [];
  const lookups = new Map<string, Promise<LookupNode<DnsRecord>>>();
  const hosts: Record<string, HostNode> = {};
  const hostLookups = new Map<string, Promise<HostNode>>();
  const srv: Record<string, SrvNode> = {};
  const srvLookups = new Map<string, Promise<SrvNode>>();

  // Each distinct question is asked once, however many branches of the tree need it.
  function ask<T extends RecordType>(name: string, type: T, depth: number) {
    const key = `${type} ${name}`;
    let pending = lookups.get(key);
    if (!pending) {
      const question = { name, type };
      const startMs = clock() - t0;
      pending = resolver.query(question, options.signal).then((lookup) => {
        const node = toLookupNode(lookup, type);
        queries.push({ question, depth, startMs, endMs: clock() - t0, outcome: node.status });
        return node as LookupNode<DnsRecord>;
      });
      lookups.set(key, pending);
    }
    return pending as Promise<LookupNode<Extract<DnsRecord, { type: T }>>>;
  }

  function lookupHost(host: string, depth: number): Promise<HostNode> {
    let pending = hostLookups.get(host);
    if (!pending) {
      pending = Promise.all([ask(host, "A", depth), ask(host, "AAAA", depth)]).then(([a, aaaa]) => {
        const node = { host, a, aaaa };
        hosts[host] = node;
        return node;
      });
      hostLookups.set(host, pending);
    }
    return pending;
  }

  function lookupSrv(owner: string, transport: Transport, origin: SrvNode["origin"], depth: number) {
    let pending = srvLookups.get(owner);
    if (!pending) {
      pending = ask(owner, "SRV", depth).then(async (lookup) => {
        const targets = srvTargetsByPriority(lookup.records as SrvRecord[]).map(({ record, share }) => ({
          record,
          share,
          host: record.target === "." ? null : record.target,
        }));
        const node: SrvNode = { owner, transport, origin, lookup, targets };
        srv[owner] = node;
        await Promise.all(targets.flatMap((t) => (t.host ? [lookupHost(t.host, depth + 1)] : [])));
        return node;
      });
      srvLookups.set(owner, pending);
    }
    return pending;
  }

  const domain = target.host;
  let branch: ResolutionBranch;
  let naptr: LookupNode<NaptrRecord> | undefined;
  let naptrRecords: SipResolution["naptrRecords"] = [];

  if (target.hostKind !== "domain") {
    branch = "numeric";
  } else if (target.port !== undefined) {
    // RFC 3263 4.2: an explicit port means a plain A/AAAA lookup of the host.
    branch = "explicit-port";
    await lookupHost(domain, 1);
  } else if (target.transport !== undefined) {
    // RFC 3263 4.1: an explicit transport skips NAPTR; 4.2: SRV for it, else A/AAAA.
    branch = "explicit-transport";
    const prefix = SRV_PREFIX[target.transport];
    await Promise.all([
      prefix ? lookupSrv(`${prefix}.${domain}`, target.transport, "well-known", 1) : undefined,
      lookupHost(domain, 1),
    ]);
  } else {
    const wellKnown = WELL_KNOWN_SRV.filter((w) => target.scheme === "sip" || w.transport === "tls");
    const speculative = Promise.all([
      ...wellKnown.map((w) => lookupSrv(`${w.prefix}.${domain}`, w.transport, "well-known", 1)),
      lookupSrv(`${LEGACY_TLS_SRV_PREFIX}.${domain}`, "tls", "legacy", 1),
      lookupHost(domain, 1),
    ]);
    naptr = await ask(domain, "NAPTR", 1);
    naptrRecords = analyseNaptrRecords(naptr.records, target);
    const followed = usableNaptrRecords(naptrRecords);
    await Promise.all([
      speculative,
      ...followed.map(async (n) => {
        const service = n.service;
        if (!service) return;
        if (n.record.flags.toUpperCase() === "A") {
          n.host = n.record.replacement;
          await lookupHost(n.record.replacement, 2);
        } else {
          n.srvOwner = n.record.replacement;
          const node = await lookupSrv(n.record.replacement, service.transport, "naptr", 2);
          node.origin = "naptr";
        }
      }),
    ]);
    const hasWellKnownSrv = wellKnown.some((w) => (srv[`${w.prefix}.${domain}`]?.lookup.records.length ?? 0) > 0);
    branch = usableNaptrRecords(naptrRecords).length > 0 ? "naptr" : hasWellKnownSrv ? "srv" : "address";
  }

  const resolution: SipResolution = {
    target,
    resolver: resolver.label,
    branch,
    naptrRecords,
    srv,
    hosts,
    candidates: [],
    queries: queries.sort((a, b) => a.startMs - b.startMs),
    startedAt,
    durationMs: Math.round((clock() - t0) * 100) / 100,
  };
  if (naptr) resolution.naptr = naptr;
  resolution.candidates = strictClientCandidates(resolution);
  return resolution;
}
