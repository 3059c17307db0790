import {
  type AuthoritativeSurvey,
  type DiscoveryProblem,
  discoveryTree,
  type HostBranch,
  type ProblemTone,
  type ServerAgreement,
  type SipResolution,
  type SrvBranch,
} from "@sipwatch/core";
import type { Paint } from "./paint";

/**
 * The discovery tree and the authoritative comparison as `sipwatch check` prints them. Core
 * judges (core/src/discovery, audit/authoritative-comparison.ts); this file lays out lines
 * and colours each problem by the tone core gave it.
 */

function problemText(problems: DiscoveryProblem[], p: Paint): string {
  const colour: Record<ProblemTone, (t: string) => string> = { error: p.red, warning: p.yellow, note: p.dim };
  return problems.map((x) => colour[x.tone](x.text)).join("; ");
}

function hostLine(host: HostBranch, p: Paint): string {
  const parts: string[] = [];
  if (host.alias) parts.push(`CNAME ${host.alias}`);
  for (const a of host.addresses) parts.push(`${a.type} ${a.address}`);
  if (host.problems.length > 0) parts.push(problemText(host.problems, p));
  else if (host.addresses.length === 0) parts.push(p.dim("no address"));
  return parts.join("  ");
}

function srvLines(node: SrvBranch, indent: string, p: Paint): string[] {
  const ttl = node.ttl !== null ? p.dim(`  ttl ${node.ttl}`) : "";
  if (node.targets.length === 0) return [`${indent}SRV ${node.owner}: ${problemText(node.problems, p)}${ttl}`];
  const lines = [`${indent}SRV ${node.owner}${ttl}`];
  for (const t of node.targets) {
    const r = t.record;
    const share = t.host ? p.dim(`  ${Math.round(t.share * 100)}%`) : "";
    lines.push(`${indent}  ${r.priority} ${r.weight} ${r.port} ${r.target}${share}`);
    lines.push(t.host ? `${indent}    ${hostLine(t.host, p)}` : `${indent}    ${p.dim("(service not offered)")}`);
  }
  return lines;
}

/** The resolution tree as an operator reads it: NAPTR -> SRV -> addresses, then the rest. */
export function renderResolutionTree(resolution: SipResolution, p: Paint): string[] {
  const tree = discoveryTree(resolution);
  const lines: string[] = [];
  if (tree.naptr) {
    const ttl = tree.naptr.ttl !== null ? p.dim(`  ttl ${tree.naptr.ttl}`) : "";
    const empty = tree.naptr.records.length === 0 ? `: ${problemText(tree.naptr.problems, p)}` : "";
    lines.push(`NAPTR ${tree.target}${empty}${ttl}`);
    for (const n of tree.naptr.records) {
      const r = n.record;
      const replacement = r.regexp ? `"${r.regexp}"` : r.replacement;
      const note = n.problems.length ? `  ${problemText(n.problems, p)}` : "";
      lines.push(`  ${r.order} ${r.preference} "${r.flags}" ${r.services} -> ${replacement}${note}`);
      if (n.next?.kind === "srv") lines.push(...srvLines(n.next, "    ", p));
      else if (n.next) lines.push(`    ${hostLine(n.next, p)}`);
    }
  }
  if (tree.srv.length > 0) {
    lines.push(tree.naptr && tree.naptr.records.length > 0 ? "SRV not listed in NAPTR" : "SRV");
    for (const node of tree.srv) lines.push(...srvLines(node, "  ", p));
  }
  if (tree.absentSrv.length > 0)
    lines.push(p.dim(`No SRV at ${tree.absentSrv.map((owner) => owner.split(".").slice(0, 2).join(".")).join(", ")}`));
  if (tree.skipped) lines.push(p.dim(tree.skipped));
  if (tree.host) lines.push(`${tree.skipped ? "Target" : "Domain"} ${tree.target}  ${hostLine(tree.host, p)}`);
  return lines;
}

/** One line per name server asked directly, as core's comparison judged it. */
export function renderAuthoritative(survey: AuthoritativeSurvey, p: Paint): string[] {
  const lines = [p.bold(`Authoritative servers of ${survey.zone}`)];
  if (survey.error) return [...lines, `  ${p.yellow(`not compared: ${survey.error}`)}`];
  const { comparison } = survey;
  for (const server of comparison.servers) {
    const differing = server.differingQuestions.length;
    const state: Record<ServerAgreement, string> = {
      agrees: p.green("same answers"),
      differs: p.yellow(
        `${differing === 1 ? "1 answer differs" : `${differing} answers differ`} from ${comparison.reference?.name}`,
      ),
      lame: p.red("does not answer for the zone"),
      silent: p.red("no answer"),
    };
    lines.push(
      `  ${server.server.name} ${p.dim(server.server.address)}  serial ${server.serial ?? "?"}  ${state[server.agreement]}`,
    );
  }
  return lines;
}
