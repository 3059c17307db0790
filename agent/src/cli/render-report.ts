import { type AuditReport, formatSipTarget, type Severity, TRANSPORT_LABEL } from "@sipwatch/core";
import { type Paint, pad } from "./paint";
import { renderPhones } from "./render-phones";
import { renderCertificates, renderProbes } from "./render-probes";
import { renderRegistrations } from "./render-registrations";
import { renderAuthoritative, renderResolutionTree } from "./render-tree";

const BRANCH_TEXT: Record<string, string> = {
  naptr: "NAPTR records decide the transport (RFC 3263 4.1)",
  srv: "no usable NAPTR, so clients pick among SRV records",
  address: "no NAPTR or SRV: clients use the domain's address and UDP 5060",
  numeric: "an IP address: no DNS involved",
  "explicit-port": "the URI names a port: clients skip NAPTR and SRV",
  "explicit-transport": "the URI names a transport: clients skip NAPTR",
};

function severityTag(severity: Severity, p: Paint): string {
  if (severity === "critical") return p.red(p.bold("CRITICAL"));
  if (severity === "warning") return p.yellow(p.bold("WARNING "));
  return p.cyan("INFO    ");
}

/** The whole report for a terminal: tree, candidates, client profiles, findings with fixes. */
export function renderReport(report: AuditReport, p: Paint): string {
  const { resolution } = report;
  const out: string[] = [];
  const queries = resolution.queries.length;
  out.push(
    `${p.bold(formatSipTarget(report.target))}  ${p.dim(`via ${resolution.resolver}, ${queries} ${queries === 1 ? "query" : "queries"}, ${Math.round(resolution.durationMs)} ms`)}`,
    `${BRANCH_TEXT[resolution.branch] ?? resolution.branch}`,
    "",
    p.bold("DNS"),
    ...renderResolutionTree(resolution, p).map((l) => `  ${l}`),
    "",
    p.bold("Targets an RFC 3263 client tries, in order"),
  );
  if (resolution.candidates.length === 0) out.push(`  ${p.red("none: no record leads to an address")}`);
  const hostWidth = Math.max(4, ...resolution.candidates.map((c) => c.host.length));
  resolution.candidates.forEach((c, i) => {
    out.push(
      `  ${pad(String(i + 1), 3)}${pad(TRANSPORT_LABEL[c.transport], 9)}${pad(c.host, hostWidth + 2)}${pad(c.address, 26)}${c.port}`,
    );
  });
  if (report.probes?.length) {
    out.push("", ...renderProbes(report.probes, p));
    const certificates = renderCertificates(report.probes, new Date(report.resolution.startedAt), p);
    if (certificates.length) out.push("", ...certificates);
    const registrations = renderRegistrations(report.probes, p);
    if (registrations.length) out.push("", ...registrations);
  }
  if (report.authoritative) out.push("", ...renderAuthoritative(report.authoritative, p));
  out.push("", ...renderPhones(report.profiles, report.probes !== undefined, p));
  out.push("");
  const counts = (["critical", "warning", "info"] as const)
    .map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s === "warning" && n > 1 ? "warnings" : s}`);
  out.push(p.bold(`Findings${counts.length ? ` (${counts.join(", ")})` : ""}`));
  if (report.findings.length === 0) out.push(`  ${p.green("No problems found.")}`);
  for (const f of report.findings) {
    out.push(`  ${severityTag(f.severity, p)} ${f.title}  ${p.dim(f.id)}`);
    out.push(...wrap(f.detail, FINDING_INDENT));
    out.push(...wrap(`${p.bold("Fix:")} ${f.fix}`, FINDING_INDENT));
  }
  for (const alt of report.alternates) out.push(p.dim(`Compared with ${alt.resolver}: ${alt.queries.length} queries.`));
  return `${out.join("\n")}\n`;
}

const FINDING_INDENT = "           ";
const WIDTH = 100;

/** Word-wraps prose under a finding's title so it reads in an 80-120 column terminal. */
function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}
