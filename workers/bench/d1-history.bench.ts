/**
 * `npm run bench` (history part, issue 4): 10,000 monitors x 3 regions on a local D1 (workerd
 * through Miniflare, the same SQLite engine `wrangler dev` uses). Prints, each beside the naive
 * design measured in the same run:
 * - rows and bytes written per monitor x vantage x run (target: 1 row plus changes);
 * - the dispatcher's time to plan one minute's work;
 * - a 90-day chart query for one monitor and the overview of a 1,000-monitor organisation
 *   (targets: under 50 ms each).
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type AuditReport, summariseRun } from "@sipwatch/core";
import { startLabDns, startLiveService } from "@sipwatch/infra/lab";
import { Miniflare } from "miniflare";
import { bundleBenchWorker } from "./bench-worker";

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const PER_ORGANISATION = 1_000;
const TARGET_MS = 50;
const root = fileURLToPath(new URL("../..", import.meta.url));

/** A real report to store: the CLI's audit of a lab domain whose TLS certificate has expired. */
async function realReport(): Promise<AuditReport> {
  const live = await startLiveService("bench.sipwatch.test", "expired", "bench");
  const dns = await startLabDns({ zones: [live.zone] });
  try {
    const { stdout } = await promisify(execFile)(
      `${root}node_modules/.bin/sipwatch`,
      ["check", "bench.sipwatch.test", "--resolver", `127.0.0.1:${dns.udpPort}`, "--lab", "--json"],
      { maxBuffer: 1 << 24 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })); // exit code 2: critical findings
    return JSON.parse(stdout) as AuditReport;
  } finally {
    await Promise.all([dns.close(), live.close()]);
  }
}

const report = await realReport();
const now = Math.floor(Date.now() / 300_000) * 300_000;
const summary = summariseRun(report, new Date(now));
const finding = report.findings.find((f) => f.severity === "critical") ?? report.findings[0];

const bundle = await bundleBenchWorker(new URL("./history-worker.ts", import.meta.url));
const mf = new Miniflare({
  workers: [
    {
      config: {
        name: "history-bench",
        compatibilityDate: "2026-10-01",
        compatibilityFlags: ["nodejs_compat"],
        manifest: {
          mainModule: "worker.js",
          modules: { "worker.js": { type: "esm", contents: bundle } },
        },
        env: { DB: { type: "d1", id: "history-bench" } },
      },
    },
  ],
});

async function call<T>(path: string, body: unknown): Promise<T> {
  const response = await mf.dispatchFetch(`http://bench${path}`, { method: "POST", body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

try {
  const migrations = readdirSync(`${root}db/migrations`)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(`${root}db/migrations/${f}`, "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
  await call("/migrate", { statements: migrations });
  const seeded = await call<{ ms: number; bytes: number }>("/seed", {
    monitors: MONITORS,
    perOrganisation: PER_ORGANISATION,
    runsPerPair: 3,
    now,
    summary: JSON.stringify(summary),
  });
  console.log(
    `history bench: ${MONITORS.toLocaleString("en")} monitors x 3 regions, every 5 minutes; seeded in ${(seeded.ms / 1000).toFixed(1)} s, database ${(seeded.bytes / 1e6).toFixed(0)} MB`,
  );

  const minute = now / 60_000 + 5;
  const plan = await call<{ productMs: number; naiveMs: number; jobs: number; batches: number }>("/plan", { minute });

  // Three rounds of the same minute slot: the first opens a finding on 1 monitor in 50, the next resolves it.
  type Written = { rowsWritten: number; changes: number; bytes: number };
  const rounds: { runs: number; product: Written; naive: Written }[] = [];
  for (let round = 0; round < 3; round++) {
    rounds.push(
      await call("/record", {
        minute: minute + round * 5,
        summary,
        finding,
        changeEvery: 50,
        report,
        reportFindings: report.findings,
      }),
    );
  }
  const sum = (pick: (r: (typeof rounds)[number]) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  const runs = sum((r) => r.runs);
  const perRun = {
    tableRows: sum((r) => r.product.changes) / runs,
    naiveTableRows: sum((r) => r.naive.changes) / runs,
    rows: sum((r) => r.product.rowsWritten) / runs,
    bytes: sum((r) => r.product.bytes) / runs,
    naiveRows: sum((r) => r.naive.rowsWritten) / runs,
    naiveBytes: sum((r) => r.naive.bytes) / runs,
  };
  const chart = await call<{ productMs: number; naiveMs: number; points: number; naivePoints: number }>("/chart", {
    now,
  });
  const overview = await call<{ productMs: number; naiveMs: number; product: { monitors: number; runs: number } }>(
    "/overview",
    { organisationId: "org_0" },
  );

  const ratio = (naive: number, product: number) => `${(naive / product).toFixed(1)}x`;
  const verdict = (ms: number) => (ms < TARGET_MS ? `under ${TARGET_MS} ms` : `OVER ${TARGET_MS} ms`);
  console.log(`
| | sipwatch | naive baseline | ratio |
|---|---|---|---|
| table rows written per monitor x vantage x run (${runs.toLocaleString("en")} runs, 2% changing) | ${perRun.tableRows.toFixed(3)} | ${perRun.naiveTableRows.toFixed(2)} (row per probe, report, findings) | ${ratio(perRun.naiveTableRows, perRun.tableRows)} |
| D1 rows_written per run (index entries included, as billed) | ${perRun.rows.toFixed(3)} | ${perRun.naiveRows.toFixed(2)} | ${ratio(perRun.naiveRows, perRun.rows)} |
| bytes written per run (database growth) | ${perRun.bytes.toFixed(0)} | ${perRun.naiveBytes.toFixed(0)} | ${ratio(perRun.naiveBytes, perRun.bytes)} |
| plan one minute (${plan.jobs.toLocaleString("en")} jobs in ${plan.batches} batches), no write | ${plan.productMs.toFixed(1)} ms | ${plan.naiveMs.toFixed(1)} ms (scan every monitor; a next_run_at design also writes each due monitor) | ${ratio(plan.naiveMs, plan.productMs)} |
| 90-day chart, one monitor (${chart.points} points) | ${chart.productMs.toFixed(1)} ms, ${verdict(chart.productMs)} | ${chart.naiveMs.toFixed(1)} ms (aggregate per-probe rows) | ${ratio(chart.naiveMs, chart.productMs)} |
| overview, ${overview.product.monitors.toLocaleString("en")} monitors (${overview.product.runs.toLocaleString("en")} latest runs) | ${overview.productMs.toFixed(1)} ms, ${verdict(overview.productMs)} | ${overview.naiveMs.toFixed(1)} ms (a query per monitor x region) | ${ratio(overview.naiveMs, overview.productMs)} |
`);
  // 2% of monitor x vantage pairs open or resolve a finding each round: that is the "plus changes".
  const rowsMet = perRun.tableRows <= 1 + 0.02 * 2;
  console.log(
    `Target: at most 1 row per monitor x vantage x run plus changes: ${rowsMet ? "met" : "NOT met"} (${perRun.tableRows.toFixed(3)} table rows; D1 bills ${perRun.rows.toFixed(2)} rows_written, since each run row also writes its 2 index entries).`,
  );
} finally {
  await mf.dispose();
}
