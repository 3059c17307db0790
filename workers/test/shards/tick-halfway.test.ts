import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditMessage } from "../../src/scheduled/audit-message";
import { consumeAuditMessages } from "../../src/scheduled/queue-consumer";
import { planTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor } from "../pipeline/seed";
import { mirrorControlRows, organisationOnShard, rowsIn, shardEnv, shardServices } from "./shard-seed";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;

async function consume(messages: readonly AuditMessage[]) {
  const batch = createMessageBatch<AuditMessage>(
    "sipwatch-audits",
    messages.map((body) => ({
      id: `${body.scheduledTime}-${body.index}`,
      timestamp: Date.now(),
      attempts: 1,
      body,
    })),
  );
  const ctx = createExecutionContext();
  await consumeAuditMessages(batch, shardEnv());
  return getQueueResult(batch, ctx);
}

describe("a tick that dies halfway", () => {
  it("stores what it sent once, and the next tick carries on with every monitor: nothing twice, no span lost", async () => {
    const services = shardServices();
    const monitors: Record<string, string> = {};
    for (const target of ["live.sipwatch.test", "expired.sipwatch.test"]) {
      const org = await organisationOnShard(services);
      monitors[org.shard] = await insertMonitor(services, org.id, { target, regions: ["weur"] });
      await mirrorControlRows(org.id);
    }
    const shardDb = (shard: string) => env[shard as "HISTORY_1"] as D1Database;
    const first = await planTick(services, T0);
    expect(first).toHaveLength(2);
    // Only the first sendBatch reached the queue before the tick died.
    const [sent] = first;
    if (!sent) throw new Error("nothing planned");
    expect((await consume([sent])).explicitAcks).toHaveLength(1);
    const lost = first.find((m) => m.shard !== sent.shard)?.shard ?? "";
    expect(await rowsIn(shardDb(lost), "run", [monitors[lost] ?? ""])).toHaveLength(0);

    const second = await planTick(shardServices(), T0 + MINUTE);
    expect((await consume(second)).explicitAcks).toHaveLength(2);
    for (const [shard, monitor] of Object.entries(monitors)) {
      const runs = await rowsIn(shardDb(shard), "run", [monitor]);
      const times = runs.map((r) => r.started_at as number);
      // One run per audit, never the same audit twice.
      expect(new Set(times).size).toBe(times.length);
      expect(runs).toHaveLength(shard === sent.shard ? 2 : 1);
      // The DNS snapshot and the findings opened once, whichever minute saw them first.
      expect(await rowsIn(shardDb(shard), "dns_snapshot", [monitor])).toHaveLength(1);
      const findings = await rowsIn(shardDb(shard), "finding", [monitor]);
      const open = findings.filter((f) => f.resolved_at === null).map((f) => `${f.finding_id} ${f.subject}`);
      expect(new Set(open).size).toBe(open.length);
    }
  });
});

describe("a backlog", () => {
  it("drops a message queued more than ten minutes ago without auditing it", async () => {
    const services = shardServices();
    const org = await organisationOnShard(services);
    const monitor = await insertMonitor(services, org.id, { target: "live.sipwatch.test", regions: ["weur"] });
    await mirrorControlRows(org.id);
    const messages = (await planTick(services, T0 + 10 * MINUTE)).filter((m) =>
      m.monitors.some((x) => x.id === monitor),
    );
    const batch = createMessageBatch<AuditMessage>(
      "sipwatch-audits",
      messages.map((body) => ({ id: `old-${body.index}`, timestamp: Date.now() - 11 * MINUTE, attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await consumeAuditMessages(batch, shardEnv());
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["old-0"]);
    expect(await rowsIn(env[org.shard as "HISTORY_1"] as D1Database, "run", [monitor])).toHaveLength(0);
  });
});
