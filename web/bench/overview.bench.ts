/**
 * `npm run bench -w @sipwatch/web`: the dashboard's two budgets, measured in Debian's Chromium.
 * 1. Initial JavaScript for the overview: the built app (web/dist) served with a stub API, and
 *    every script the browser fetched until the overview list showed, gzipped. Budget 200 KB.
 * 2. Time to render 1,000 monitors from local data (React commit + layout), median of 7,
 *    beside a baseline in the same run: the same rows with recharts sparklines.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { launchChromium } from "../../infra/browser/chromium";
import { fleet } from "./fleet";

const WEB = resolve(import.meta.dirname, "..");
const DIST = join(WEB, "dist");
const BUDGET_KB = 200;
const N = 1000;
const RUNS = 7;

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
  ".svg": "image/svg+xml",
};
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** web/dist as the Worker's assets would serve it, plus the two overview API answers, signed in. */
function serveDist(overview: unknown, availability: unknown) {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://bench");
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/api/v1/organisations/current")
      return json({ id: "org_1", name: "Bench", slug: "bench", createdAt: new Date().toISOString(), role: "owner" });
    if (url.pathname === "/api/v1/organisations") return json({ organisations: [] });
    if (url.pathname === "/api/v1/overview") return json(overview);
    if (url.pathname === "/api/v1/overview/availability") return json(availability);
    const file = url.pathname === "/" || !extname(url.pathname) ? "index.html" : url.pathname.slice(1);
    try {
      const body = readFileSync(join(DIST, file));
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

const data = fleet(N);
const server = serveDist({ monitors: data.monitors }, { from: 0, hours: 24, monitors: data.sparklines });
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
try {
  // 1. What the overview makes the browser download.
  const page = await browser.newPage();
  const scripts = new Set<string>();
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.add(new URL(r.url()).pathname);
  });
  await page.goto(base);
  await page.getByRole("list", { name: "Monitors" }).waitFor({ timeout: 30_000 });
  const sizes = [...scripts].map((path) => {
    const body = readFileSync(join(DIST, path));
    return { path, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const charts = readFileSync(join(DIST, "index.html"), "utf8").includes("HistoryCharts") ? "yes" : "no";
  console.log("Initial JavaScript of the overview (every script Chromium fetched until the list showed):");
  for (const s of sizes) console.log(`  ${s.path}  ${kb(s.raw)} KB raw, ${kb(s.gzip)} KB gzipped`);
  console.log(
    `  total ${kb(total)} KB gzipped, budget ${BUDGET_KB} KB: ${total <= BUDGET_KB * 1024 ? "within" : "OVER"} (recharts preloaded: ${charts})`,
  );
  await page.close();

  // 2. Rendering 1,000 monitors from local data, in production React.
  const bundle = await build({
    entryPoints: [join(WEB, "bench/render-entry.tsx")],
    bundle: true,
    write: false,
    minify: true,
    format: "iife",
    jsx: "automatic",
    outdir: "/bench-out",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const js = bundle.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = bundle.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "";
  const bench = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await bench.setContent(
    `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div></body></html>`,
  );
  await bench.addScriptTag({ content: js });
  const times: Record<string, number[]> = { sipwatch: [], "recharts-sparklines": [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate, so drift on a shared machine hits both alike.
    for (const variant of ["sipwatch", "recharts-sparklines"] as const) {
      times[variant]?.push(
        await bench.evaluate(
          ({ v, n }) => (window as unknown as { renderOnce(v: string, n: number): number }).renderOnce(v, n),
          { v: variant, n: N },
        ),
      );
    }
  }
  const ours = median(times.sipwatch ?? []);
  const baseline = median(times["recharts-sparklines"] ?? []);
  console.log(`\nRender ${N} monitors (React commit + layout, median of ${RUNS}, Chromium):`);
  console.log(`  sipwatch overview (SVG path sparklines)   ${ours.toFixed(0)} ms`);
  console.log(`  baseline: same rows, recharts sparklines  ${baseline.toFixed(0)} ms`);
  console.log(`  ratio baseline / sipwatch                 ${(baseline / ours).toFixed(1)}x`);
} finally {
  await browser.close();
  server.close();
}
