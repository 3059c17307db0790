import type { AlertAction, AlertState } from "@sipwatch/core";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db";
import { alertOutbox, alertStates } from "../schema/alerts";
import { chunk, rowsPerStatement, type Statement } from "./batching";

export type OutboxRow = typeof alertOutbox.$inferSelect;

const IDS_PER_READ = 90;

/** The stored alert state of each monitor that has one. */
export async function alertStatesOf(db: Db, monitorIds: readonly string[]): Promise<Map<string, AlertState>> {
  const states = new Map<string, AlertState>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db.select().from(alertStates).where(inArray(alertStates.monitorId, ids));
    for (const row of rows) states.set(row.monitorId, row.state);
  }
  return states;
}

/**
 * When each monitor's alert state was last written (the round time it was evaluated at). A round
 * evaluated again at or before it (a queue message delivered twice) must not count twice.
 */
export async function alertStatesWrittenAt(db: Db, monitorIds: readonly string[]): Promise<Map<string, number>> {
  const written = new Map<string, number>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db
      .select({ monitorId: alertStates.monitorId, updatedAt: alertStates.updatedAt })
      .from(alertStates)
      .where(inArray(alertStates.monitorId, ids));
    for (const row of rows) written.set(row.monitorId, row.updatedAt);
  }
  return written;
}

export interface Enqueued {
  organisationId: string;
  monitorId: string;
  channelId: string;
  action: AlertAction;
}

/**
 * The writes of one round of alert evaluation: new states and the actions for each channel, to
 * run in one batch, so a crash leaves either both (the outbox delivers) or neither (the next
 * round evaluates again). A key already enqueued is skipped, not an error.
 */
export function alertRoundStatements(
  db: Db,
  states: ReadonlyArray<{ monitorId: string; state: AlertState }>,
  enqueued: readonly Enqueued[],
  now: number,
): Statement[] {
  const statements: Statement[] = [];
  for (const group of chunk(states, rowsPerStatement(3))) {
    statements.push(
      db
        .insert(alertStates)
        .values(group.map((s) => ({ ...s, updatedAt: now })))
        .onConflictDoUpdate({
          target: alertStates.monitorId,
          set: { state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` },
        }),
    );
  }
  const rows = enqueued.map((e) => ({
    ...e,
    idempotencyKey: outboxKey(e.channelId, e.monitorId, e.action),
    nextAttemptAt: now,
    createdAt: now,
  }));
  // Counted as every column of the table, in case drizzle binds the defaulted ones too.
  for (const group of chunk(rows, rowsPerStatement(12))) {
    statements.push(db.insert(alertOutbox).values(group).onConflictDoNothing({ target: alertOutbox.idempotencyKey }));
  }
  return statements;
}

/** Receivers see it as `Idempotency-Key`; the action's own key makes it stable across retries. */
export const outboxKey = (channelId: string, monitorId: string, action: AlertAction) =>
  `${channelId}/${monitorId}/${action.key}`;

/**
 * Claims up to `limit` due deliveries by pushing their next attempt a lease ahead in the same
 * statement that reads them: two overlapping ticks never claim one row, and a tick that dies
 * mid-send leaves the row due again when the lease ends.
 */
export async function claimDueDeliveries(db: Db, now: number, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: alertOutbox.id })
    .from(alertOutbox)
    .where(and(eq(alertOutbox.status, "pending"), lte(alertOutbox.nextAttemptAt, now)))
    .orderBy(asc(alertOutbox.nextAttemptAt))
    .limit(limit);
  return db
    .update(alertOutbox)
    .set({ nextAttemptAt: now + leaseMs, attempts: sql`${alertOutbox.attempts} + 1` })
    .where(and(inArray(alertOutbox.id, due), eq(alertOutbox.status, "pending"), lte(alertOutbox.nextAttemptAt, now)))
    .returning();
}

export async function markDelivered(db: Db, id: number, now: number): Promise<void> {
  await db
    .update(alertOutbox)
    .set({ status: "delivered", deliveredAt: now, lastError: null })
    .where(eq(alertOutbox.id, id));
}

/** A failed attempt: retried at `retryAt`, or given up on (status "failed") when it is null. */
export async function markAttemptFailed(db: Db, id: number, error: string, retryAt: number | null): Promise<void> {
  await db
    .update(alertOutbox)
    .set(
      retryAt === null
        ? { status: "failed", lastError: error.slice(0, 500) }
        : { lastError: error.slice(0, 500), nextAttemptAt: retryAt },
    )
    .where(eq(alertOutbox.id, id));
}

/** A delivery that no longer applies: never sent, and not a failure of the channel either. */
export async function markSkipped(db: Db, id: number, reason: string): Promise<void> {
  await db.update(alertOutbox).set({ status: "skipped", lastError: reason }).where(eq(alertOutbox.id, id));
}
