import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditMessage } from "../../src/scheduled/audit-message";
import { consumeAuditMessages } from "../../src/scheduled/queue-consumer";
import { planTick } from "../../src/scheduled/run-scheduled";
import { insertChannel, receiverPath } from "../alerts/receiver";
import { lab } from "../fixtures";
import { insertMonitor, testApp } from "../pipeline/seed";
import { countIn, organisationOnShard, runsIn, shardEnv, shardServices, unreachableD1 } from "./shard-seed";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;

const batchOf = (messages: readonly AuditMessage[], attempts = 1) =>
  createMessageBatch<AuditMessage>(
    "sipwatch-audits",
    messages.map((body, i) => ({ id: `msg-${body.shard}-${i}-${attempts}`, timestamp: Date.now(), attempts, body })),
  );

/** Runs the queue consumer on these messages with this env; returns what it acked and retried. */
async function consume(messages: readonly AuditMessage[], workerEnv = shardEnv(), attempts = 1) {
  const batch = batchOf(messages, attempts);
  const ctx = createExecutionContext();
  await consumeAuditMessages(batch, workerEnv);
  const result = await getQueueResult(batch, ctx);
  const shardOf = new Map(batch.messages.map((m) => [m.id, m.body.shard]));
  return {
    acked: result.explicitAcks.map((id) => shardOf.get(id)),
    retried: result.retryMessages.map((r) => shardOf.get(r.msgId)),
  };
}

const outboxRows = async (monitorId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM alert_outbox WHERE monitor_id = ?")
      .bind(monitorId)
      .first<{ n: number }>()
  )?.n;

describe("a history shard that is down", () => {
  const services = shardServices();
  const down = () => shardEnv({ HISTORY_2: unreachableD1() });
  let a: { id: string; shard: string; monitor: string };
  let b: { id: string; shard: string; monitor: string };

  beforeAll(async () => {
    for (const target of ["expired.sipwatch.test", "expired.sipwatch.test"]) {
      const org = await organisationOnShard(services);
      const monitor = await insertMonitor(services, org.id, { target, regions: ["weur", "enam"] });
      await insertChannel(services, org.id, {
        type: "webhook",
        url: receiverPath("webhook").url,
        secret: lab().webhookSecret,
      });
      if (a) b = { ...org, monitor };
      else a = { ...org, monitor };
    }
    expect([a.shard, b.shard]).toEqual(["HISTORY_1", "HISTORY_2"]);
  });

  it("answers 503 for its organisations' history, naming no internals, and serves the others", async () => {
    const broken = shardServices({ HISTORY_2: unreachableD1() });
    const res = await testApp(broken, { organisationId: b.id }).request(`/api/v1/monitors/${b.monitor}/report`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe("unavailable");
    expect(problem.detail).toMatch(/history is temporarily unavailable/i);
    expect(JSON.stringify(problem)).not.toMatch(/HISTORY_2|D1|shard|Network/);
    const fine = await testApp(broken, { organisationId: a.id }).request(`/api/v1/monitors/${a.monitor}/report`);
    expect(fine.status).toBe(200);
  });

  it("sends back only its own queue messages; the other shard's audits are stored", async () => {
    const messages = await planTick(services, T0);
    expect(messages.map((m) => m.shard).sort()).toEqual(["HISTORY_1", "HISTORY_2"]);
    const outcome = await consume(messages, down());
    expect(outcome.acked).toEqual(["HISTORY_1"]);
    expect(outcome.retried).toEqual(["HISTORY_2"]);
    expect(await runsIn(env.HISTORY_1 as D1Database, [a.monitor])).toBe(2);
    expect(await runsIn(env.HISTORY_2 as D1Database, [b.monitor])).toBe(0);
  });

  it("catches up when the shard is back: the retried message stores its audits once", async () => {
    const retried = (await planTick(services, T0)).filter((m) => m.shard === "HISTORY_2");
    const outcome = await consume(retried, shardEnv(), 2);
    expect(outcome).toEqual({ acked: ["HISTORY_2"], retried: [] });
    expect(await runsIn(env.HISTORY_2 as D1Database, [b.monitor])).toBe(2);
    expect(await countIn(env.HISTORY_2 as D1Database, "dns_snapshot", [b.monitor])).toBe(2);
  });

  it("writes nothing twice when a consumer dies after storing and the message comes again", async () => {
    const next = await planTick(services, T0 + MINUTE);
    expect((await consume(next)).acked.sort()).toEqual(["HISTORY_1", "HISTORY_2"]);
    // Two failing rounds (T0, T0 + 1 min) open the expired-certificate incident: one outbox row.
    const opened = await outboxRows(a.monitor);
    expect(opened).toBe(1);
    const findings = await countIn(env.HISTORY_1 as D1Database, "finding", [a.monitor]);
    const snapshots = await countIn(env.HISTORY_1 as D1Database, "dns_snapshot", [a.monitor]);
    const runs = await runsIn(env.HISTORY_1 as D1Database, [a.monitor]);
    // The same message again (the consumer died before its ack): its pairs are recorded for the
    // round, so nothing is audited again (no extra run) and nothing is written a second time.
    await consume(
      next.filter((m) => m.shard === "HISTORY_1"),
      shardEnv(),
      2,
    );
    expect(runs).toBe(4);
    expect(await runsIn(env.HISTORY_1 as D1Database, [a.monitor])).toBe(runs);
    expect(await countIn(env.HISTORY_1 as D1Database, "finding", [a.monitor])).toBe(findings);
    expect(await countIn(env.HISTORY_1 as D1Database, "dns_snapshot", [a.monitor])).toBe(snapshots);
    expect(await outboxRows(a.monitor)).toBe(opened);
  });
});
