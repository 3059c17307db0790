/**
 * The Worker `tick.bench.ts` runs in workerd: the real scheduled tick (planning, directory,
 * queue messages, the queue consumer, the RegionProber Durable Object RPCs, the stores on two
 * history shards), with one thing replaced: the prober hands back a recorded audit instead of
 * auditing (no network in a bench). Routes seed the fleet and time the two designs.
 */
import { DurableObject } from "cloudflare:workers";
import type { AuditOutcome } from "@sipwatch/core";
import type { Env } from "../src/env";
import type { AuditJob, AuditResult } from "../src/probing/audit-job";
import { type AuditMessage, messageBytes, sendAuditMessages, sendBatchesOf } from "../src/scheduled/audit-message";
import { consumeAuditMessages } from "../src/scheduled/queue-consumer";
import { planTick, runTick } from "../src/scheduled/run-scheduled";
import { createServices } from "../src/services";

interface BenchEnv extends Env {
  HISTORY_1: D1Database;
  HISTORY_2: D1Database;
  AUDIT_QUEUE: Queue<AuditMessage>;
  /** The recorded audit (an AuditOutcome as JSON) every job gets back. */
  RECORDED: string;
}

/** The region prober with the audit replaced by a recording; the RPC and its batching are real. */
export class RegionProber extends DurableObject<BenchEnv> {
  async audit(jobs: AuditJob[]): Promise<AuditResult[]> {
    const recorded = JSON.parse(this.env.RECORDED) as AuditOutcome;
    return jobs.map((job) => ({
      ...recorded,
      monitorId: job.monitorId,
      vantageId: job.vantageId,
      startedAt: Date.now(),
      // As the edge prober: the tree goes back only when the DNS answer changed.
      resolution: job.knownSnapshotHash === recorded.hash ? null : recorded.resolution,
    }));
  }
}

const REGIONS = `'["weur","enam","apac","wnam","eeur","sam","oc","afr","me"]'`;
const series = (count: number) =>
  `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${count})`;

/** The fleet: organisations of `perOrganisation` monitors, every minute from 9 regions, alternately on the two shards. */
async function seed(env: BenchEnv, monitors: number, perOrganisation: number, now: number) {
  const organisations = Math.ceil(monitors / perOrganisation);
  const statements = [
    `${series(organisations)} INSERT INTO organisation (id, name, slug, created_at) SELECT 'org_' || i, 'Bench ' || i, 'bench-' || i, ${now} FROM n`,
    `${series(monitors)} INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes, phase_minute, thresholds, is_public, enabled, created_at, updated_at)
      SELECT 'mon_' || i, 'org_' || (i / ${perOrganisation}), 'Monitor ' || i, 'sip' || i || '.example.com', '["udp","tcp","tls"]', ${REGIONS}, 1, 0,
        '{"failuresToOpen":2,"successesToResolve":2,"slowMs":1000,"certExpiryDays":14}', 0, 1, ${now}, ${now} FROM n`,
  ];
  for (const db of [env.DB, env.HISTORY_1, env.HISTORY_2]) {
    // The shards get the control rows too, while today's history tables keep foreign keys to them.
    for (const sql of statements) await db.prepare(sql).run();
  }
  await env.DB.prepare(
    `INSERT INTO history_shard (organisation_id, shard, placed_at) SELECT id, CASE WHEN CAST(substr(id, 5) AS INTEGER) % 2 = 0 THEN 'HISTORY_1' ELSE 'HISTORY_2' END, ${now} FROM organisation`,
  ).run();
}

async function shardCounts(env: BenchEnv) {
  const out: Record<string, { runs: number; bytes: number }> = {};
  for (const name of ["DB", "HISTORY_1", "HISTORY_2"] as const) {
    const result = await env[name].prepare("SELECT count(*) AS runs FROM run").all<{ runs: number }>();
    out[name] = { runs: result.results[0]?.runs ?? 0, bytes: result.meta.size_after ?? 0 };
  }
  return out;
}

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const path = new URL(request.url).pathname;
    const body = (request.method === "POST" ? await request.json() : {}) as Record<string, number> & {
      statements?: string[];
    };
    const json = (value: unknown) => Response.json(value);
    if (path === "/migrate") {
      for (const db of [env.DB, env.HISTORY_1, env.HISTORY_2]) {
        for (const sql of body.statements ?? []) await db.prepare(sql).run();
      }
      return json({ ok: true });
    }
    if (path === "/seed") {
      await seed(env, body.monitors ?? 0, body.perOrganisation ?? 100, body.now ?? 0);
      return json({ ok: true });
    }
    if (path === "/counts") return json(await shardCounts(env));
    if (path === "/queued-tick") {
      // The fleet design: the cron tick plans and sends; consumers do the rest (queue handler below).
      const services = createServices(env);
      const started = performance.now();
      const messages = await planTick(services, body.scheduledTime ?? 0);
      const planned = performance.now();
      const sent = await sendAuditMessages(env.AUDIT_QUEUE, messages);
      const done = performance.now();
      const sizes = messages.map(messageBytes);
      return json({
        planMs: planned - started,
        sendMs: done - planned,
        messages: messages.length,
        sent,
        sendBatches: sendBatchesOf(messages).length,
        largestMessageBytes: Math.max(...sizes),
        monitors: messages.reduce((n, m) => n + m.monitors.length, 0),
        perShard: Object.fromEntries(
          ["HISTORY_1", "HISTORY_2"].map((s) => [s, messages.filter((m) => m.shard === s).length]),
        ),
      });
    }
    if (path === "/single-tick") {
      // Today's design measured in the same run: one invocation plans, calls every prober, stores.
      const services = createServices(env);
      const started = performance.now();
      const outcome = await runTick(services, body.scheduledTime ?? 0);
      return json({ ms: performance.now() - started, batches: outcome.batches, stored: outcome.stored });
    }
    return new Response("not found", { status: 404 });
  },
  async queue(batch: MessageBatch<AuditMessage>, env: BenchEnv) {
    await consumeAuditMessages(batch, env);
  },
} satisfies ExportedHandler<BenchEnv, AuditMessage>;
