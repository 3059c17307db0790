import { env } from "cloudflare:workers";
import type { Env } from "../src/env";
import type { HistoryAccess } from "../src/history/history-router";
import { createServices, type Db, type Services } from "../src/services";

/**
 * The drizzle database holding this organisation's history (its history shard), resolved as the
 * Worker does: through the services' history router (placing the organisation if needed).
 */
export async function historyDbOfOrganisation(organisationId: string, services?: Services): Promise<Db> {
  return (services ?? createServices(env as unknown as Env)).historyDbOf(organisationId);
}

/** The history database of the organisation owning this monitor (looked up in the control db). */
export async function historyDbOfMonitor(monitorId: string, services?: Services, access?: HistoryAccess): Promise<Db> {
  const s = services ?? createServices(env as unknown as Env);
  return s.historyDbOf(await organisationOfMonitor(monitorId, s), access);
}

/** The raw D1 binding of the shard holding this organisation's history (for SQL assertions). */
export async function historyD1OfOrganisation(organisationId: string, services?: Services): Promise<D1Database> {
  const s = services ?? createServices(env as unknown as Env);
  const row = (await s.history.shardsOf([organisationId])).get(organisationId);
  if (!row) throw new Error(`Organisation ${organisationId} has no history shard`);
  return (s.env as unknown as Record<string, D1Database>)[row.shard] as D1Database;
}

/** The raw D1 binding of the shard holding the history of this monitor's organisation. */
export async function historyD1OfMonitor(monitorId: string, services?: Services): Promise<D1Database> {
  const s = services ?? createServices(env as unknown as Env);
  return historyD1OfOrganisation(await organisationOfMonitor(monitorId, s), s);
}

/** The organisation owning this monitor, from the control database. */
export async function organisationOfMonitor(
  monitorId: string,
  s: Services = createServices(env as unknown as Env),
): Promise<string> {
  const row = await s.env.DB.prepare("SELECT organisation_id FROM monitor WHERE id = ?")
    .bind(monitorId)
    .first<{ organisation_id: string }>();
  if (!row) throw new Error(`Monitor ${monitorId} not found`);
  return row.organisation_id;
}
