import { count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { historyShards } from "../schema/history-shards";
import { chunk } from "./batching";

/** The shard binding every organisation that existed before sharding keeps (the control database). */
export const LEGACY_SHARD = "DB";

export type HistoryShardRow = typeof historyShards.$inferSelect;

// One bound parameter per organisation: stay under D1's 100.
const ORGS_PER_READ = 90;

/** The directory rows of these organisations (absent: not placed yet). */
export async function historyShardsOf(
  db: Db,
  organisationIds: readonly string[],
): Promise<Map<string, HistoryShardRow>> {
  const pages = await Promise.all(
    chunk([...new Set(organisationIds)], ORGS_PER_READ).map((ids) =>
      db.select().from(historyShards).where(inArray(historyShards.organisationId, ids)),
    ),
  );
  return new Map(pages.flat().map((row) => [row.organisationId, row]));
}

/**
 * The shard a new organisation goes to: the configured shard holding the fewest organisations,
 * ties to the one listed first. Fewest-first rather than a hash because the directory pins
 * every organisation anyway (a hash buys no lookup), and a shard added later then takes the new
 * organisations until it has caught up, instead of a 1/N share of them forever.
 */
export async function leastLoadedShard(db: Db, candidates: readonly string[]): Promise<string> {
  const first = candidates[0];
  if (first === undefined) throw new Error("No history shard to place an organisation on (HISTORY_SHARDS is empty)");
  const rows = await db
    .select({ shard: historyShards.shard, organisations: count() })
    .from(historyShards)
    .where(inArray(historyShards.shard, [...candidates]))
    .groupBy(historyShards.shard);
  const load = new Map(rows.map((r) => [r.shard, r.organisations]));
  let best = first;
  for (const shard of candidates) if ((load.get(shard) ?? 0) < (load.get(best) ?? 0)) best = shard;
  return best;
}

/**
 * Pins the organisation to a shard unless it already has one, and returns its row. Two requests
 * placing the same organisation at once both read back the one row that won.
 */
export async function placeOrganisation(
  db: Db,
  organisationId: string,
  candidates: readonly string[],
  now: number,
): Promise<HistoryShardRow> {
  const shard = await leastLoadedShard(db, candidates);
  await db.insert(historyShards).values({ organisationId, shard, placedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(historyShards).where(eq(historyShards.organisationId, organisationId));
  if (!row) throw new Error(`Organisation ${organisationId} does not exist, so it has no history shard`);
  return row;
}

/** How many organisations each shard holds, for operators (`npm run` scripts, DEPLOY.md). */
export async function shardLoads(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ shard: historyShards.shard, organisations: sql<number>`count(*)` })
    .from(historyShards)
    .groupBy(historyShards.shard);
  return Object.fromEntries(rows.map((r) => [r.shard, r.organisations]));
}

/**
 * The shards that may hold the organisation's history: its shard, the target while it moves,
 * and the shard a finished move is still draining. Empty when it was never placed (no history).
 */
export async function shardsHoldingHistory(db: Db, organisationId: string): Promise<string[]> {
  const row = (await historyShardsOf(db, [organisationId])).get(organisationId);
  return row ? [row.shard, row.targetShard, row.drainShard].filter((s): s is string => Boolean(s)) : [];
}
