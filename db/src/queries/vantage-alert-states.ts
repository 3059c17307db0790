import type { AlertState } from "@sipwatch/core";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { vantageAlertStates } from "../schema/alerts";
import { chunk, rowsPerStatement, type Statement } from "./batching";

export interface VantageAlertState {
  monitorId: string;
  vantageId: string;
  state: AlertState;
  lastRoundAt: number;
}

const IDS_PER_READ = 90;

/** One agent's stored alert state for each of these monitors, keyed by monitor id. */
export async function vantageAlertStatesOf(
  db: Db,
  vantageId: string,
  monitorIds: readonly string[],
): Promise<Map<string, VantageAlertState>> {
  const states = new Map<string, VantageAlertState>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db
      .select()
      .from(vantageAlertStates)
      .where(and(eq(vantageAlertStates.vantageId, vantageId), inArray(vantageAlertStates.monitorId, ids)));
    for (const row of rows) states.set(row.monitorId, row);
  }
  return states;
}

/** Upserts, to run in the same batch as the outbox rows they caused (alertRoundStatements). */
export function vantageAlertStateStatements(db: Db, states: readonly VantageAlertState[], now: number): Statement[] {
  return chunk(states, rowsPerStatement(5)).map((group) =>
    db
      .insert(vantageAlertStates)
      .values(group.map((s) => ({ ...s, updatedAt: now })))
      .onConflictDoUpdate({
        target: [vantageAlertStates.monitorId, vantageAlertStates.vantageId],
        set: {
          state: sql`excluded.state`,
          lastRoundAt: sql`excluded.last_round_at`,
          updatedAt: sql`excluded.updated_at`,
        },
      }),
  );
}
