import { type DnsResolver, DohResolver } from "@sipwatch/core";
import { type HostileDns, type HostileMode, startHostileDns } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { UdpTcpResolver } from "../src/adapters/udp-tcp-dns";

const TIMEOUT_MS = 400;
const question = { name: "healthy.sipwatch.test", type: "NAPTR" } as const;
let server: HostileDns | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Via = "udp" | "tcp" | "doh";
function resolverFor(via: Via, s: HostileDns): DnsResolver {
  if (via === "doh") return new DohResolver({ endpoints: [s.dohUrl], timeoutMs: TIMEOUT_MS, attempts: 1 });
  return new UdpTcpResolver({
    servers: [{ host: s.host, port: via === "udp" ? s.udpPort : s.tcpPort }],
    timeoutMs: TIMEOUT_MS,
    rounds: 1,
    tcpOnly: via === "tcp",
  });
}

// Every hostile answer ends as an error value of the expected kind, within the timeout.
const cases: Array<[HostileMode, Via, string[]]> = [
  ["garbage", "udp", ["malformed", "mismatch"]],
  ["garbage", "tcp", ["malformed", "mismatch"]],
  ["garbage", "doh", ["malformed", "mismatch"]],
  ["short", "udp", ["malformed"]],
  ["short", "doh", ["malformed"]],
  ["compression-loop", "udp", ["malformed"]],
  ["compression-loop", "tcp", ["malformed"]],
  ["compression-loop", "doh", ["malformed"]],
  ["wrong-id", "udp", ["mismatch"]],
  ["wrong-id", "tcp", ["mismatch"]],
  ["wrong-question", "udp", ["mismatch"]],
  ["wrong-question", "doh", ["mismatch"]],
  ["oversize", "tcp", ["too-large", "malformed", "timeout", "network"]],
  ["oversize", "doh", ["too-large"]],
  ["endless-tcp", "tcp", ["timeout", "too-large"]],
  ["endless-tcp", "doh", ["timeout", "too-large"]],
  ["silent", "udp", ["timeout"]],
  ["silent", "tcp", ["timeout"]],
  ["silent", "doh", ["timeout"]],
  ["slow-drip", "tcp", ["timeout"]],
];

describe("DNS clients against hostile servers", () => {
  it.each(cases)("%s over %s ends in a clear error within the timeout", async (mode, via, kinds) => {
    server = await startHostileDns(mode);
    const started = performance.now();
    const lookup = await resolverFor(via, server).query(question);
    const elapsed = performance.now() - started;
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) {
      expect(kinds).toContain(lookup.failure.kind);
      expect(lookup.failure.message.length).toBeGreaterThan(10);
    }
    // One attempt: its timeout plus scheduling slack, however the server behaves.
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it("retries over TCP when UDP answers are truncated", async () => {
    server = await startHostileDns("truncated-udp");
    const lookup = await resolverFor("udp", server).query(question);
    expect(lookup.ok).toBe(true);
    if (lookup.ok) {
      expect(lookup.answer.server).toMatch(/^tcp:/);
      expect(lookup.answer.records.some((r) => r.type === "NAPTR")).toBe(true);
    }
  });
});
