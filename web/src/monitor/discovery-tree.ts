import {
  discoveryTree as coreDiscoveryTree,
  type DiscoveryProblem,
  type HostBranch,
  type NaptrBranch,
  type SipResolution,
  type SrvBranch,
} from "@sipwatch/core";

/**
 * Core's discovery tree (core/src/discovery) as nested list items: every judgement, the
 * problems and their tones, comes from core; this file only words the nodes' own data.
 */
export interface TreeNode {
  key: string;
  /** "NAPTR", "SRV", "target", "A/AAAA", "note" */
  kind: string;
  text: string;
  ttl: number | null;
  problems: DiscoveryProblem[];
  children: TreeNode[];
}

function hostNode(host: HostBranch): TreeNode {
  const addresses = host.addresses.map((a) => a.address);
  return {
    key: host.key,
    kind: "A/AAAA",
    text: `${host.name}${host.port ? `:${host.port}` : ""} → ${addresses.length ? addresses.join(", ") : "no address"}`,
    ttl: host.ttl,
    problems: host.problems,
    children: [],
  };
}

function srvNode(srv: SrvBranch): TreeNode {
  return {
    key: srv.key,
    kind: "SRV",
    text: `${srv.owner} (${srv.transport.toUpperCase()})`,
    ttl: srv.ttl,
    problems: srv.problems,
    children: srv.targets.map((t) => {
      const r = t.record;
      return t.host === null
        ? {
            key: t.key,
            kind: "SRV",
            text: `priority ${r.priority}: "." (the service is explicitly not offered)`,
            ttl: null,
            problems: [],
            children: [],
          }
        : {
            key: t.key,
            kind: "target",
            text: `#${t.rank} priority ${r.priority}, weight ${r.weight} (${Math.round(t.share * 100)}% of first tries) → ${r.target}:${r.port}`,
            ttl: null,
            problems: [],
            children: [hostNode(t.host)],
          };
    }),
  };
}

function naptrNode(n: NaptrBranch, ttl: number | null): TreeNode {
  const r = n.record;
  return {
    key: n.key,
    kind: "NAPTR",
    text: `#${n.rank} order ${r.order}, preference ${r.preference}: ${r.services} → ${r.replacement !== "." ? r.replacement : r.regexp}`,
    ttl,
    problems: n.problems,
    children: n.next === null ? [] : [n.next.kind === "srv" ? srvNode(n.next) : hostNode(n.next)],
  };
}

const note = (key: string, text: string, children: TreeNode[] = []): TreeNode => ({
  key,
  kind: "note",
  text,
  ttl: null,
  problems: [],
  children,
});

/** NAPTR, then the SRV sets no NAPTR leads to, the empty SRV names, and the domain's address. */
export function discoveryTree(resolution: SipResolution): TreeNode[] {
  const tree = coreDiscoveryTree(resolution);
  const host = tree.host ? hostNode(tree.host) : null;
  if (tree.skipped !== null) return [note("note", tree.skipped, host ? [host] : [])];
  const nodes: TreeNode[] = [];
  if (tree.naptr) {
    if (tree.naptr.records.length > 0)
      nodes.push(...tree.naptr.records.map((n) => naptrNode(n, tree.naptr?.ttl ?? null)));
    else
      nodes.push({
        key: "naptr:none",
        kind: "NAPTR",
        text: tree.target,
        ttl: tree.naptr.ttl,
        problems: tree.naptr.problems,
        children: [],
      });
  }
  nodes.push(...tree.srv.map(srvNode));
  if (tree.absentSrv.length > 0) nodes.push(note("srv:absent", `No SRV records at ${tree.absentSrv.join(", ")}`));
  if (host) nodes.push(host);
  return nodes;
}
