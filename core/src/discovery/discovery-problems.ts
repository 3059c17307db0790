import { hostAddresses, hostAlias, hostHasNoAddress, isEmptyAnswer } from "../findings/rules/resolution-facts";
import type { HostNode, LookupNode } from "../sip/types";

/** How loudly a renderer should show a problem: a dead end, a risk, or a plain remark. */
export type ProblemTone = "error" | "warning" | "note";

export type DiscoveryProblemCode =
  /** The resolver failed or refused, so nothing is known about this name. */
  | "lookup-failed"
  /** The name does not exist (NXDOMAIN). */
  | "name-missing"
  /** The name exists but holds no records of the type asked. */
  | "no-records"
  /** A host with neither A nor AAAA records: nothing to connect to. */
  | "no-address"
  /** An SRV target that is a CNAME (RFC 2782). */
  | "alias"
  /** A NAPTR record clients ignore (RFC 3263 4.1, RFC 3403). */
  | "naptr-ignored"
  /** A valid NAPTR record a client skips for this target (plaintext for a sips: URI). */
  | "naptr-skipped"
  /** A name the walk never asked about. */
  | "not-asked";

/** What a client meets at one node of the discovery tree, decided here and drawn as is. */
export interface DiscoveryProblem {
  code: DiscoveryProblemCode;
  tone: ProblemTone;
  /** The words to show: "the resolver failed (SERVFAIL)". */
  text: string;
}

/** `lookupProblems(node, "SRV")`: the SRV lookup's failure in words, [] when it answered. */
export function lookupProblems(node: LookupNode<unknown> | undefined, what: string): DiscoveryProblem[] {
  if (!node) return [{ code: "not-asked", tone: "error", text: "not looked up" }];
  switch (node.status) {
    case "answer":
      return [];
    case "nodata":
      return [{ code: "no-records", tone: "warning", text: `no ${what} records` }];
    case "nxdomain":
      return [{ code: "name-missing", tone: "error", text: "the name does not exist (NXDOMAIN)" }];
    case "servfail":
      return [{ code: "lookup-failed", tone: "error", text: "the resolver failed (SERVFAIL)" }];
    case "refused":
      return [{ code: "lookup-failed", tone: "error", text: "the resolver refused the query (REFUSED)" }];
    case "error":
      return [{ code: "lookup-failed", tone: "error", text: `lookup failed${node.error ? `: ${node.error}` : ""}` }];
  }
}

/** Where a host sits in the walk changes what its missing address means to clients. */
export type HostRole = "srv-target" | "naptr-target" | "domain";

/** Problems of one host: missing addresses, failed lookups, and an alias where RFC 2782 forbids one. */
export function hostProblems(host: HostNode | undefined, role: HostRole): DiscoveryProblem[] {
  if (!host) return lookupProblems(undefined, "A");
  const problems: DiscoveryProblem[] = [];
  if (hostHasNoAddress(host)) {
    const missing = host.a.status === "nxdomain" ? "no A or AAAA record (NXDOMAIN)" : "no A or AAAA record";
    problems.push({
      code: "no-address",
      // dns.domain.no-address is a warning: NAPTR/SRV clients still find the servers.
      tone: role === "domain" ? "warning" : "error",
      text:
        role === "domain"
          ? `${missing}: phones that only look up the domain cannot reach it`
          : `${missing}: clients cannot reach this target`,
    });
  } else if (hostAddresses(host).length === 0) {
    // One lookup failed and the other found nothing: say which failed, it is the lead to follow.
    for (const [type, node] of [
      ["A", host.a],
      ["AAAA", host.aaaa],
    ] as const) {
      if (!isEmptyAnswer(node))
        problems.push(...lookupProblems(node, type).map((p) => ({ ...p, text: `${type}: ${p.text}` })));
    }
  }
  const alias = hostAlias(host);
  if (alias && role === "srv-target")
    problems.push({
      code: "alias",
      tone: "warning",
      text: `is an alias (CNAME to ${alias}); RFC 2782 forbids aliases as SRV targets`,
    });
  return problems;
}
