import type { SrvRecord } from "../dns/types";

export interface OrderedSrvTarget {
  record: SrvRecord;
  /** Chance this target is tried first among its priority (RFC 2782 weighted selection). */
  share: number;
}

/**
 * Orders SRV records the way RFC 2782 clients use them: lowest priority first; within a
 * priority, RFC 2782 picks at random in proportion to weight, so the report lists targets by
 * descending expected share (ties by name) to stay deterministic. A weight-0 record among
 * weighted ones gets "a very small chance" (RFC 2782), shown as share 0; if every weight is 0
 * the choice is uniform. "." targets are kept: they say "not offered here".
 */
export function srvTargetsByPriority(records: readonly SrvRecord[]): OrderedSrvTarget[] {
  const byPriority = new Map<number, SrvRecord[]>();
  for (const record of records) {
    const group = byPriority.get(record.priority) ?? [];
    group.push(record);
    byPriority.set(record.priority, group);
  }
  const ordered: OrderedSrvTarget[] = [];
  for (const priority of [...byPriority.keys()].sort((a, b) => a - b)) {
    const group = byPriority.get(priority) ?? [];
    const totalWeight = group.reduce((sum, r) => sum + r.weight, 0);
    const withShare = group.map((record) => ({
      record,
      share: totalWeight === 0 ? 1 / group.length : record.weight / totalWeight,
    }));
    withShare.sort(
      (a, b) => b.share - a.share || a.record.target.localeCompare(b.record.target) || a.record.port - b.record.port,
    );
    ordered.push(...withShare);
  }
  return ordered;
}

/** RFC 2782: a single "." target means the service is decidedly not available at this domain. */
export function isServiceRefused(records: readonly SrvRecord[]): boolean {
  return records.length === 1 && records[0]?.target === ".";
}
