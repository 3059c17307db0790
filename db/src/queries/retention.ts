import { lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { runs } from "../schema/history";

export interface RetentionOptions {
  /** Rows per DELETE: small enough that one statement stays well inside D1's per-query time. */
  chunkRows?: number;
  /** Statements per call: the rest waits for the next tick. */
  maxChunks?: number;
}

/**
 * Deletes runs that started before `cutoff`, oldest first, in bounded chunks so one tick never
 * holds the database for long. Rollups, snapshots and findings stay. Returns rows deleted; a
 * full last chunk means more remain.
 */
export async function deleteExpiredRuns(db: Db, cutoff: number, options: RetentionOptions = {}): Promise<number> {
  const chunkRows = options.chunkRows ?? 2000;
  const maxChunks = options.maxChunks ?? 25;
  let deleted = 0;
  for (let i = 0; i < maxChunks; i++) {
    // D1 reports `meta.changes`; other SQLite drivers a top-level `changes`.
    const result = (await db.run(
      sql`DELETE FROM run WHERE id IN (SELECT id FROM run WHERE ${lt(runs.startedAt, cutoff)} ORDER BY started_at LIMIT ${chunkRows})`,
    )) as { meta?: { changes?: number }; changes?: number } | undefined;
    const changes = Number(result?.meta?.changes ?? result?.changes ?? 0);
    deleted += changes;
    if (changes < chunkRows) break;
  }
  return deleted;
}
