/**
 * `npm run bench` (tick part, issue 15): the scheduled tick at fleet size, 10,000 monitors x 9
 * regions every minute (BENCH_TICK_MONITORS to change), on a local D1 control database and two
 * history shards (workerd through Miniflare, with a local queue). The audits are replaced by a
 * recorded one (the CLI's audit of a lab domain); the planning, the directory, the queue
 * messages, the consumer, the prober RPCs and the writes are real. Prints the planning time,
 * the messages, the writes per shard, and today's single tick measured in the same run.
 */
import { auditOutcome } from "@sipwatch/core";
import { Miniflare } from "miniflare";
import { bundleBenchWorker } from "./bench-worker";
import { migrationStatements, recordedReport } from "./recorded-report";

const MONITORS = Number(process.env.BENCH_TICK_MONITORS ?? 10_000);
const REGIONS = 9;
const PER_ORGANISATION = 100;

const now = Math.floor(Date.now() / 60_000) * 60_000;
const recorded = await auditOutcome(await recordedReport(), now);
const bundle = await bundleBenchWorker(new URL("./tick-worker.ts", import.meta.url));
const mf = new Miniflare({
  workers: [
    {
      config: {
        name: "tick-bench",
        compatibilityDate: "2026-10-01",
        compatibilityFlags: ["nodejs_compat"],
        manifest: { mainModule: "worker.js", modules: { "worker.js": { type: "esm", contents: bundle } } },
        env: {
          DB: { type: "d1", id: "tick-control" },
          HISTORY_1: { type: "d1", id: "tick-history-1" },
          HISTORY_2: { type: "d1", id: "tick-history-2" },
          REGION_PROBER: { type: "durable-object", worker: "tick-bench", exportName: "RegionProber" },
          AUDIT_QUEUE: { type: "queue", name: "sipwatch-audits" },
          RECORDED: { type: "text", value: JSON.stringify(recorded) },
          HISTORY_SHARDS: { type: "text", value: "HISTORY_1,HISTORY_2" },
          DNS_RESOLVERS: { type: "text", value: "tcp://127.0.0.1:53" },
          SIPWATCH_LAB: { type: "text", value: "1" },
          DEFAULT_REGIONS: { type: "text", value: "weur" },
        },
        exports: { RegionProber: { type: "durable-object", storage: "sqlite" } },
        // As wrangler.toml's consumer.
        triggers: [{ type: "queue", name: "sipwatch-audits", maxBatchSize: 4, maxBatchTimeout: 1, maxRetries: 3 }],
      },
    },
  ],
});

async function call<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await mf.dispatchFetch(`http://bench${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Counts = Record<string, { runs: number; bytes: number }>;

try {
  const statements = migrationStatements();
  await call("/migrate", { statements });
  await call("/seed", { monitors: MONITORS, perOrganisation: PER_ORGANISATION, now });
  const audits = MONITORS * REGIONS;
  console.log(
    `tick bench: ${MONITORS.toLocaleString("en")} monitors x ${REGIONS} regions every minute (${audits.toLocaleString("en")} audits), 2 history shards`,
  );

  // The fleet design. Minute 1 warms the snapshots (every pair's first DNS answer), minute 2 is steady state.
  const queued = [];
  for (const minute of [1, 2]) {
    const before = await call<Counts>("/counts");
    const started = Date.now();
    const tick = await call<{
      planMs: number;
      sendMs: number;
      messages: number;
      sent: number;
      sendBatches: number;
      largestMessageBytes: number;
      monitors: number;
      perShard: Record<string, number>;
    }>("/queued-tick", { scheduledTime: now + minute * 60_000 });
    let after = before;
    while (Date.now() - started < 15 * 60_000) {
      after = await call<Counts>("/counts");
      const stored =
        (after.HISTORY_1?.runs ?? 0) +
        (after.HISTORY_2?.runs ?? 0) -
        (before.HISTORY_1?.runs ?? 0) -
        (before.HISTORY_2?.runs ?? 0);
      if (stored >= audits) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    queued.push({ minute, tick, drainedMs: Date.now() - started, before, after });
  }

  // Today's design: one invocation audits and stores the whole minute.
  const before = await call<Counts>("/counts");
  const single = await call<{ ms: number; batches: number; stored: { runs: number; snapshots: number } }>(
    "/single-tick",
    {
      scheduledTime: now + 3 * 60_000,
    },
  );
  const after = await call<Counts>("/counts");

  const steady = queued[1] ?? queued[0];
  if (!steady) throw new Error("no queued tick");
  const delta = (c: Counts, b: Counts, shard: string) => ({
    runs: (c[shard]?.runs ?? 0) - (b[shard]?.runs ?? 0),
    mb: ((c[shard]?.bytes ?? 0) - (b[shard]?.bytes ?? 0)) / 1e6,
  });
  const shards = ["DB", "HISTORY_1", "HISTORY_2"];
  const fmt = (n: number) => n.toLocaleString("en");
  console.log(`
| steady-state minute | fleet design (cron plans, queue consumers audit and store) | today's single tick (one invocation) |
|---|---|---|
| cron invocation's work | plan ${steady.tick.planMs.toFixed(0)} ms (due monitors + directory + messages), send ${steady.tick.sendMs.toFixed(0)} ms | ${single.ms.toFixed(0)} ms: plan, ${fmt(single.batches)} prober RPCs, every write |
| prober RPCs (subrequests) per invocation | 0 in the cron tick; <= ${4 * REGIONS} per consumer invocation (4 messages x ${REGIONS} regions) | ${fmt(single.batches)} in one invocation (limit 1,000) |
| queue messages | ${fmt(steady.tick.messages)} in ${steady.tick.sendBatches} sendBatch calls; largest ${(steady.tick.largestMessageBytes / 1000).toFixed(1)} KB (limits 128 KB, 100 / 256 KB per call) | none |
| messages per shard | ${shards
    .slice(1)
    .map((s) => `${s} ${fmt(steady.tick.perShard[s] ?? 0)}`)
    .join(", ")} | all in one write stream |
| runs written per shard | ${shards.map((s) => `${s} ${fmt(delta(steady.after, steady.before, s).runs)}`).join(", ")} | ${shards.map((s) => `${s} ${fmt(delta(after, before, s).runs)}`).join(", ")} |
| growth per shard | ${shards.map((s) => `${s} ${delta(steady.after, steady.before, s).mb.toFixed(1)} MB`).join(", ")} | ${shards.map((s) => `${s} ${delta(after, before, s).mb.toFixed(1)} MB`).join(", ")} |
| minute drained locally | ${(steady.drainedMs / 1000).toFixed(1)} s (one local workerd; in production up to 250 consumers in parallel) | ${(single.ms / 1000).toFixed(1)} s (one invocation, nothing in parallel beyond its own awaits) |
`);
  const first = queued[0];
  if (first)
    console.log(
      `First minute (every pair's first DNS snapshot): plan ${first.tick.planMs.toFixed(0)} ms, drained in ${(first.drainedMs / 1000).toFixed(1)} s.`,
    );
} finally {
  await mf.dispose();
}
