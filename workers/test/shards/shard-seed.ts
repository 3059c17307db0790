import { env } from "cloudflare:workers";
import type { Env } from "../../src/env";
import { createServices, type Services } from "../../src/services";
import { insertOrganisation, labEnv } from "../pipeline/seed";

export const SHARDS = ["HISTORY_1", "HISTORY_2"] as const;

/** The lab env with new organisations placed on the two history shards and no queue (ticks run inline). */
export const shardEnv = (overrides: Partial<Env> = {}): Env => ({
  ...labEnv(),
  HISTORY_SHARDS: SHARDS.join(","),
  AUDIT_QUEUE: undefined,
  ...overrides,
});

export const shardServices = (overrides: Partial<Env> = {}): Services => createServices(shardEnv(overrides));

/** A new organisation, placed on a shard by the router as the Worker would on first use. */
export async function organisationOnShard(services: Services): Promise<{ id: string; shard: string }> {
  const id = await insertOrganisation(services);
  const row = (await services.history.shardsOf([id])).get(id);
  if (!row) throw new Error("not placed");
  return { id, shard: row.shard };
}

/**
 * Until the storage rework lands, today's history tables keep foreign keys to `organisation`
 * and `monitor`, and some history queries join them, so a shard needs copies of those control
 * rows to take and serve the organisation's history. Test scaffolding only: the rework removes
 * both, and then this copies rows nothing reads.
 */
export async function mirrorControlRows(organisationId: string): Promise<void> {
  const org = await env.DB.prepare("SELECT * FROM organisation WHERE id = ?").bind(organisationId).all();
  const mons = await env.DB.prepare("SELECT * FROM monitor WHERE organisation_id = ?").bind(organisationId).all();
  for (const shard of SHARDS) {
    const db = env[shard] as D1Database;
    for (const [table, rows] of [
      ["organisation", org.results],
      ["monitor", mons.results],
    ] as const) {
      for (const row of rows as Record<string, unknown>[]) {
        const columns = Object.keys(row);
        await db
          .prepare(
            `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
          )
          .bind(...columns.map((c) => row[c] ?? null))
          .run();
      }
    }
  }
}

/** Rows of a history table for these monitors, in one database. */
export async function rowsIn(
  db: D1Database,
  table: string,
  monitorIds: readonly string[],
): Promise<Record<string, unknown>[]> {
  const { results } = await db
    .prepare(`SELECT * FROM ${table} WHERE monitor_id IN (${monitorIds.map(() => "?").join(", ")}) ORDER BY 1, 2, 3`)
    .bind(...monitorIds)
    .all();
  return results as Record<string, unknown>[];
}

export const countIn = async (db: D1Database, table: string, monitorIds: readonly string[]) =>
  (await rowsIn(db, table, monitorIds)).length;

/** A D1 binding whose every query fails the way an unreachable database does. */
export function unreachableD1(): D1Database {
  const fail = () => Promise.reject(new Error("D1_ERROR: Network connection lost."));
  const statement: Record<string, unknown> = {};
  Object.assign(statement, { bind: () => statement, all: fail, run: fail, raw: fail, first: fail });
  return {
    prepare: () => statement,
    batch: fail,
    exec: fail,
    dump: fail,
    withSession: () => {
      throw new Error("unreachable");
    },
  } as unknown as D1Database;
}
