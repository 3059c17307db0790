import { findMonitor, type MonitorRow } from "@sipwatch/db";
import type { Context } from "hono";
import type { AppEnv } from "./context";
import { ProblemError } from "./problem";

/**
 * The caller's monitor, or a 404 problem. Another organisation's monitor answers exactly like
 * a missing one, so ids never reveal that something exists elsewhere. For every router that
 * works on /monitors/{id}.
 */
export async function findOwnedMonitor(c: Context<AppEnv>, id: string): Promise<MonitorRow> {
  const monitor = await findMonitor(c.var.services.db, c.var.caller.organisationId, id);
  if (!monitor) throw new ProblemError("not_found", `No monitor ${id}`);
  return monitor;
}
