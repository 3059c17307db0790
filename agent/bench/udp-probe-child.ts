/**
 * The measured process of udp-probes.bench.ts: the agent's UDP OPTIONS prober and nothing
 * else. Bundled by the parent and run with plain Node (no tsx loader), so its resident memory
 * is that of the probes, not of a TypeScript compiler or of the lab servers answering them.
 * argv: mode ("concurrent" | "sequential"), probe count, then the endpoints as host:port.
 * Prints one JSON line with the figures.
 */
import type { ProbeTarget } from "@sipwatch/core";
import { NodeSipOptionsProber } from "../src/adapters/sip-options-prober";

const [mode, countText, ...endpoints] = process.argv.slice(2);
const count = Number(countText);
const PROBE_TIMEOUT_MS = 4000;

const targets: ProbeTarget[] = Array.from({ length: count }, (_, i) => {
  const [address, port] = (endpoints[i % endpoints.length] as string).split(":");
  return {
    transport: "udp",
    host: "bench.sipwatch.test",
    address: address as string,
    port: Number(port),
    sipDomain: "bench.sipwatch.test",
  };
});
const prober = new NodeSipOptionsProber();
const probe = (target: ProbeTarget) => prober.options(target, { timeoutMs: PROBE_TIMEOUT_MS });

// Warm-up: load and JIT the probe's code paths, so the baseline is a running agent's, not a cold start's.
for (const target of targets.slice(0, endpoints.length)) await probe(target);
const baselineRss = process.memoryUsage.rss();

let peakRss = baselineRss;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
// Sampled on a timer and as each probe ends: the timer alone is starved while 500 sockets are busy.
const sampler = setInterval(sample, 2);
const started = performance.now();
let answered = 0;
const one = async (target: ProbeTarget) => {
  const result = await probe(target);
  if (result.outcome === "answered") answered++;
  sample();
};
if (mode === "concurrent") {
  await Promise.all(targets.map(one));
} else {
  for (const target of targets) await one(target);
}
const elapsedMs = performance.now() - started;
clearInterval(sampler);
sample();

console.log(JSON.stringify({ mode, probes: count, answered, elapsedMs, baselineRss, peakRss }));
