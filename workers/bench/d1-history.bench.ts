/**
 * `npm run bench` (history part, issue 15): the storage that grows with change, beside today's
 * design (a `run` row per monitor x vantage x run) measured in the same run, on local D1s
 * (workerd through Miniflare, the same SQLite engine `wrangler dev` uses). Prints:
 * - D1 rows_written and bytes per monitor x vantage x run, steady and with 1% and 10% of runs
 *   changing outcome (an hour of 1-minute rounds, so the hourly rollup writes are included);
 * - the 90-day chart and the 1,000-monitor overview read times;
 * - one shard's size after a simulated day of 1,000 monitors x 9 regions every minute (the
 *   product's writes, a synthetic clock), and what 30 days of it come to.
 * Sizes: BENCH_MONITORS (read fleet, 10,000), BENCH_WRITE_MONITORS (per scenario, 1,000),
 * BENCH_DAY_MONITORS (the simulated day, 1,000).
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { type RunSummary, summariseRun } from "@sipwatch/core";
import { Miniflare } from "miniflare";
import { bundleBenchWorker } from "./bench-worker";
import { migrationStatements, recordedReport } from "./recorded-report";

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const WRITE_MONITORS = Number(process.env.BENCH_WRITE_MONITORS ?? 1_000);
const DAY_MONITORS = Number(process.env.BENCH_DAY_MONITORS ?? 1_000);
const DAY_MINUTES = Number(process.env.BENCH_DAY_MINUTES ?? 1_440);
const PER_ORGANISATION = 1_000;
const TARGET_MS = 50;
const NINE_REGIONS = ["weur", "enam", "apac", "wnam", "eeur", "sam", "oc", "afr", "me"];

const f = (n: number, d = 2) => n.toFixed(d);
// The machine's load when a figure was taken: local timings scale with it.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(", ");

const report = await recordedReport();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Math.floor(Date.now() / HOUR) * HOUR;
const steady = summariseRun(report, new Date(now));
// The changed outcome: TLS stops answering, the run is critical, one more finding is open.
const changed: RunSummary = {
  ...steady,
  status: "critical",
  transports: { ...steady.transports, tls: { ok: false, ms: null } },
};
const finding = report.findings.find((f) => f.severity === "critical") ?? report.findings[0];

const bundle = await bundleBenchWorker(new URL("./history-worker.ts", import.meta.url));
const mf = new Miniflare({
  workers: [
    {
      config: {
        name: "history-bench",
        compatibilityDate: "2026-10-01",
        compatibilityFlags: ["nodejs_compat"],
        manifest: { mainModule: "worker.js", modules: { "worker.js": { type: "esm", contents: bundle } } },
        // As wrangler.toml binds them: the control database and history shards apart.
        env: {
          DB: { type: "d1", id: "history-bench" },
          HISTORY: { type: "d1", id: "history-bench-shard" },
          SHARD: { type: "d1", id: "history-shard" },
        },
      },
    },
  ],
});

async function call<T>(path: string, body: unknown): Promise<T> {
  const response = await mf.dispatchFetch(`http://bench${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Round = { runs: number; ms: number; product: Written; old: Written; size: number };
type Written = { rowsWritten: number; bytes: number };

/** An hour of 1-minute rounds from minute 30 (after one uncounted first round), crossing one hour boundary. */
async function scenario(prefix: string, changeRate: number, regions: string[]) {
  const start = now / 60_000 + 29;
  const base = { db: "HISTORY", prefix, monitors: WRITE_MONITORS, regions, changeRate, steady, changed, finding };
  await call<Round>("/round", { ...base, minute: start, baseline: true });
  const rounds: Round[] = [];
  for (let m = 1; m <= 60; m++)
    rounds.push(await call<Round>("/round", { ...base, minute: start + m, baseline: true }));
  const runs = rounds.reduce((n, r) => n + r.runs, 0);
  const per = (pick: (r: Round) => number) => rounds.reduce((n, r) => n + pick(r), 0) / runs;
  return {
    runs,
    rows: per((r) => r.product.rowsWritten),
    bytes: per((r) => r.product.bytes),
    oldRows: per((r) => r.old.rowsWritten),
    oldBytes: per((r) => r.old.bytes),
    msPerRun: per((r) => r.ms),
  };
}

