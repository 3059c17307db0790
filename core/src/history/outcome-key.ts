import type { Finding } from "../findings/types";
import type { RunSummary } from "./types";

/** The parts of a run that decide whether it starts a new state span (round-trip times are not among them). */
export interface OutcomeInput {
  summary: RunSummary;
  /** The findings this run reported: after it, exactly the open ones of its vantage. */
  findings: ReadonlyArray<Pick<Finding, "id" | "subject" | "severity">>;
  /** The DNS record sets' hash; null when the audit produced no report. */
  recordSetsHash: string | null;
}

/**
 * The canonical text of a run's outcome: status, each transport's reachability, where each
 * client profile ends up, the set of open findings and the DNS hash. Two runs with equal keys
 * look the same to an operator, so the second only extends the span of the first. Order of
 * transports, profiles and findings does not matter. `outcomeKey({ summary, findings, recordSetsHash })`.
 */
export function outcomeKey({ summary, findings, recordSetsHash }: OutcomeInput): string {
  const transports = Object.entries(summary.transports)
    .flatMap(([t, s]) => (s ? [`${t}:${s.ok ? 1 : 0}`] : []))
    .sort();
  const profiles = summary.profiles
    .map((p) => `${p.profile}>${p.final ?? "-"}${p.delayed ? "~" : ""}${p.changedTransport ? "^" : ""}`)
    .sort();
  // A run without a report says nothing about findings (they stay open), so it leaves them out.
  const open =
    summary.status === "error" ? [] : [...new Set(findings.map((f) => `${f.id}|${f.subject}|${f.severity}`))].sort();
  return JSON.stringify([summary.status, transports, profiles, open, recordSetsHash]);
}

/**
 * A short, stable hash of an outcome key (cyrb53: 53 bits, hex). Compared only between
 * consecutive runs of one monitor x vantage, where a collision is vanishingly unlikely, so a
 * state row stores 14 characters instead of the key.
 */
export function outcomeHash(key: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
