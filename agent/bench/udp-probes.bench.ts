/**
 * `npm run bench`: the agent's resident memory while 500 UDP SIP OPTIONS probes are in flight
 * at once, and probes per second, beside the same 500 probes run one at a time, both measured
 * in this run against lab SIP servers on loopback. Target (issue 7): under 100 MB resident.
 *
 * What is measured: the RSS of a child process that holds only the agent's UDP prober (bundled
 * with esbuild and run by plain Node, as the shipped agent is), sampled throughout the probes;
 * the lab servers answering them run in this process and are not counted. Each mode gets a
 * fresh child so one's heap does not inflate the other's figures.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type SipLab, startSipLab } from "@sipwatch/infra/lab";
import { build } from "esbuild";

const PROBES = Number(process.env.BENCH_PROBES ?? 500);
// Several servers, so no single socket's receive buffer has to hold 500 datagrams at once.
const SERVERS = Number(process.env.BENCH_SIP_SERVERS ?? 25);
const TARGET_MB = 100;

interface ChildFigures {
  mode: string;
  probes: number;
  answered: number;
  elapsedMs: number;
  baselineRss: number;
  peakRss: number;
}

const run = promisify(execFile);
const outDir = mkdtempSync(join(tmpdir(), "sipwatch-bench-"));
const labs: SipLab[] = [];
try {
  const child = join(outDir, "udp-probe-child.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "udp-probe-child.ts")],
    outfile: child,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    logLevel: "warning",
    // As agent/build.mjs: CommonJS dependencies need a real require inside an ES module bundle.
    banner: {
      js: 'import { createRequire as __sipwatchRequire } from "node:module"; const require = __sipwatchRequire(import.meta.url);',
    },
  });
  for (let i = 0; i < SERVERS; i++) labs.push(await startSipLab({ transports: ["udp"] }));
  const endpoints = labs.map((lab) => `${lab.host}:${lab.ports.udp}`);

  const measure = async (mode: "concurrent" | "sequential"): Promise<ChildFigures> => {
    const { stdout } = await run(process.execPath, [child, mode, String(PROBES), ...endpoints], {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1) as string) as ChildFigures;
  };
  const sequential = await measure("sequential");
  const concurrent = await measure("concurrent");

  const mb = (bytes: number) => bytes / (1024 * 1024);
  const rate = (f: ChildFigures) => f.probes / (f.elapsedMs / 1000);
  const row = (f: ChildFigures) =>
    console.log(
      `${f.mode.padEnd(12)}${`${f.answered}/${f.probes}`.padStart(9)}${f.elapsedMs.toFixed(0).padStart(10)} ms${rate(f).toFixed(0).padStart(9)}/s` +
        `${mb(f.baselineRss).toFixed(1).padStart(11)} MB${mb(f.peakRss).toFixed(1).padStart(9)} MB${mb(
          f.peakRss - f.baselineRss,
        )
          .toFixed(1)
          .padStart(9)} MB`,
    );
  console.log(
    `UDP SIP OPTIONS probes from the agent's prober to ${SERVERS} lab servers on loopback, ${PROBES} probes per mode;\n` +
      "RSS of the probing process only (a fresh child per mode), peak sampled during the probes\n",
  );
  console.log(
    `${"mode".padEnd(12)}${"answered".padStart(9)}${"wall".padStart(13)}${"rate".padStart(11)}${"RSS before".padStart(14)}${"peak".padStart(12)}${"growth".padStart(12)}`,
  );
  row(sequential);
  row(concurrent);
  const peakMb = mb(concurrent.peakRss);
  const allAnswered = concurrent.answered === concurrent.probes && sequential.answered === sequential.probes;
  const ok = peakMb < TARGET_MB && allAnswered;
  console.log(
    `\nconcurrent vs sequential: ${(rate(concurrent) / rate(sequential)).toFixed(1)}x the probes per second, ` +
      `${(concurrent.peakRss / sequential.peakRss).toFixed(2)}x the peak RSS`,
  );
  console.log(
    `${ok ? "PASS" : "MISS"}: peak RSS with ${PROBES} concurrent probes ${peakMb.toFixed(1)} MB (target < ${TARGET_MB} MB)` +
      (allAnswered ? "" : "; not every probe was answered"),
  );
} finally {
  await Promise.all(labs.map((lab) => lab.close()));
  rmSync(outDir, { recursive: true, force: true });
}
