/**
 * `npm run bench`: the discovery audit's wall time against the critical path (the chain of
 * dependent DNS round trips) and against a sequential walk, all measured in this run against
 * the lab's authoritative server on loopback with a fixed delay injected before every answer.
 * Targets (issue 2): wall <= 1.2x critical path; sequential >= 2x wall.
 */
import { type DnsQuestion, type DnsResolver, parseSipTarget, resolveSipTarget } from "@sipwatch/core";
import { labZones, startLabDns } from "@sipwatch/infra/lab";
import { UdpTcpResolver } from "../src/adapters/udp-tcp-dns";

const LATENCY_MS = Number(process.env.BENCH_DNS_LATENCY_MS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ZONE = "latency.sipwatch.test";

/** The same resolver, one question at a time: what a naive walk costs. */
class OneAtATime implements DnsResolver {
  readonly label: string;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly inner: DnsResolver) {
    this.label = `sequential ${inner.label}`;
  }
  query(question: DnsQuestion, signal?: AbortSignal) {
    const next = this.queue.then(() => this.inner.query(question, signal));
    this.queue = next.catch(() => undefined);
    return next;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

const lab = await startLabDns({ zones: labZones, latencyMs: LATENCY_MS });
try {
  const resolver = new UdpTcpResolver({ servers: [{ host: lab.host, port: lab.udpPort }], timeoutMs: 2000 });
  const parsed = parseSipTarget(ZONE);
  if (!parsed.ok) throw new Error(parsed.error);
  const target = parsed.target;

  await resolveSipTarget(target, resolver); // warm-up: JIT, sockets
  const roundTrip = await timeIt(RUNS, () => resolver.query({ name: ZONE, type: "NAPTR" }));
  const probe = await resolveSipTarget(target, resolver);
  const depth = Math.max(...probe.queries.map((q) => q.depth));
  const criticalPath = depth * roundTrip;
  const wall = await timeIt(RUNS, () => resolveSipTarget(target, resolver));
  const sequential = await timeIt(Math.max(3, Math.floor(RUNS / 3)), () =>
    resolveSipTarget(target, new OneAtATime(resolver)),
  );

  const row = (label: string, ms: number, note = "") =>
    console.log(`${label.padEnd(34)}${ms.toFixed(1).padStart(9)} ms  ${note}`);
  console.log(
    `Discovery audit of ${ZONE}: ${probe.queries.length} questions, dependency depth ${depth}, ${LATENCY_MS} ms injected per answer, median of ${RUNS} runs\n`,
  );
  row("one round trip (baseline)", roundTrip);
  row(`critical path (${depth} x round trip)`, criticalPath);
  row("audit wall time (concurrent)", wall, `${(wall / criticalPath).toFixed(2)}x critical path (target <= 1.20)`);
  row(
    "sequential walk (same queries)",
    sequential,
    `${(sequential / wall).toFixed(2)}x slower than concurrent (target >= 2.00)`,
  );
  const ok = wall / criticalPath <= 1.2 && sequential / wall >= 2;
  console.log(
    `\n${ok ? "PASS" : "MISS"}: wall/critical ${(wall / criticalPath).toFixed(2)}, sequential/wall ${(sequential / wall).toFixed(2)}`,
  );
} finally {
  await lab.close();
}
