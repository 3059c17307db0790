import { dueMonitors, minuteOf } from "@sipwatch/db";
import type { Env } from "../env";
import { type DeliveryTally, deliverDueAlerts } from "../notify/deliver-outbox";
import type { StoreOutcome } from "../probing/store-results";
import { createServices, type Services } from "../services";
import { type AuditMessage, planAuditMessages, sendAuditMessages } from "./audit-message";
import type { AlertsEnqueued } from "./enqueue-alerts";
import { type MaintenanceDone, runMaintenance } from "./maintenance";
import { processAuditMessage } from "./process-audit-message";

export interface TickOutcome {
  minute: number;
  monitors: number;
  /** Queue messages planned (each: one shard's monitors, audited from all their regions). */
  messages: number;
  /** Queued ticks: messages the queue accepted (fewer when a sendBatch() failed). */
  sent?: number;
  /** Inline ticks only: prober invocations and what was stored and enqueued. */
  batches?: number;
  stored?: StoreOutcome;
  /** Inline ticks only: messages that failed (a shard down, an organisation moving); a queue would retry them. */
  failedMessages?: number;
  alerts?: AlertsEnqueued & DeliveryTally;
  maintenance?: MaintenanceDone;
}

/**
 * The cron handler (every minute). With a queue bound it only plans: the due monitors (an index
 * seek in the control database), their organisations' shards (one directory read), messages to
 * AUDIT_QUEUE; consumers audit and store (queue-consumer.ts). So no minute waits for the
 * previous one's audits. Without a queue (a Worker deployed before the queue was created) it
 * runs the messages itself, as the single tick did.
 */
export async function runScheduled(env: Env, scheduledTime: number, _ctx: ExecutionContext): Promise<void> {
  const services = createServices(env);
  const outcome = env.AUDIT_QUEUE
    ? await runTick(services, scheduledTime, { queue: env.AUDIT_QUEUE })
    : await runTick(services, scheduledTime);
  console.log(JSON.stringify({ event: "tick", ...outcome }));
}

/** Plans the minute into messages. */
export async function planTick(services: Services, scheduledTime: number): Promise<AuditMessage[]> {
  const due = await dueMonitors(services.db, minuteOf(scheduledTime));
  const shards = await services.history.shardsOf(due.map((m) => m.organisationId));
  return planAuditMessages(due, (org) => shards.get(org)?.shard ?? "DB", scheduledTime);
}

/**
 * One minute: plan, then send the messages to the queue, or (no queue: tests, the bench's
 * baseline) run them here side by side; then alert delivery and housekeeping, whose failures do
 * not lose the audits.
 */
export async function runTick(
  services: Services,
  scheduledTime: number,
  options: { queue?: Queue<AuditMessage> } = {},
): Promise<TickOutcome> {
  const messages = await planTick(services, scheduledTime);
  const outcome: TickOutcome = {
    minute: minuteOf(scheduledTime),
    monitors: messages.reduce((n, m) => n + m.monitors.length, 0),
    messages: messages.length,
  };
  if (options.queue) outcome.sent = await sendAuditMessages(options.queue, messages);
  else Object.assign(outcome, await runInline(services, messages));
  try {
    const delivered = await deliverDueAlerts(services, scheduledTime);
    outcome.alerts = { evaluated: 0, enqueued: 0, ...outcome.alerts, ...delivered };
  } catch (error) {
    console.error(JSON.stringify({ event: "delivery-failed", error: String(error) }));
  }
  try {
    outcome.maintenance = await runMaintenance(services, scheduledTime);
  } catch (error) {
    console.error(JSON.stringify({ event: "maintenance-failed", error: String(error) }));
  }
  return outcome;
}

async function runInline(services: Services, messages: readonly AuditMessage[]) {
  const settled = await Promise.allSettled(messages.map((m) => processAuditMessage(services, m)));
  const done = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  for (const s of settled) {
    if (s.status === "rejected")
      console.error(
        JSON.stringify({ event: "message-failed", error: String(s.reason), stack: (s.reason as Error)?.stack }),
      );
  }
  const stored: StoreOutcome = { runs: 0, snapshots: 0, opened: 0, resolved: 0 };
  const alerts: AlertsEnqueued = { evaluated: 0, enqueued: 0 };
  for (const d of done) {
    for (const key of Object.keys(stored) as Array<keyof StoreOutcome>) stored[key] += d.stored[key];
    alerts.evaluated += d.alerts?.evaluated ?? 0;
    alerts.enqueued += d.alerts?.enqueued ?? 0;
  }
  return {
    batches: done.reduce((n, d) => n + d.batches, 0),
    stored,
    alerts,
    failedMessages: messages.length - done.length,
  };
}
