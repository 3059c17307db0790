import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { HISTORY_TABLES } from "../schema/history";

/** The history tables with AUTOINCREMENT ids: only these have a sqlite_sequence counter to raise. */
export const NUMBERED_HISTORY_TABLES: readonly string[] = HISTORY_TABLES.filter((t) => t.numbered).map((t) => t.name);

/** Ids each shard numbers its rows from: 2^40 per shard keeps 8,000 shards inside 2^53 (JS numbers). */
export const SHARD_ID_SPAN = 2 ** 40;

/**
 * Where a shard's AUTOINCREMENT ids start: "DB" (the legacy shard) at 1 as always, HISTORY_<n>
 * at n x 2^40, any other name at a slot from its hash. Distinct ranges let a shard move copy rows
 * with their ids (snapshot ids are referenced by runs, run ids by findings) without taking the
 * id of another organisation's row in the target; the move still checks, and stops if one is.
 */
export function shardIdBase(shard: string): number {
  if (shard === "DB") return 0;
  const numbered = /^HISTORY_(\d+)$/.exec(shard);
  if (numbered) return Number(numbered[1]) * SHARD_ID_SPAN;
  let hash = 0;
  for (const ch of shard) hash = (hash * 31 + ch.charCodeAt(0)) % 4096;
  return (4096 + hash) * SHARD_ID_SPAN;
}

/**
 * Raises the shard's AUTOINCREMENT counters of these tables to its id base (never lowers one).
 * Idempotent: the history router runs it the first time a Worker instance writes to a shard.
 */
export async function reserveShardIdRange(db: Db, shard: string, tables: readonly string[]): Promise<void> {
  const base = shardIdBase(shard);
  if (base === 0) return;
  // sqlite_sequence has no key to upsert on: raise an existing counter, else add one.
  for (const table of tables) {
    await db.run(sql`UPDATE sqlite_sequence SET seq = ${base} WHERE name = ${table} AND seq < ${base}`);
    await db.run(
      sql`INSERT INTO sqlite_sequence (name, seq) SELECT ${table}, ${base} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ${table})`,
    );
  }
}
