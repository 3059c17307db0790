import { lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { stateSpans } from "../schema/history";

export interface RetentionOptions {
  /** Rows per DELETE: small enough that one statement stays well inside D1's per-query time. */
  chunkRows?: number;
  /** Statements per call: the rest waits for the next tick. */
  maxChunks?: number;
}

export const changesOf = (result: unknown) => {
  // D1 reports `meta.changes`; other SQLite drivers a top-level `changes`.
  const r = result as { meta?: { changes?: number }; changes?: number } | undefined;
  return Number(r?.meta?.changes ?? r?.changes ?? 0);
};

/**
 * Deletes spans that ended before `cutoff`, oldest first (span ids grow with time), in bounded
 * chunks so one tick never holds the database for long. Open spans stay whatever their age: they
 * are the current state. Returns rows deleted; a full last chunk means more remain.
 */
export async function deleteExpiredSpans(db: Db, cutoff: number, options: RetentionOptions = {}): Promise<number> {
  const chunkRows = options.chunkRows ?? 2000;
  const maxChunks = options.maxChunks ?? 25;
  let deleted = 0;
  for (let i = 0; i < maxChunks; i++) {
    const changes = changesOf(
      await db.run(
        sql`DELETE FROM state_span WHERE id IN (SELECT id FROM state_span WHERE ${lt(stateSpans.lastRunAt, cutoff)} ORDER BY id LIMIT ${chunkRows})`,
      ),
    );
    deleted += changes;
    if (changes < chunkRows) break;
  }
  return deleted;
}
