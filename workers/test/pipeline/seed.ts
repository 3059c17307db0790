import { env } from "cloudflare:workers";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RunSummary } from "@sipwatch/core";
import { type ExpectedTransport, monitors, organisations } from "@sipwatch/db";
import type { Env } from "../../src/env";
import type { AppEnv, Caller } from "../../src/http/context";
import { renderError } from "../../src/http/error-handlers";
import { reportRoutes } from "../../src/http/routes/reports";
import { createServices, type Services } from "../../src/services";
import { lab } from "../fixtures";
import { historyD1OfMonitor } from "../history-db";

/**
 * The Worker's env pointed at the lab: its DoH server (a dynamic port, so it cannot sit in the
 * Vitest config's bindings) and its test CAs. SIPWATCH_LAB=1 comes from workers/vitest.config.ts.
 */
export function labEnv(): Env {
  return {
    ...env,
    DNS_RESOLVERS: `tcp://127.0.0.1:${lab().dnsTcpPort},${lab().dohUrl}`,
    LAB_CA_PEM: lab().liveCaPems.join("\n"),
  };
}

export const labServices = (): Services => createServices(labEnv());

let counter = 0;
const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(counter++).toString(36)}`;

export async function insertOrganisation(services: Services): Promise<string> {
  const id = unique("org");
  await services.db.insert(organisations).values({ id, name: id, slug: id, createdAt: new Date() });
  return id;
}

export interface MonitorSeed {
  target: string;
  regions?: string[];
  intervalMinutes?: number;
  phaseMinute?: number;
  expectedTransports?: ExpectedTransport[];
}

export async function insertMonitor(services: Services, organisationId: string, seed: MonitorSeed): Promise<string> {
  const id = unique("mon");
  const now = Date.now();
  await services.db.insert(monitors).values({
    id,
    organisationId,
    name: seed.target,
    target: seed.target,
    expectedTransports: seed.expectedTransports ?? ["tls", "tcp"],
    regions: seed.regions ?? ["weur"],
    intervalMinutes: seed.intervalMinutes ?? 1,
    phaseMinute: seed.phaseMinute ?? 0,
    thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** API routes (the report routes by default) mounted as in the Worker, with the caller set directly instead of by auth. */
export function testApp(
  services: Services,
  caller: Pick<Caller, "organisationId">,
  routes: OpenAPIHono<AppEnv> = reportRoutes,
) {
  return new OpenAPIHono<AppEnv>()
    .use(async (c, next) => {
      c.set("services", services);
      c.set("caller", { organisationId: caller.organisationId, userId: null, via: "token", role: "admin" });
      await next();
    })
    .route("/api/v1", routes)
    .onError(renderError);
}

/** Counts rows of a table for one monitor. */
export async function countRows(
  table: "state_span" | "vantage_state" | "rollup" | "dns_snapshot" | "finding",
  monitorId: string,
): Promise<number> {
  const row = await (await historyD1OfMonitor(monitorId))
    .prepare(`SELECT count(*) AS n FROM ${table} WHERE monitor_id = ?`)
    .bind(monitorId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A vantage's state row as a run at `startedAt` leaves it: what tests seed instead of running an audit. */
export function latestRunRow(row: {
  monitorId: string;
  organisationId: string;
  vantageId: string;
  startedAt: number;
  summary: RunSummary;
}) {
  const hour = Math.floor(row.startedAt / 3_600_000) * 3_600_000;
  return {
    ...row,
    outcome: "seeded",
    spanId: 0,
    spanStartedAt: row.startedAt,
    spanRuns: 1,
    lastRunAt: row.startedAt,
    durationMs: 900,
    hourStart: hour,
    dayStart: Math.floor(hour / 86_400_000) * 86_400_000,
  };
}
