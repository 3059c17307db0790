import { toHex } from "../dns/bytes";
import type { DnsRecord } from "../dns/types";
import { formatRecord } from "../findings/record-text";
import { allLookups } from "../findings/rules/resolution-facts";
import type { SipResolution } from "../sip/types";
import type { RecordSet } from "./types";

/**
 * The resolution as the history compares it: one set per question (NAPTR, each SRV owner, each
 * host's A and AAAA), RDATA in presentation format and sorted, TTLs left out because resolvers
 * count them down between runs. Sorted by name and type, so equal zones give equal arrays.
 */
export function recordSetsOf(resolution: SipResolution): RecordSet[] {
  return allLookups(resolution)
    .map((lookup) => ({
      name: lookup.question.name.toLowerCase(),
      type: lookup.question.type,
      data: [...lookup.cnames, ...lookup.records].map((r) => rdataText(r, lookup.question.name)).sort(),
      status: lookup.status,
    }))
    .sort(compareSets);
}

/** "10 60 5061 sip1.example.com"; a record owned by another name (behind a CNAME) keeps its owner. */
function rdataText(record: DnsRecord, question: string): string {
  const text = formatRecord(record);
  const prefix = `${record.name} ${record.type} `;
  return record.name.toLowerCase() === question.toLowerCase() && text.startsWith(prefix)
    ? text.slice(prefix.length)
    : text;
}

export const recordSetKey = (set: Pick<RecordSet, "name" | "type">) => `${set.name} ${set.type}`;

function compareSets(a: RecordSet, b: RecordSet): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0;
}

/** The canonical text the hash covers: one line per set, so a change anywhere changes the hash. */
export function canonicalRecordSets(sets: readonly RecordSet[]): string {
  return [...sets]
    .sort(compareSets)
    .map((s) => JSON.stringify([s.name, s.type, s.status, [...s.data].sort()]))
    .join("\n");
}

/** SHA-256 (hex) of the canonical record sets; equal hashes mean DNS did not change. */
export async function recordSetsHash(sets: readonly RecordSet[]): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalRecordSets(sets));
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

export interface RecordSetChange {
  name: string;
  type: string;
  before: RecordSet;
  after: RecordSet;
  /** RDATA present only after / only before. */
  added: string[];
  removed: string[];
}

export interface RecordSetsDiff {
  added: RecordSet[];
  removed: RecordSet[];
  changed: RecordSetChange[];
}

/** What changed between two snapshots: questions asked only now, no longer asked, and answers that moved. */
export function diffRecordSets(before: readonly RecordSet[], after: readonly RecordSet[]): RecordSetsDiff {
  const old = new Map(before.map((s) => [recordSetKey(s), s]));
  const now = new Map(after.map((s) => [recordSetKey(s), s]));
  const diff: RecordSetsDiff = { added: [], removed: [], changed: [] };
  for (const [key, set] of now) {
    const was = old.get(key);
    if (!was) {
      diff.added.push(set);
      continue;
    }
    const added = set.data.filter((d) => !was.data.includes(d));
    const removed = was.data.filter((d) => !set.data.includes(d));
    if (added.length > 0 || removed.length > 0 || was.status !== set.status) {
      diff.changed.push({ name: set.name, type: set.type, before: was, after: set, added, removed });
    }
  }
  for (const [key, set] of old) if (!now.has(key)) diff.removed.push(set);
  return diff;
}
