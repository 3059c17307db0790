import {
  channelsById,
  claimDueDeliveries,
  incidentsByIds,
  markAttemptFailed,
  markDelivered,
  markSkipped,
  monitors,
} from "@sipwatch/db";
import { inArray } from "drizzle-orm";
import type { Services } from "../services";
import { notify } from "./index";

export interface DeliveryLimits {
  /** Most rows claimed per call: a tick shares its subrequests with the audits. */
  maxDeliveries: number;
  /** No new delivery starts after this long; claimed rows left over wait for their lease. */
  budgetMs: number;
  /** How long a claimed row is hidden from other ticks while it is being sent. */
  leaseMs: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = { maxDeliveries: 25, budgetMs: 10_000, leaseMs: 120_000 };

/** After this many attempts (about two hours of backoff) a delivery is marked failed. */
export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min ... capped at an hour: a receiver that is down is not hammered. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DeliveryTally {
  delivered: number;
  retrying: number;
  failed: number;
  /** Reminders of incidents acknowledged or resolved after they were enqueued. */
  skipped: number;
}

/**
 * Sends due outbox rows, one at a time (they share the invocation's six connections with
 * nothing else by then), and records each result. `now` is the tick's time; `clock` measures
 * the budget.
 */
export async function deliverDueAlerts(
  services: Services,
  now: number,
  limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS,
  clock: () => number = Date.now,
): Promise<DeliveryTally> {
  const { db } = services;
  const tally: DeliveryTally = { delivered: 0, retrying: 0, failed: 0, skipped: 0 };
  const rows = await claimDueDeliveries(db, now, limits.maxDeliveries, limits.leaseMs);
  if (rows.length === 0) return tally;
  const [channels, watched] = await Promise.all([
    channelsById(
      db,
      rows.map((r) => r.channelId),
    ),
    db
      .select({ id: monitors.id, name: monitors.name, target: monitors.target })
      .from(monitors)
      .where(inArray(monitors.id, [...new Set(rows.map((r) => r.monitorId))])),
  ]);
  const monitorById = new Map(watched.map((m) => [m.id, m]));
  // A reminder enqueued by a round that ran just before someone acknowledged the incident would
  // otherwise page them right after they said they have it.
  const reminded = rows.flatMap((r) =>
    r.action.kind === "reminder" && r.action.incidentId ? [r.action.incidentId] : [],
  );
  const incidents = reminded.length > 0 ? await incidentsByIds(db, reminded) : new Map();
  const started = clock();
  for (const row of rows) {
    if (clock() - started > limits.budgetMs) break;
    const channel = channels.get(row.channelId);
    const monitor = monitorById.get(row.monitorId);
    if (!channel?.enabled || !monitor) {
      await markAttemptFailed(db, row.id, "The channel was disabled before delivery", null);
      tally.failed++;
      continue;
    }
    const incident = row.action.incidentId ? incidents.get(row.action.incidentId) : undefined;
    if (row.action.kind === "reminder" && incident && incident.status !== "open") {
      await markSkipped(db, row.id, `Not sent: the incident was ${incident.status} before delivery`);
      tally.skipped++;
      continue;
    }
    const outcome = await notify(
      channel.config,
      {
        monitor,
        action: row.action,
        link: `${services.config.publicUrl.replace(/\/$/, "")}/monitors/${monitor.id}`,
        idempotencyKey: row.idempotencyKey,
      },
      { env: services.env, config: services.config },
    );
    if (outcome.ok) {
      await markDelivered(db, row.id, now);
      tally.delivered++;
    } else if (outcome.retryable && row.attempts < MAX_ATTEMPTS) {
      await markAttemptFailed(db, row.id, outcome.error, now + retryDelayMs(row.attempts));
      tally.retrying++;
    } else {
      await markAttemptFailed(db, row.id, outcome.error, null);
      tally.failed++;
    }
  }
  return tally;
}
