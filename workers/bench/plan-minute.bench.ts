/**
 * `npm run bench:plan -w @sipwatch/workers`: how long the dispatcher takes to plan one minute's
 * work (due monitors x their regions -> batches per region shard) for a fleet, in Node. The
 * plan is pure: D1 reads and RPC are not part of it. Target: well under 50 ms for 10,000 due
 * monitors, a small share of a tick's CPU.
 */
import type { DueMonitor } from "@sipwatch/db";
import { planMinute } from "../src/scheduled/plan-minute";

const MONITORS = Number(process.env.BENCH_PLAN_MONITORS ?? 10_000);
const ROUNDS = 20;
const REGIONS = ["weur", "enam", "apac", "wnam", "eeur"];

const fleet: DueMonitor[] = Array.from({ length: MONITORS }, (_, i) => ({
  id: `mon_${i}`,
  organisationId: `org_${i % 500}`,
  target: `sips:customer${i}.example.com`,
  expectedTransports: ["tls", "tcp"],
  regions: REGIONS.slice(0, 1 + (i % 3)),
  intervalMinutes: 1,
  thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
}));
const hashes = new Map(fleet.map((m) => [`${m.id} region:weur`, "a".repeat(64)]));

let batches = 0;
const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  batches = planMinute(fleet, hashes, { defaultRegions: ["weur"] }).length;
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const jobs = fleet.reduce((n, m) => n + m.regions.length, 0);
console.log(
  `plan one minute: ${MONITORS} monitors, ${jobs} jobs, ${batches} batches; median ${times[Math.floor(ROUNDS / 2)]?.toFixed(1)} ms, worst ${times.at(-1)?.toFixed(1)} ms`,
);
