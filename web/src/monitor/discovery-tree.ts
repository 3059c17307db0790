import type { HostNode, LookupNode, SipResolution } from "@sipwatch/core";

/**
 * The RFC 3263 discovery as a tree to draw: NAPTR records in the order clients use them
 * (order, then preference), each pointing at its SRV set, whose targets (priority, then weight
 * share) point at their A/AAAA answers. Every node carries its TTL and what went wrong.
 */
export interface TreeNode {
  key: string;
  /** "NAPTR", "SRV", "A/AAAA", "note" */
  kind: string;
  text: string;
  ttl: number | null;
  /** Problems a client meets here, in words. */
  problems: string[];
  children: TreeNode[];
}

const lookupProblem = (node: LookupNode<unknown> | undefined, what: string): string[] => {
  if (!node || node.status === "answer") return [];
  const why: Record<string, string> = {
    nodata: `no ${what} records`,
    nxdomain: "the name does not exist (NXDOMAIN)",
    servfail: "the resolver failed (SERVFAIL)",
    refused: "the resolver refused the query",
    error: `lookup failed${node.error ? `: ${node.error}` : ""}`,
  };
  return [why[node.status] ?? node.status];
};

function hostNode(resolution: SipResolution, name: string, port?: number): TreeNode {
  const host: HostNode | undefined = resolution.hosts[name];
  const addresses = [
    ...(host?.a.records ?? []).map((r) => r.address),
    ...(host?.aaaa.records ?? []).map((r) => r.address),
  ];
  const ttls = [host?.a.ttl, host?.aaaa.ttl].filter((t): t is number => t !== undefined);
  const cnames = [...(host?.a.cnames ?? []), ...(host?.aaaa.cnames ?? [])];
  const problems: string[] = [];
  if (host && addresses.length === 0) problems.push("no A or AAAA record: clients cannot reach this target");
  if (cnames.length > 0)
    problems.push(`is an alias (CNAME to ${cnames[0]?.target}); RFC 2782 forbids aliases as SRV targets`);
  return {
    key: `host:${name}:${port ?? ""}`,
    kind: "A/AAAA",
    text: `${name}${port ? `:${port}` : ""} → ${addresses.length ? addresses.join(", ") : "no address"}`,
    ttl: ttls.length ? Math.min(...ttls) : null,
    problems,
    children: [],
  };
}

function srvNode(resolution: SipResolution, owner: string): TreeNode {
  const srv = resolution.srv[owner];
  if (!srv) return { key: `srv:${owner}`, kind: "SRV", text: owner, ttl: null, problems: ["not asked"], children: [] };
  return {
    key: `srv:${owner}`,
    kind: "SRV",
    text: `${owner} (${srv.transport.toUpperCase()})`,
    ttl: srv.lookup.ttl ?? null,
    problems: lookupProblem(srv.lookup, "SRV"),
    children: srv.targets.map((t, i) => {
      const r = t.record;
      if (t.host === null) {
        return {
          key: `srv:${owner}:${i}`,
          kind: "SRV",
          text: `priority ${r.priority}: "." (the service is explicitly not offered)`,
          ttl: null,
          problems: [],
          children: [],
        };
      }
      const share = `${Math.round(t.share * 100)}%`;
      return {
        key: `srv:${owner}:${i}`,
        kind: "target",
        text: `#${i + 1} priority ${r.priority}, weight ${r.weight} (${share} of first tries) → ${r.target}:${r.port}`,
        ttl: null,
        problems: [],
        children: [hostNode(resolution, t.host, r.port)],
      };
    }),
  };
}

export function discoveryTree(resolution: SipResolution): TreeNode[] {
  const branch = resolution.branch;
  if (branch === "numeric" || branch === "explicit-port") {
    return [
      {
        key: "note",
        kind: "note",
        text:
          branch === "numeric"
            ? "The target is an IP address: clients skip NAPTR and SRV (RFC 3263 4.2)."
            : "The target names a port: clients skip NAPTR and SRV and look up addresses only (RFC 3263 4.2).",
        ttl: null,
        problems: [],
        children: [hostNode(resolution, resolution.target.host)],
      },
    ];
  }
  const naptrProblems = lookupProblem(resolution.naptr, "NAPTR");
  if (resolution.naptrRecords.length > 0) {
    return resolution.naptrRecords.map((n, i) => {
      const r = n.record;
      const problems = [...n.problems, ...(n.skipped ? [n.skipped] : [])];
      const children = n.srvOwner ? [srvNode(resolution, n.srvOwner)] : n.host ? [hostNode(resolution, n.host)] : [];
      return {
        key: `naptr:${i}`,
        kind: "NAPTR",
        text: `#${i + 1} order ${r.order}, preference ${r.preference}: ${r.services} → ${r.replacement !== "." ? r.replacement : r.regexp}`,
        ttl: resolution.naptr?.ttl ?? null,
        problems,
        children,
      };
    });
  }
  // No NAPTR: RFC 3263 4.1 says clients query the well-known SRV names; show what they found.
  const srvOwners = Object.keys(resolution.srv);
  const note: TreeNode = {
    key: "naptr:none",
    kind: "NAPTR",
    text: `${resolution.target.host}: no NAPTR records, so clients try the SRV names`,
    ttl: null,
    problems: naptrProblems.filter((p) => !p.startsWith("no NAPTR")),
    children: srvOwners.map((owner) => srvNode(resolution, owner)),
  };
  if (srvOwners.every((o) => (resolution.srv[o]?.targets.length ?? 0) === 0)) {
    note.children.push({ ...hostNode(resolution, resolution.target.host), key: "host:fallback" });
  }
  return [note];
}
