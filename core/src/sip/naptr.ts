import type { NaptrRecord } from "../dns/types";
import { parseNaptrService } from "./transports";
import type { NaptrNode, SipTarget } from "./types";

/**
 * Sorts NAPTR records by order, then preference (RFC 3403 4.1) and notes, per record, why a
 * SIP client would ignore it (RFC 3263 4.1: flag "S" with an SRV replacement, or "A"; empty
 * regexp; a SIP service field).
 */
export function analyseNaptrRecords(records: readonly NaptrRecord[], target: SipTarget): NaptrNode[] {
  const sorted = [...records].sort(
    (a, b) => a.order - b.order || a.preference - b.preference || a.services.localeCompare(b.services),
  );
  return sorted.map((record) => {
    const service = parseNaptrService(record.services);
    const flags = record.flags.toUpperCase();
    const problems: string[] = [];
    if (!service) problems.push(`service "${record.services}" is not a SIP transport clients know`);
    if (flags !== "S" && flags !== "A") {
      problems.push(
        flags === ""
          ? "empty flags ask for another NAPTR lookup, which SIP clients do not do"
          : `flags "${record.flags}" are not "S" or "A"`,
      );
    }
    if (record.regexp !== "") problems.push(`uses a regexp ("${record.regexp}") instead of a replacement`);
    if (record.replacement === ".") problems.push("has no replacement name to follow");
    const node: NaptrNode = { record, service, problems };
    if (problems.length === 0 && service && target.scheme === "sips" && !service.secure) {
      // RFC 3263 4.1: a SIPS URI only follows SIPS services.
      node.skipped = "plaintext service, and the target is a sips: URI";
    }
    return node;
  });
}

/** The records a client follows, in order. */
export function usableNaptrRecords(nodes: readonly NaptrNode[]): NaptrNode[] {
  return nodes.filter((n) => n.problems.length === 0 && !n.skipped);
}
