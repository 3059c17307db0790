import type { ResponseHandling } from "@sipwatch/core";
import { and, eq, gt, inArray, lt, or } from "drizzle-orm";
import type { Db } from "../db";
import { monitorCredentials } from "../schema/credentials";
import { monitors } from "../schema/monitors";
import { chunk } from "./batching";

export type CredentialRow = typeof monitorCredentials.$inferSelect;

/** The monitor's test account (ciphertext included: callers decide what leaves the Worker). */
export async function findCredential(db: Db, organisationId: string, monitorId: string): Promise<CredentialRow | null> {
  const [row] = await db
    .select()
    .from(monitorCredentials)
    .where(and(eq(monitorCredentials.monitorId, monitorId), eq(monitorCredentials.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

/** Creates or replaces the monitor's test account in one statement. */
export async function putCredential(db: Db, row: CredentialRow): Promise<void> {
  const { monitorId, ...rest } = row;
  await db
    .insert(monitorCredentials)
    .values(row)
    .onConflictDoUpdate({ target: monitorCredentials.monitorId, set: rest });
}

export async function deleteCredential(db: Db, organisationId: string, monitorId: string): Promise<boolean> {
  const deleted = await db
    .delete(monitorCredentials)
    .where(and(eq(monitorCredentials.monitorId, monitorId), eq(monitorCredentials.organisationId, organisationId)))
    .returning({ id: monitorCredentials.monitorId });
  return deleted.length > 0;
}

/** The accounts of these monitors (a prober's batch), by monitor id; 90 ids per statement (D1: 100 parameters). */
export async function credentialsOf(db: Db, monitorIds: readonly string[]): Promise<Map<string, CredentialRow>> {
  const found = new Map<string, CredentialRow>();
  for (const ids of chunk([...new Set(monitorIds)], 90)) {
    const rows = await db.select().from(monitorCredentials).where(inArray(monitorCredentials.monitorId, ids));
    for (const row of rows) found.set(row.monitorId, row);
  }
  return found;
}

/** What a prober needs beyond the job for each monitor: its response handling and its test account. */
export interface MonitorProbeSettings {
  responseHandling: ResponseHandling | null;
  credential: CredentialRow | null;
}

/** One read per prober batch (90 monitors per statement): the monitor's probe settings, by id. */
export async function probeSettingsOf(
  db: Db,
  monitorIds: readonly string[],
): Promise<Map<string, MonitorProbeSettings>> {
  const found = new Map<string, MonitorProbeSettings>();
  for (const ids of chunk([...new Set(monitorIds)], 90)) {
    const rows = await db
      .select({ id: monitors.id, responseHandling: monitors.responseHandling, credential: monitorCredentials })
      .from(monitors)
      .leftJoin(monitorCredentials, eq(monitorCredentials.monitorId, monitors.id))
      .where(inArray(monitors.id, ids));
    for (const row of rows) found.set(row.id, { responseHandling: row.responseHandling, credential: row.credential });
  }
  return found;
}

/**
 * Up to `limit` stored passwords encrypted with another key than `currentKeyId`: what rotation
 * has left to do. The maintenance tick asks every minute and the answer is nearly always
 * "none", so it is two ranges of the key_id index around the current id: SQLite cannot seek
 * an index for `!=` and reads every credential row; the ranges read none when all are current
 * (workers/test/credential-rotation.test.ts counts D1's rows_read).
 */
export function credentialsNotUnderKey(db: Db, currentKeyId: string, limit: number) {
  return db
    .select()
    .from(monitorCredentials)
    .where(or(lt(monitorCredentials.keyId, currentKeyId), gt(monitorCredentials.keyId, currentKeyId)))
    .limit(limit);
}

/** Replaces one row's ciphertext, only if it still holds the ciphertext read (a concurrent edit wins). */
export async function resealCredential(
  db: Db,
  row: Pick<CredentialRow, "monitorId" | "passwordCiphertext">,
  sealed: { ciphertext: string; iv: string; keyId: string },
): Promise<boolean> {
  const updated = await db
    .update(monitorCredentials)
    .set({ passwordCiphertext: sealed.ciphertext, passwordIv: sealed.iv, keyId: sealed.keyId })
    .where(
      and(
        eq(monitorCredentials.monitorId, row.monitorId),
        eq(monitorCredentials.passwordCiphertext, row.passwordCiphertext ?? ""),
      ),
    )
    .returning({ id: monitorCredentials.monitorId });
  return updated.length > 0;
}
