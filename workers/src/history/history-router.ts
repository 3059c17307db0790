import {
  type HistoryShardRow,
  historyShardsOf,
  NUMBERED_HISTORY_TABLES,
  placeOrganisation,
  reserveShardIdRange,
} from "@sipwatch/db";
import * as schema from "@sipwatch/db/schema";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import type { Db } from "../services";
import { HistoryUnavailableError } from "./history-unavailable";
import { shardDatabase } from "./shard-database";

/**
 * Shards whose id range this Worker instance has reserved (shard-ids.ts): once per instance and
 * shard, not per request. Per isolate on purpose: it only remembers that an idempotent write ran.
 */
const reserved = new Map<string, Promise<void>>();

export interface HistoryAccess {
  /** Writes are refused while the organisation moves between shards (the queue retries them). */
  write?: boolean;
}

/**
 * Which D1 database holds an organisation's history: one directory lookup per organisation per
 * request or tick (cached here), placing organisations that have no shard yet on the configured
 * shards. Every history read and write goes through `historyDbOf`.
 */
export class HistoryRouter {
  private readonly rows = new Map<string, HistoryShardRow>();
  private readonly databases = new Map<string, Db>();

  constructor(
    private readonly env: Env,
    private readonly control: Db,
    private readonly placement: readonly string[],
  ) {}

  /** The directory rows of these organisations, placing the ones not placed yet: one read for all. */
  async shardsOf(organisationIds: readonly string[]): Promise<Map<string, HistoryShardRow>> {
    const missing = [...new Set(organisationIds)].filter((id) => !this.rows.has(id));
    if (missing.length > 0) {
      for (const [id, row] of await historyShardsOf(this.control, missing)) this.rows.set(id, row);
      for (const id of missing.filter((m) => !this.rows.has(m))) {
        this.rows.set(id, await placeOrganisation(this.control, id, this.placement, Date.now()));
      }
    }
    return new Map(organisationIds.map((id) => [id, this.rowOf(id)]));
  }

  async historyDbOf(organisationId: string, access: HistoryAccess = {}): Promise<Db> {
    const row = (await this.shardsOf([organisationId])).get(organisationId) ?? this.rowOf(organisationId);
    if (access.write && row.targetShard) throw new HistoryUnavailableError(row.shard, organisationId, "moving");
    const db = this.database(row.shard);
    if (access.write) await this.reserveIds(row.shard, db);
    return db;
  }

  /** The database behind a shard binding name ("DB", "HISTORY_1", ...). */
  database(shard: string): Db {
    const known = this.databases.get(shard);
    if (known) return known;
    const binding = (this.env as unknown as Record<string, unknown>)[shard] as D1Database | undefined;
    if (!binding || typeof binding.prepare !== "function") throw new HistoryUnavailableError(shard, null, "unbound");
    const db = drizzle(shard === "DB" ? binding : shardDatabase(binding, shard), { schema }) as Db;
    this.databases.set(shard, db);
    return db;
  }

  private async reserveIds(shard: string, db: Db): Promise<void> {
    let done = reserved.get(shard);
    if (!done) {
      done = reserveShardIdRange(db, shard, NUMBERED_HISTORY_TABLES);
      reserved.set(shard, done);
      // A failure is retried by the next write rather than remembered.
      done.catch(() => reserved.delete(shard));
    }
    await done;
  }

  private rowOf(organisationId: string): HistoryShardRow {
    const row = this.rows.get(organisationId);
    if (!row) throw new Error(`Organisation ${organisationId} has no history shard`);
    return row;
  }
}