try {
  const migrations = migrationStatements();
  await call("/migrate", { statements: migrations });
  await call("/migrate", { statements: migrations, db: "HISTORY" });
  const emptyShard = await call<{ bytes: number }>("/migrate", { statements: migrations, db: "SHARD" });
  const seeded = await call<{ ms: number; bytes: number }>("/seed", {
    monitors: MONITORS,
    perOrganisation: PER_ORGANISATION,
    runsPerPair: 3,
    now,
    summary: JSON.stringify(steady),
  });
  console.log(
    `history bench: read fleet ${MONITORS.toLocaleString("en")} monitors x 3 regions seeded in ${(seeded.ms / 1000).toFixed(1)} s (${(seeded.bytes / 1e6).toFixed(0)} MB); writes: ${WRITE_MONITORS.toLocaleString("en")} monitors x 3 regions x 61 one-minute rounds per scenario`,
  );
  const plan = await call<{ productMs: number; jobs: number; batches: number }>("/plan", { minute: now / 60_000 + 5 });
  const regions = ["weur", "enam", "apac"];
  const s0 = await scenario("s0", 0, regions);
  const s1 = await scenario("s1", 0.01, regions);
  const s10 = await scenario("s10", 0.1, regions);
  const readLoad = load();
  const chart = await call<{ productMs: number; oldMs: number; points: number; oldPoints: number }>("/chart", { now });
  const overview = await call<{
    productMs: number;
    oldMs: number;
    product: { monitors: number; runs: number };
    parts: { monitorList: number; stateRows: number; openFindings: number; stateRowsPerPair: number };
  }>("/overview", { organisationId: "org_0" });

  const x = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}x` : "n/a");
  const verdict = (ms: number) => (ms < TARGET_MS ? `under ${TARGET_MS} ms` : `OVER ${TARGET_MS} ms`);
  const row = (label: string, s: typeof s0) =>
    `| ${label} | ${f(s.rows, 3)} rows, ${f(s.bytes, 1)} B | ${f(s.oldRows)} rows, ${f(s.oldBytes, 0)} B | ${x(s.oldRows, s.rows)} rows, ${x(s.oldBytes, Math.max(s.bytes, 1))} bytes |`;
  const writesAndReads = `
| per monitor x vantage x run (${s0.runs.toLocaleString("en")} runs each) | sipwatch (state rows + spans + rollups) | today's design (a run row each) | ratio |
|---|---|---|---|
${row("steady state (D1 rows_written, database growth)", s0)}
${row("1% of runs change outcome", s1)}
${row("10% of runs change outcome", s10)}

