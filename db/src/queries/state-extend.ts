import type { RollupAccumulator, RunSummary } from "@sipwatch/core";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { vantageStates } from "../schema/history";
import type { Statement } from "./batching";

/** A run that only extends its pair's open span: the state row's columns that move. */
export interface StateExtension {
  monitorId: string;
  vantageId: string;
  spanRuns: number;
  lastRunAt: number;
  durationMs: number;
  summary: RunSummary;
  hourStart: number;
  hourAcc: RollupAccumulator | null;
  dayStart: number;
  dayAcc: RollupAccumulator | null;
}

/**
 * Bytes of JSON bound to one statement. D1 documents 100 KB per SQL statement and 100 bound
 * parameters; whether a bound value counts toward the 100 KB is not documented, so one
 * statement stays under it either way. At ~2.3 KB a pair (the summary and two accumulators)
 * that is ~40 pairs a statement: 9,000 unchanged pairs are ~230 statements instead of 1,800
 * five-row upserts.
 */
export const EXTEND_JSON_BYTES = 90_000;

/**
 * The unchanged runs of a tick as few UPDATEs: each binds ONE JSON array of rows, which SQLite
 * joins to the state table through its primary key (json_each, then a seek per row). The
 * summary and accumulators travel as JSON strings inside it, so the column gets exactly the
 * text drizzle would write. Only the columns that move are set; outcome, span, snapshot and
 * organisation are the row's already. A row already at or past the run (a redelivery) is left
 * alone, as the upsert's WHERE does. D1 still bills rows_written per row the UPDATE touches.
 */
export function extendStateStatements(db: Db, rows: readonly StateExtension[]): Statement[] {
  const statements: Statement[] = [];
  let group: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (group.length === 0) return;
    statements.push(extendStatement(db, `[${group.join(",")}]`));
    group = [];
    bytes = 0;
  };
  for (const r of rows) {
    const element = JSON.stringify([
      r.monitorId,
      r.vantageId,
      r.lastRunAt,
      r.durationMs,
      r.spanRuns,
      JSON.stringify(r.summary),
      r.hourStart,
      r.hourAcc ? JSON.stringify(r.hourAcc) : null,
      r.dayStart,
      r.dayAcc ? JSON.stringify(r.dayAcc) : null,
    ]);
    if (bytes + element.length + 1 > EXTEND_JSON_BYTES) flush();
    group.push(element);
    bytes += element.length + 1;
  }
  flush();
  return statements;
}

// `j.value ->> N` is the row's Nth element as an SQL value (SQLite 3.38 JSON operators). A query
// builder, not db.run(sql): drizzle 0.45's D1 batch() cannot bind a raw statement's parameters.
const at = (n: number) => sql.raw(`j.value ->> ${n}`);
const extendStatement = (db: Db, json: string) =>
  db
    .update(vantageStates)
    .set({
      lastRunAt: at(2),
      durationMs: at(3),
      spanRuns: at(4),
      summary: at(5),
      hourStart: at(6),
      hourAcc: at(7),
      dayStart: at(8),
      dayAcc: at(9),
    })
    .from(sql`json_each(${json}) AS j`)
    .where(
      and(eq(vantageStates.monitorId, at(0)), eq(vantageStates.vantageId, at(1)), lt(vantageStates.lastRunAt, at(2))),
    );
