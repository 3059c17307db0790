import { OVERALL, type RollupAccumulator } from "@sipwatch/core";
import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { rollups } from "../schema/history";
import { chunk, rowsPerStatement, type Statement } from "./batching";
import type { BucketWrite } from "./run-plan";

/** An hour that closed for one monitor x vantage, and its day so far. */
export interface ClosedHour {
  monitorId: string;
  vantageId: string;
  hour: BucketWrite;
  day: BucketWrite;
}

const ROLLUP_ROWS = rowsPerStatement(7);

const row = (monitorId: string, vantageId: string, granularity: "hour" | "day", { bucketStart, acc }: BucketWrite) => ({
  monitorId,
  vantageId,
  granularity,
  bucketStart,
  runs: acc[OVERALL]?.runs ?? 0,
  successes: acc[OVERALL]?.ok ?? 0,
  transports: acc as RollupAccumulator,
});

/**
 * Closed hours as rollup rows: the hour is inserted once (a replay finds it and writes nothing),
 * the day is overwritten with the day so far (the state's closed hours), so both are idempotent.
 */
export function bucketStatements(db: Db, closed: readonly ClosedHour[]): Statement[] {
  const hours = closed.map((c) => row(c.monitorId, c.vantageId, "hour", c.hour));
  const days = closed.map((c) => row(c.monitorId, c.vantageId, "day", c.day));
  return [
    ...chunk(hours, ROLLUP_ROWS).map((rows) => db.insert(rollups).values(rows).onConflictDoNothing()),
    ...chunk(days, ROLLUP_ROWS).map((rows) =>
      db
        .insert(rollups)
        .values(rows)
        .onConflictDoUpdate({
          target: [rollups.monitorId, rollups.granularity, rollups.bucketStart, rollups.vantageId],
          set: {
            runs: sql`excluded.runs`,
            successes: sql`excluded.successes`,
            transports: sql`excluded.transports`,
          },
        }),
    ),
  ];
}
