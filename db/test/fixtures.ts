import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { createOrganisation, type Db, insertMonitor, type MonitorRow, type NewMonitor } from "../src/index";
import * as schema from "../src/schema/index";

export const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);

/** The drizzle database over this test file's D1, as workers/src/services.ts builds it. */
export const testDb = (): Db => drizzle(env.DB, { schema });

/** A user who owns a new organisation `id` (slug = id). */
export async function organisation(db: Db, id: string) {
  const userId = `usr_${id}`;
  await db.insert(schema.users).values({
    id: userId,
    name: id,
    email: `${id}@sipwatch.test`,
    createdAt: new Date(NOW),
    updatedAt: new Date(NOW),
  });
  return createOrganisation(db, { id, name: `Org ${id}`, slug: id, ownerUserId: userId, now: NOW });
}

export function monitorInput(organisationId: string, id: string, extra: Partial<NewMonitor> = {}): NewMonitor {
  return {
    id,
    organisationId,
    name: id,
    target: `${id}.sipwatch.test`,
    expectedTransports: ["udp", "tls"],
    regions: ["weur", "enam"],
    intervalMinutes: 5,
    thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
    slug: id,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

export async function monitor(db: Db, organisationId: string, id: string, extra: Partial<NewMonitor> = {}) {
  const written = await insertMonitor(db, monitorInput(organisationId, id, extra));
  if (!written.ok) throw new Error(`monitor ${id}: ${written.reason}`);
  return written.monitor as MonitorRow;
}
