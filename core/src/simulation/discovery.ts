import { addressesOf } from "../sip/addresses";
import { usableNaptrRecords } from "../sip/naptr";
import { defaultPort, SRV_PREFIX } from "../sip/transports";
import type { Candidate, NaptrNode, SipResolution, SipTarget, Transport } from "../sip/types";
import type { ClientPlan, NaptrTie } from "./types";

/**
 * Building blocks for client plans: the candidates one SRV owner or one host gives, in the order
 * the tree recorded them (SRV priority, then weight share; A before AAAA).
 */

/** Every address of every target of an SRV owner, for one transport. */
export function srvCandidates(resolution: SipResolution, owner: string, transport: Transport): Candidate[] {
  const node = resolution.srv[owner];
  return (node?.targets ?? []).flatMap((t) =>
    t.host
      ? addressesOf(resolution, t.host).map((a) => ({
          transport,
          host: t.host as string,
          ...a,
          port: t.record.port,
          source: "srv" as const,
          srvOwner: owner,
          priority: t.record.priority,
          share: t.share,
        }))
      : [],
  );
}

/** Whether an SRV owner answered with at least one record (a "." target counts: it says "not here"). */
export function srvPublished(resolution: SipResolution, owner: string): boolean {
  return (resolution.srv[owner]?.lookup.records.length ?? 0) > 0;
}

/** The well-known SRV owner of a transport for the target's domain: `_sips._tcp.example.com`. */
export function wellKnownOwner(resolution: SipResolution, transport: Transport): string | undefined {
  const prefix = SRV_PREFIX[transport];
  return prefix ? `${prefix}.${resolution.target.host}` : undefined;
}

/** The transport a URI itself names: its `transport=` parameter, or TLS for `sips:` (RFC 3261 19.1.2). */
export const namedTransport = (target: SipTarget): Transport | undefined =>
  target.transport ?? (target.scheme === "sips" ? "tls" : undefined);

/** The target host's own addresses, on the transport's default port (RFC 3263 4.2) unless the URI names one. */
export function hostCandidates(resolution: SipResolution, transport: Transport, host = resolution.target.host) {
  const port =
    host === resolution.target.host ? (resolution.target.port ?? defaultPort(transport)) : defaultPort(transport);
  if (resolution.target.hostKind !== "domain" && host === resolution.target.host) {
    const family: 4 | 6 = resolution.target.hostKind === "ipv6" ? 6 : 4;
    return [{ transport, host, address: host, family, port, source: "numeric" as const }];
  }
  return addressesOf(resolution, host).map((a) => ({ transport, host, ...a, port, source: "address" as const }));
}

/**
 * A client configured for one transport and no NAPTR: SRV for that transport when the owner
 * has records, else the domain's addresses on the default port (RFC 3263 4.2 without 4.1).
 * A URI with an explicit port or an IP address skips SRV altogether. A URI that names its
 * transport (`;transport=tcp`, `sips:`) is what the phone is given as its proxy, so that
 * transport wins over the phone's own setting (Linphone and baresip take it from the URI).
 */
export function configuredTransportCandidates(resolution: SipResolution, configured: Transport): Candidate[] {
  const transport = namedTransport(resolution.target) ?? configured;
  if (resolution.target.hostKind !== "domain" || resolution.target.port !== undefined)
    return hostCandidates(resolution, transport);
  const owner = wellKnownOwner(resolution, transport);
  if (owner && srvPublished(resolution, owner)) return srvCandidates(resolution, owner, transport);
  return hostCandidates(resolution, transport);
}

/** The candidates one NAPTR record leads to: its SRV owner's targets, or its host for an "A" record. */
export function naptrCandidates(resolution: SipResolution, naptr: NaptrNode): Candidate[] {
  const transport = naptr.service?.transport;
  if (!transport) return [];
  if (naptr.srvOwner)
    return srvCandidates(resolution, naptr.srvOwner, transport).map((c) => ({ ...c, source: "naptr" as const }));
  if (naptr.host)
    return hostCandidates(resolution, transport, naptr.host).map((c) => ({ ...c, source: "naptr" as const }));
  return [];
}

/** The NAPTR records a client may follow, sorted by order then preference (RFC 3403 4.1). */
export function followableNaptr(resolution: SipResolution, supported: readonly Transport[]): NaptrNode[] {
  if (resolution.branch !== "naptr") return [];
  return usableNaptrRecords(resolution.naptrRecords).filter(
    (n) => n.service !== null && supported.includes(n.service.transport),
  );
}

/** Records tied with the first one on order and preference, when there are several. */
export function tiedWithFirst(records: readonly NaptrNode[]): NaptrNode[] {
  const [first] = records;
  if (!first) return [];
  const tied = records.filter(
    (n) => n.record.order === first.record.order && n.record.preference === first.record.preference,
  );
  return tied.length > 1 ? tied : [];
}

/** A tie, described for the report, with what the client does about it. */
export function naptrTie(records: readonly NaptrNode[], behaviour: string): NaptrTie | undefined {
  const tied = tiedWithFirst(records);
  if (tied.length === 0) return undefined;
  return { services: tied.map((n) => n.service?.raw ?? n.record.services), behaviour };
}

/**
 * A client that follows only the first of `records` (already in its own order): that record's
 * SRV targets, or the domain's address on its transport when the SRV owner is empty (neither
 * libre nor RFC 3263 moves on to the next NAPTR); equal order and preference are marked with
 * `tieNote`. Undefined when there is no record to follow.
 */
export function followFirstNaptr(
  resolution: SipResolution,
  records: readonly NaptrNode[],
  tieNote: string,
): ClientPlan | undefined {
  const chosen = records[0];
  if (!chosen?.service) return undefined;
  const candidates =
    chosen.srvOwner && !srvPublished(resolution, chosen.srvOwner)
      ? hostCandidates(resolution, chosen.service.transport)
      : naptrCandidates(resolution, chosen);
  const tie = naptrTie(records, tieNote);
  return tie ? { transports: [candidates], tie } : { transports: [candidates] };
}
