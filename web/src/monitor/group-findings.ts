import type { Finding } from "./report-types";

export interface GroupedFinding {
  finding: Finding;
  /** Every vantage that reports it ("cross" for comparisons between vantages). */
  vantageIds: string[];
  /** The earliest opening among them: how long the problem has stood anywhere. */
  openedAt: number;
}

const ORDER = { critical: 0, warning: 1, info: 2 } as const;

/**
 * The same finding seen from several vantages (the expired certificate from weur and from
 * enam) is one problem with one fix: shown once, naming where it was seen. Worst first, then oldest.
 */
export function groupFindings(findings: readonly Finding[]): GroupedFinding[] {
  const groups = new Map<string, GroupedFinding>();
  for (const f of findings) {
    const key = `${f.findingId}\u0000${f.subject}`;
    const group = groups.get(key);
    if (group) {
      group.vantageIds.push(f.vantageId);
      group.openedAt = Math.min(group.openedAt, f.openedAt);
    } else {
      groups.set(key, { finding: f, vantageIds: [f.vantageId], openedAt: f.openedAt });
    }
  }
  return [...groups.values()].sort(
    (a, b) => ORDER[a.finding.severity] - ORDER[b.finding.severity] || a.openedAt - b.openedAt,
  );
}
