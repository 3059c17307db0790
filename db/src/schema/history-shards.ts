import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";

/** Where a move of an organisation between shards stands (db/src/queries/shard-move.ts). */
export interface MoveCursor {
  /**
   * "wait": writes are refused from `since` on; copying starts once writes planned before then
   * have had time to land. "copy" into the target, then the flip, then "delete" from the source.
   */
  phase: "wait" | "copy" | "delete";
  since?: number;
  /** Index into HISTORY_TABLES. */
  table: number;
  /** The monitor whose rows are being copied or deleted (the organisation's monitors in id order). */
  monitorId: string;
  /** The last primary key done within that monitor's rows, as the table's key columns. */
  after: Array<string | number> | null;
}

/**
 * The history shard directory: which D1 binding holds each organisation's history (runs or
 * spans, snapshots, findings, rollups). "DB" is the control database, which doubles as the
 * legacy shard for organisations that existed before sharding. While `targetShard` is set the
 * organisation is moving: its history reads still come from `shard`, its writes are refused (and
 * retried by the queue) until the copy is done and `shard` flips to the target.
 */
export const historyShards = sqliteTable(
  "history_shard",
  {
    organisationId: text("organisation_id")
      .primaryKey()
      .references(() => organisations.id, { onDelete: "cascade" }),
    shard: text("shard").notNull(),
    targetShard: text("target_shard"),
    moveCursor: text("move_cursor", { mode: "json" }).$type<MoveCursor>(),
    placedAt: integer("placed_at").notNull(),
    /** Set when a move finishes (the source's rows are then deleted in chunks). */
    movedAt: integer("moved_at"),
    /** The shard the last move left: its rows of this organisation are deleted after the flip. */
    drainShard: text("drain_shard"),
  },
  (t) => [index("history_shard_shard_idx").on(t.shard)],
);

/**
 * History left on a shard by monitors that are gone from the control database with their
 * organisation. Shards hold no foreign key to monitors, and an organisation's history can be
 * millions of rows, more than one request may delete; the maintenance tick deletes them in
 * bounded chunks (db/src/queries/history-purge.ts) and then these rows.
 */
export const historyPurges = sqliteTable(
  "history_purge",
  {
    monitorId: text("monitor_id").notNull(),
    shard: text("shard").notNull(),
    requestedAt: integer("requested_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.shard, t.monitorId] })],
);
