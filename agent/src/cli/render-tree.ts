import type { AuthoritativeSurvey, HostNode, LookupNode, SipResolution, SrvNode } from "@sipwatch/core";
import type { Paint } from "./paint";

/** How a lookup without records reads in the tree. */
function emptyLookup(node: LookupNode<unknown>, p: Paint): string {
  switch (node.status) {
    case "nxdomain":
      return p.red("NXDOMAIN (name does not exist)");
    case "nodata":
      return p.yellow("no records");
    case "servfail":
      return p.red("SERVFAIL");
    case "refused":
      return p.red("REFUSED");
    case "error":
      return p.red(`error: ${node.error ?? "no answer"}`);
    default:
      return "";
  }
}

function hostLine(host: HostNode | undefined, p: Paint): string {
  if (!host) return p.red("not looked up");
  const parts: string[] = [];
  const via = [...host.a.cnames, ...host.aaaa.cnames][0];
  if (via) parts.push(p.yellow(`CNAME ${via.target}`));
  for (const r of host.a.records) parts.push(`A ${r.address}`);
  for (const r of host.aaaa.records) parts.push(`AAAA ${r.address}`);
  if (host.a.records.length === 0 && host.aaaa.records.length === 0) {
    parts.push(`A: ${emptyLookup(host.a, p)}`, `AAAA: ${emptyLookup(host.aaaa, p)}`);
  }
  return parts.join("  ");
}

function srvLines(node: SrvNode | undefined, resolution: SipResolution, indent: string, p: Paint): string[] {
  if (!node) return [`${indent}${p.red("not looked up")}`];
  if (node.targets.length === 0) return [`${indent}SRV ${node.owner}: ${emptyLookup(node.lookup, p)}`];
  const lines = [`${indent}SRV ${node.owner}${node.lookup.ttl !== undefined ? p.dim(`  ttl ${node.lookup.ttl}`) : ""}`];
  for (const t of node.targets) {
    const r = t.record;
    const share = t.host ? p.dim(`  ${Math.round(t.share * 100)}%`) : "";
    lines.push(`${indent}  ${r.priority} ${r.weight} ${r.port} ${r.target}${share}`);
    lines.push(
      t.host
        ? `${indent}    ${hostLine(resolution.hosts[t.host], p)}`
        : `${indent}    ${p.dim("(service not offered)")}`,
    );
  }
  return lines;
}

/** The resolution tree as an operator reads it: NAPTR -> SRV -> addresses, then the rest. */
export function renderResolutionTree(resolution: SipResolution, p: Paint): string[] {
  const lines: string[] = [];
  const domain = resolution.target.host;
  const shown = new Set<string>();
  if (resolution.naptr) {
    const ttl = resolution.naptr.ttl !== undefined ? p.dim(`  ttl ${resolution.naptr.ttl}`) : "";
    const empty = resolution.naptrRecords.length === 0 ? `: ${emptyLookup(resolution.naptr, p)}` : "";
    lines.push(`NAPTR ${domain}${empty}${ttl}`);
    for (const n of resolution.naptrRecords) {
      const r = n.record;
      const replacement = r.regexp ? `"${r.regexp}"` : r.replacement;
      const note = n.problems.length
        ? p.red(`  ignored: ${n.problems.join("; ")}`)
        : n.skipped
          ? p.dim(`  skipped: ${n.skipped}`)
          : "";
      lines.push(`  ${r.order} ${r.preference} "${r.flags}" ${r.services} -> ${replacement}${note}`);
      if (n.srvOwner) {
        shown.add(n.srvOwner);
        lines.push(...srvLines(resolution.srv[n.srvOwner], resolution, "    ", p));
      } else if (n.host) {
        lines.push(`    ${hostLine(resolution.hosts[n.host], p)}`);
      }
    }
  }
  const others = Object.values(resolution.srv)
    .filter((s) => !shown.has(s.owner))
    .sort((a, b) => a.owner.localeCompare(b.owner));
  const present = others.filter(
    (s) => s.lookup.records.length > 0 || s.lookup.status === "servfail" || s.lookup.status === "error",
  );
  if (present.length > 0) {
    lines.push(resolution.naptr && resolution.naptrRecords.length > 0 ? "SRV not listed in NAPTR" : "SRV");
    for (const node of present) lines.push(...srvLines(node, resolution, "  ", p));
  }
  const absent = others.filter((s) => !present.includes(s));
  if (absent.length > 0)
    lines.push(p.dim(`No SRV at ${absent.map((s) => s.owner.split(".").slice(0, 2).join(".")).join(", ")}`));
  if (resolution.hosts[domain]) lines.push(`Domain ${domain}  ${hostLine(resolution.hosts[domain], p)}`);
  if (resolution.branch === "numeric") lines.push(p.dim("nothing to look up: the target is an IP address"));
  return lines;
}

/** One line per name server asked directly: serial, and whether it agrees with the first. */
export function renderAuthoritative(survey: AuthoritativeSurvey, p: Paint): string[] {
  const lines = [p.bold(`Authoritative servers of ${survey.zone}`)];
  if (survey.error) return [...lines, `  ${p.yellow(`not compared: ${survey.error}`)}`];
  const reference = survey.views[0];
  for (const view of survey.views) {
    const failed = view.answers.filter((a) => a.error).length;
    const differing = reference
      ? // Index 0 is the SOA, shown as the serial.
        view.answers.filter((a, i) => i > 0 && a.records.join("\n") !== reference.answers[i]?.records.join("\n")).length
      : 0;
    const state =
      failed === view.answers.length
        ? p.red("no answer")
        : differing > 0
          ? p.yellow(
              `${differing === 1 ? "1 answer differs" : `${differing} answers differ`} from ${reference?.server.name}`,
            )
          : p.green("same answers");
    lines.push(`  ${view.server.name} ${p.dim(view.server.address)}  serial ${view.serial ?? "?"}  ${state}`);
  }
  return lines;
}
