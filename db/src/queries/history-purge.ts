import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";
import { dnsSnapshots, findings, HISTORY_TABLES, rollups, stateSpans, vantageStates } from "../schema/history";
import { historyPurges } from "../schema/history-shards";
import { monitors } from "../schema/monitors";
import { organisations } from "../schema/organisations";
import { runStatements } from "./batching";
import { changesOf, type RetentionOptions } from "./retention";
import { keyColumnsOf } from "./shard-move";

/** Monitors whose history one purge step deletes together (well under D1's 100 bound parameters). */
const MONITORS_PER_PURGE = 50;

/**
 * Deletes the organisation from the control database, where every table cascades from it
 * (members, invitations, monitors and what hangs off them, channels, outbox, tokens, agents,
 * incidents, mutes, status pages, the audit log, the shard directory row), and queues its
 * monitors' history on `shards` (the shard, and the other one while it moves) for the
 * maintenance tick. One D1 batch: both or neither.
 */
export async function deleteOrganisation(
  control: Db,
  organisationId: string,
  shards: readonly string[],
  now: number,
): Promise<void> {
  const purges = queuePurges(control, shards, now, eq(monitors.organisationId, organisationId));
  // The queue is filled first: the delete cascades the monitors away.
  await runStatements(control, [...purges, control.delete(organisations).where(eq(organisations.id, organisationId))]);
}

/**
 * Deletes the organisation's monitor and queues its history on `shards` for the maintenance
 * tick, in one D1 batch: a monitor audited every minute from 9 regions for 400 days has more
 * history than one request should delete. False when the organisation has no such monitor.
 */
export async function deleteMonitorLater(
  control: Db,
  organisationId: string,
  monitorId: string,
  shards: readonly string[],
  now: number,
): Promise<boolean> {
  const scope = and(eq(monitors.id, monitorId), eq(monitors.organisationId, organisationId));
  const remove = control.delete(monitors).where(scope).returning({ id: monitors.id });
  const [first, ...rest] = queuePurges(control, shards, now, scope);
  const results = first ? await control.batch([first, ...rest, remove]) : [await remove];
  return (results.at(-1) as unknown[]).length > 0;
}

/** INSERTs queueing the history of the monitors `where` selects, on each of `shards`. */
function queuePurges(control: Db, shards: readonly string[], now: number, where: SQL | undefined) {
  return [...new Set(shards)].map((shard) =>
    control
      .insert(historyPurges)
      .select(
        control
          .select({
            monitorId: monitors.id,
            shard: sql<string>`${shard}`.as("shard"),
            requestedAt: sql<number>`${now}`.as("requested_at"),
          })
          .from(monitors)
          .where(where),
      )
      .onConflictDoNothing(),
  );
}

/** History rows still queued for deletion on `shard`. */
export async function pendingPurges(control: Db, shard: string): Promise<number> {
  const [row] = await control
    .select({ n: sql<number>`count(*)` })
    .from(historyPurges)
    .where(eq(historyPurges.shard, shard));
  return row?.n ?? 0;
}

/**
 * One bounded step of deleting queued history on `shard`: up to MONITORS_PER_PURGE monitors,
 * every history table, `chunkRows` rows per DELETE and at most `maxChunks` DELETEs. Monitors
 * whose history is all gone leave the queue; the rest continue next tick. Returns rows deleted.
 */
export async function purgeHistoryStep(
  control: Db,
  shardDb: Db,
  shard: string,
  options: RetentionOptions = {},
): Promise<number> {
  const chunkRows = options.chunkRows ?? 2000;
  let budget = options.maxChunks ?? 10;
  const queued = await control
    .select({ monitorId: historyPurges.monitorId })
    .from(historyPurges)
    .where(eq(historyPurges.shard, shard))
    .limit(MONITORS_PER_PURGE);
  if (queued.length === 0) return 0;
  const ids = queued.map((q) => q.monitorId);
  const tables = [vantageStates, stateSpans, dnsSnapshots, findings, rollups];
  // HISTORY_TABLES is the list the shard move reads; this is the same list, typed.
  if (tables.length !== HISTORY_TABLES.length) throw new Error("purgeHistoryStep misses a history table");
  let deleted = 0;
  for (const table of tables) {
    for (;;) {
      if (budget === 0) return deleted;
      budget--;
      // By primary key: rollup is WITHOUT ROWID (migration 0007).
      const key = sql.join(
        (await keyColumnsOf(shardDb, getTableConfig(table).name)).map((c) => sql.identifier(c)),
        sql`, `,
      );
      const changes = changesOf(
        await shardDb.run(
          sql`DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${inArray(table.monitorId, ids)} LIMIT ${chunkRows})`,
        ),
      );
      deleted += changes;
      if (changes < chunkRows) break;
    }
  }
  await control.delete(historyPurges).where(and(eq(historyPurges.shard, shard), inArray(historyPurges.monitorId, ids)));
  return deleted;
}
