/**
 * `npm run bench` (badge part, issue 6): requests per second and latency of `GET /badge/<slug>.svg`
 * served by the real Worker (bench/badge-worker.ts wraps workers/src/index.ts) in workerd through
 * Miniflare, over a local D1 with the migrations applied and one public monitor with a few runs,
 * an open finding and hourly rollups. Beside it, measured in the same run and the same way: a
 * route of the same Worker answering the same SVG bytes from a binding, with no D1 query (the
 * baseline; not Miniflare's static assets). Requests come from Node through `mf.dispatchFetch`,
 * so both figures include Miniflare's loopback dispatch; the ratio is what the badge adds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleBenchWorker } from "./bench-worker";

const REQUESTS = Number(process.env.BENCH_BADGE_REQUESTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_BADGE_CONCURRENCY ?? 16);
const SLUG = "bench-pbx";
const root = fileURLToPath(new URL("../..", import.meta.url));

function migrations(): string[] {
  return readdirSync(`${root}db/migrations`)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(`${root}db/migrations/${f}`, "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
}

const summary = (ok: boolean) =>
  JSON.stringify({
    v: 1,
    status: ok ? "ok" : "critical",
    transports: { tls: { ok, ms: ok ? 42 : null }, tcp: { ok: true, ms: 20 } },
    targets: [],
    profiles: [],
    certDaysLeft: 45,
    findings: { critical: ok ? 0 : 1, warning: 0, info: 0 },
  });

/** One public monitor seen from two regions: 5 runs each, one open finding, 24 hourly rollups each. */
async function seed(db: Awaited<ReturnType<Miniflare["getD1Database"]>>, now: number): Promise<void> {
  for (const sql of migrations()) await db.prepare(sql).run();
  const thresholds = JSON.stringify({ failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 });
  const statements = [
    db
      .prepare("INSERT INTO organisation (id, name, slug, created_at) VALUES ('org_bench', 'Bench', 'bench', ?)")
      .bind(now),
    db
      .prepare(
        `INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes,
           phase_minute, thresholds, is_public, slug, enabled, created_at, updated_at)
         VALUES ('mon_bench', 'org_bench', 'Bench PBX', 'sips:pbx.example.com', '["tls","tcp"]', '["weur","enam"]', 1, 0, ?, 1, ?, 1, ?, ?)`,
      )
      .bind(thresholds, SLUG, now, now),
  ];
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  for (const region of ["weur", "enam"]) {
    for (let i = 0; i < 5; i++) {
      const ok = region === "weur" || i < 4;
      statements.push(
        db
          .prepare(
            "INSERT INTO run (monitor_id, vantage_id, started_at, duration_ms, status, summary) VALUES ('mon_bench', ?, ?, 900, ?, ?)",
          )
          .bind(`region:${region}`, now - (5 - i) * 60_000, ok ? "ok" : "critical", summary(ok)),
      );
    }
    for (let h = 1; h <= 24; h++) {
      statements.push(
        db
          .prepare(
            "INSERT INTO rollup (monitor_id, vantage_id, transport, granularity, bucket_start, runs, successes) VALUES ('mon_bench', ?, 'all', 'hour', ?, 60, ?)",
          )
          .bind(`region:${region}`, hour - h * 3_600_000, region === "weur" ? 60 : 59),
      );
    }
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO finding (monitor_id, vantage_id, finding_id, subject, severity, title, detail, fix, evidence, opened_at)
         VALUES ('mon_bench', 'region:enam', 'transport.tls.handshake-failed', 'sip1.example.com:5061', 'critical',
           'TLS handshake with sip1.example.com fails', 'TLS clients fall back to TCP', 'Renew the certificate', '{}', ?)`,
      )
      .bind(now - 60_000),
  );
  await db.batch(statements);
}

interface Figures {
  perSecond: number;
  medianMs: number;
  p95Ms: number;
}

/** `REQUESTS` GETs, `CONCURRENCY` at a time; each must answer 200 with `expected` as its body. */
async function hammer(mf: Miniflare, path: string, expected: string, requests = REQUESTS): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < requests) {
      next++;
      const started = performance.now();
      const response = await mf.dispatchFetch(`http://bench.sipwatch.test${path}`);
      const body = await response.text();
      latencies.push(performance.now() - started);
      if (response.status !== 200 || body !== expected)
        throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { perSecond: requests / seconds, medianMs: at(0.5), p95Ms: at(0.95) };
}

const bundle = await bundleBenchWorker(new URL("./badge-worker.ts", import.meta.url));
const now = Date.now();
/** A Miniflare running the bench Worker over a freshly seeded in-memory D1. */
async function start(baselineSvg: string): Promise<Miniflare> {
  const mf = new Miniflare({
    workers: [
      {
        config: {
          name: "badge-bench",
          compatibilityDate: "2026-10-01",
          compatibilityFlags: ["nodejs_compat"],
          manifest: { mainModule: "worker.js", modules: { "worker.js": { type: "esm", contents: bundle } } },
          env: {
            DB: { type: "d1", id: "badge-bench" },
            BASELINE_SVG: { type: "text", value: baselineSvg },
            // What parseConfig needs; nothing here is reached by the badge route.
            BETTER_AUTH_SECRET: { type: "text", value: "badge-bench-secret-at-least-32-characters" },
            PUBLIC_URL: { type: "text", value: "http://bench.sipwatch.test" },
            DNS_RESOLVERS: { type: "text", value: "tcp://127.0.0.1:53" },
            DEFAULT_REGIONS: { type: "text", value: "weur,enam" },
          },
        },
      },
    ],
  });
  await seed(await mf.getD1Database("DB"), now);
  return mf;
}

// The baseline answers the badge's own bytes, read from a first run, so both routes send the same body.
const probe = await start("");
const first = await probe.dispatchFetch(`http://bench.sipwatch.test/badge/${SLUG}.svg`);
const svg = await first.text();
await probe.dispose();
if (first.status !== 200 || !svg.startsWith("<svg")) throw new Error(`badge: ${first.status} ${svg.slice(0, 200)}`);

const mf = await start(svg);
try {
  // Warm-up: JIT, the isolate's first requests, SQLite's page cache.
  await hammer(mf, "/baseline.svg", svg, 200);
  await hammer(mf, `/badge/${SLUG}.svg`, svg, 200);
  const baseline = await hammer(mf, "/baseline.svg", svg);
  const badge = await hammer(mf, `/badge/${SLUG}.svg`, svg);

  const row = (name: string, f: Figures) =>
    `| ${name} | ${f.perSecond.toFixed(0)} | ${f.medianMs.toFixed(2)} ms | ${f.p95Ms.toFixed(2)} ms |`;
  console.log(`badge bench: ${REQUESTS.toLocaleString("en")} requests each, ${CONCURRENCY} at a time, from Node via Miniflare dispatchFetch (${svg.length} bytes of SVG)

| | requests/s | median | p95 |
|---|---|---|---|
${row(`GET /badge/${SLUG}.svg (real Worker over D1)`, badge)}
${row("baseline: same Worker, same SVG from a binding, no D1 (not static assets)", baseline)}
| badge vs baseline | ${(badge.perSecond / baseline.perSecond).toFixed(2)}x | ${(badge.medianMs / baseline.medianMs).toFixed(2)}x | ${(badge.p95Ms / baseline.p95Ms).toFixed(2)}x |
`);
} finally {
  await mf.dispose();
}