Targets: at most 1.2 rows_written and 64 bytes per run in steady state: ${s0.rows <= 1.2 && s0.bytes <= 64 ? "met" : "NOT met"}.
Store time: ${f(s0.msPerRun * 1000, 1)} µs per run (the whole tick's reads and batch, local D1).

Reads (load average ${readLoad}; control database and history shard are separate local D1s, as deployed):

| read | sipwatch | today's design | ratio |
|---|---|---|---|
| 90-day chart, one monitor (${chart.points} points) | ${f(chart.productMs, 1)} ms, ${verdict(chart.productMs)} | ${f(chart.oldMs, 1)} ms (${chart.oldPoints} rows) | ${x(chart.oldMs, chart.productMs)} |
| overview, ${overview.product.monitors.toLocaleString("en")} monitors (${overview.product.runs.toLocaleString("en")} latest runs) | ${f(overview.productMs, 1)} ms, ${verdict(overview.productMs)} | ${f(overview.oldMs, 1)} ms | ${x(overview.oldMs, overview.productMs)} |
| overview's reads alone: monitor list (control), state rows, open findings | ${f(overview.parts.monitorList, 1)} ms, ${f(overview.parts.stateRows, 1)} ms, ${f(overview.parts.openFindings, 1)} ms | | |
| state rows as a result row per pair (the previous read) | ${f(overview.parts.stateRowsPerPair, 1)} ms | | ${x(overview.parts.stateRowsPerPair, overview.parts.stateRows)} |
| plan one minute (${plan.jobs.toLocaleString("en")} jobs in ${plan.batches} batches) | ${f(plan.productMs, 1)} ms | | |

`;
  // Printed before the day, which takes the longest: a stopped run keeps these figures.
  console.log(writesAndReads);

  // One shard, one day: 1,000 monitors x 9 regions every minute, 1% of runs changing. The
  // synthetic clock starts at a UTC midnight so the day is one calendar day (one daily rollup row
  // per pair); started mid-day it would touch two dates and count each pair's day twice.
  const dayMidnight = Math.floor(now / DAY) * DAY;
  const dayStart = Date.now();
  const dayBase = {
    db: "SHARD",
    prefix: "d",
    monitors: DAY_MONITORS,
    regions: NINE_REGIONS,
    changeRate: 0.01,
    steady,
    changed,
    finding,
  };
  let dayRows = 0;
  let dayRuns = 0;
  let afterFirst = 0;
  for (let m = 0; m < DAY_MINUTES; m++) {
    const t0 = Date.now();
    const r = await call<Round>("/round", { ...dayBase, minute: dayMidnight / 60_000 + m, baseline: false });
    if (process.env.BENCH_DEBUG) console.log(`round ${m}: ${Date.now() - t0} ms in all, ${r.ms} ms in storeResults`);
    dayRows += r.product.rowsWritten;
    dayRuns += r.runs;
    if (m === 0) afterFirst = r.size;
    if (m % 240 === 239) {
      // A checkpoint a stopped run still reports: the shard's size so far.
      const { bytes } = await call<{ bytes: number }>("/census", { db: "SHARD" });
      console.log(
        `  simulated ${m + 1} minutes of the day in ${((Date.now() - dayStart) / 1000).toFixed(0)} s: ${dayRuns.toLocaleString("en")} runs, ${f(dayRows / dayRuns, 3)} rows_written per run, shard ${f(bytes / 1e6, 1)} MB, load average ${loadavg()[0]?.toFixed(1)}`,
      );
    }
  }
  type Census = Record<
    | "bytes"
    | "states"
    | "spans"
    | "findings"
    | "hourly"
    | "daily"
    | "hourlyBytes"
    | "dailyBytes"
    | "spanBytes"
    | "findingBytes"
    | "stateBytes",
    number
  >;
  const census = await call<Census>("/census", { db: "SHARD" });

  const dayGrowth = census.bytes - afterFirst;
  // A day keeps 24 hourly rows and one daily row per pair. The census counts only the hours that
  // closed within the simulated minutes (the last hour closes on the next round), so the rollups'
  // share of a day is the measured average row times the rows a full day holds.
  const pairs = census.states;
  const perDay = {
    spanBytes: census.spanBytes,
    findingBytes: census.findingBytes,
    hourlyBytes: census.hourly ? (census.hourlyBytes / census.hourly) * pairs * 24 : 0,
    dailyBytes: census.daily ? (census.dailyBytes / census.daily) * pairs : 0,
  };
  // 30 days of spans (and the findings they carry) and hourly rollups, 400 days of daily rows; state rows once.
  const bytes30 =
    census.stateBytes + 30 * (perDay.spanBytes + perDay.hourlyBytes + perDay.findingBytes) + 400 * perDay.dailyBytes;
  const day = `
One shard, simulated ${DAY_MINUTES === 1440 ? "day" : `${DAY_MINUTES} minutes`}: ${DAY_MONITORS.toLocaleString("en")} monitors x 9 regions every minute, 1% of runs changing (${dayRuns.toLocaleString("en")} runs in ${((Date.now() - dayStart) / 1000).toFixed(0)} s, load average at the end ${load()}):
- ${f(dayRows / dayRuns, 3)} rows_written per run; database ${f(emptyShard.bytes / 1e6, 2)} MB empty, ${f(afterFirst / 1e6, 2)} MB after the first minute, ${f(census.bytes / 1e6, 2)} MB after the day (${f(dayGrowth / dayRuns, 1)} B per run)
- rows: ${census.states.toLocaleString("en")} state, ${census.spans.toLocaleString("en")} spans, ${census.findings.toLocaleString("en")} findings, ${census.hourly.toLocaleString("en")} hourly and ${census.daily.toLocaleString("en")} daily rollups
- payload bytes: state ${f(census.stateBytes / 1e6, 2)} MB, spans ${f(census.spanBytes / 1e6, 2)} MB, findings ${f(census.findingBytes / 1e6, 2)} MB, hourly ${f(census.hourlyBytes / 1e6, 2)} MB, daily ${f(census.dailyBytes / 1e6, 2)} MB
- kept 30 days (spans, findings, hourly) and 400 days (daily): about ${f(bytes30 / 1e9, 2)} GB of payload for this shard
`;
  console.log(day);
  if (process.env.BENCH_HISTORY_OUT) writeFileSync(process.env.BENCH_HISTORY_OUT, writesAndReads + day);
} finally {
  await mf.dispose();
}
