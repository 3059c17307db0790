import { addressesOf } from "./addresses";
import { usableNaptrRecords } from "./naptr";
import { defaultPort, WELL_KNOWN_SRV } from "./transports";
import type { Candidate, SipResolution, SrvNode, Transport } from "./types";

/**
 * The ordered (transport, host, address, port) list a strict RFC 3263 client tries, for the
 * branch the resolution took. Unresolvable and "." targets contribute nothing; a NAPTR whose
 * SRV owner is empty is passed over for the next one, as resip and pjsip do.
 */
export function strictClientCandidates(resolution: SipResolution): Candidate[] {
  const { target } = resolution;
  const plainDefault: Transport = target.scheme === "sips" ? "tls" : "udp";
  const list: Candidate[] = [];
  const add = (candidate: Candidate) => {
    const duplicate = list.some(
      (c) => c.transport === candidate.transport && c.address === candidate.address && c.port === candidate.port,
    );
    if (!duplicate) list.push(candidate);
  };
  const fromHost = (host: string, transport: Transport, port: number, source: Candidate["source"]) => {
    for (const { address, family } of addressesOf(resolution, host))
      add({ transport, host, address, family, port, source });
  };
  const fromSrv = (node: SrvNode | undefined, transport: Transport, source: Candidate["source"]) => {
    for (const t of node?.targets ?? []) {
      if (!t.host) continue;
      for (const { address, family } of addressesOf(resolution, t.host)) {
        add({
          transport,
          host: t.host,
          address,
          family,
          port: t.record.port,
          source,
          srvOwner: node?.owner,
          priority: t.record.priority,
          share: t.share,
        } as Candidate);
      }
    }
  };

  switch (resolution.branch) {
    case "numeric": {
      const transport = target.transport ?? plainDefault;
      add({
        transport,
        host: target.host,
        address: target.host,
        family: target.hostKind === "ipv6" ? 6 : 4,
        port: target.port ?? defaultPort(transport),
        source: "numeric",
      });
      break;
    }
    case "explicit-port": {
      const transport = target.transport ?? plainDefault;
      fromHost(target.host, transport, target.port ?? defaultPort(transport), "address");
      break;
    }
    case "explicit-transport": {
      const transport = target.transport ?? plainDefault;
      const node = Object.values(resolution.srv).find((s) => s.transport === transport && s.origin !== "legacy");
      if (node && node.lookup.records.length > 0) fromSrv(node, transport, "srv");
      else fromHost(target.host, transport, defaultPort(transport), "address");
      break;
    }
    case "naptr":
      for (const naptr of usableNaptrRecords(resolution.naptrRecords)) {
        if (!naptr.service) continue;
        if (naptr.srvOwner) fromSrv(resolution.srv[naptr.srvOwner], naptr.service.transport, "naptr");
        else if (naptr.host)
          fromHost(naptr.host, naptr.service.transport, defaultPort(naptr.service.transport), "naptr");
      }
      break;
    case "srv":
      for (const w of WELL_KNOWN_SRV) fromSrv(resolution.srv[`${w.prefix}.${target.host}`], w.transport, "srv");
      break;
    case "address":
      fromHost(target.host, plainDefault, defaultPort(plainDefault), "address");
      break;
  }
  return list;
}
