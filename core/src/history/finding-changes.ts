import type { Finding, Severity } from "../findings/types";

/** An open finding as the store knows it: enough to match it against a new report. */
export interface OpenFindingRef {
  findingId: string;
  subject: string;
  severity: Severity;
}

export interface FindingChanges<O extends OpenFindingRef> {
  /** Reported now, not open before: insert. */
  opened: Finding[];
  /** Open before, not reported now: set resolvedAt and lastSeenAt. */
  resolved: O[];
  /** Open before and reported now with another severity: resolve the old row, open a new one. */
  severityChanged: Array<{ open: O; finding: Finding }>;
}

export const findingKey = (id: string, subject: string) => `${id}\u0000${subject}`;

/**
 * The finding lifecycle as data, keyed by (id, subject): a finding still open with the same
 * severity produces no change at all, so steady runs write nothing here.
 * `findingChanges(openRows, report.findings)`.
 */
export function findingChanges<O extends OpenFindingRef>(
  open: readonly O[],
  reported: readonly Finding[],
): FindingChanges<O> {
  const openByKey = new Map(open.map((o) => [findingKey(o.findingId, o.subject), o]));
  const reportedByKey = new Map<string, Finding>();
  // Rules promise one finding per id and subject; if two slip through, the first (most severe after sortFindings) wins.
  for (const f of reported)
    if (!reportedByKey.has(findingKey(f.id, f.subject))) reportedByKey.set(findingKey(f.id, f.subject), f);
  const changes: FindingChanges<O> = { opened: [], resolved: [], severityChanged: [] };
  for (const [key, finding] of reportedByKey) {
    const was = openByKey.get(key);
    if (!was) changes.opened.push(finding);
    else if (was.severity !== finding.severity) changes.severityChanged.push({ open: was, finding });
  }
  for (const [key, o] of openByKey) if (!reportedByKey.has(key)) changes.resolved.push(o);
  return changes;
}
