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

/**
 * Audit runs stored for these monitors in one database: a span holds its runs once closed, the
 * state row counts those of the open span. Each audit stored is one run, so this counts audits.
 */
export async function runsIn(db: D1Database, monitorIds: readonly string[]): Promise<number> {
  const row = await db
    .prepare(
      `SELECT coalesce(sum(coalesce(s.runs, v.span_runs)), 0) AS n FROM state_span s LEFT JOIN vantage_state v ON v.span_id = s.id AND v.monitor_id = s.monitor_id AND v.vantage_id = s.vantage_id WHERE s.monitor_id IN (${monitorIds.map(() => "?").join(", ")})`,
    )
    .bind(...monitorIds)
    .first<{ n: number }>();
  return row?.n ?? 0;
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
