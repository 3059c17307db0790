import type { SipOptionsOutcome, TlsOutcome, Transport } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { WorkersSipOptionsProber } from "../src/adapters/sip-options-prober";
import { WorkersTlsProber } from "../src/adapters/tls-prober";
import { lab, target, timed } from "./fixtures";

const TIMEOUT_MS = 800;
/**
 * Servers that stream without end must be stopped by the byte cap, not the timer. Reading
 * 256 KiB can take longer than 800 ms on a loaded CI machine, so those cases get more time
 * and must still end by the cap.
 */
const timeoutFor = (mode: string) => (mode === "endless" || mode === "never-ends" ? 5000 : TIMEOUT_MS);
/** Whatever the peer does, a probe ends within its timeout plus this. */
const SLACK_MS = 1000;
const port = (mode: string, insideTls = false) => {
  const server = lab().hostile[mode];
  if (!server) throw new Error(`no hostile server "${mode}" in the lab`);
  return insideTls ? server.tls : server.plain;
};

describe("WorkersTlsProber against hostile servers", () => {
  const cases: Array<[string, TlsOutcome, RegExp]> = [
    ["garbage", "not-tls", /not a TLS record/],
    ["plaintext-sip", "not-tls", /not a TLS record/],
    ["endless", "handshake-failed", /more than 262144 bytes/],
    // A 1 MiB chain: @reclaimprotocol/tls reads a Certificate message that spans several
    // records as truncated and gives up at the first one, long before the byte cap.
    ["huge-chain", "handshake-failed", /TLS handshake: Unsupported certificate/],
    ["drip", "timeout", /no result within 800 ms/],
    ["silent", "timeout", /no result within 800 ms/],
  ];

  it.each(cases)("%s ends as %s within the timeout", async (mode, outcome, error) => {
    const { result, ms } = await timed(() =>
      new WorkersTlsProber().probe(target("tls", port(mode)), { timeoutMs: timeoutFor(mode) }),
    );
    expect(result).toMatchObject({ outcome, chain: [] });
    expect(result.error).toMatch(error);
    expect(ms).toBeLessThan(timeoutFor(mode) + SLACK_MS);
  });

  it("shows what a plaintext SIP server said on the TLS port", async () => {
    const result = await new WorkersTlsProber().probe(target("tls", port("plaintext-sip")), { timeoutMs: TIMEOUT_MS });
    expect(result.firstBytes).toMatch(/^SIP\/2\.0 400 Bad Request\\r\\nServer: plaintext-lab/);
  });
});

describe("WorkersSipOptionsProber against hostile servers", () => {
  // mode, transport, misbehaviour inside TLS, expected outcome, what the error says
  const cases: Array<[string, Transport, boolean, SipOptionsOutcome, RegExp]> = [
    ["garbage", "tcp", false, "malformed", /not a SIP response/],
    ["endless", "tcp", false, "too-large", /65536/],
    ["drip", "tcp", false, "timeout", /800 ms/],
    ["silent", "tcp", false, "timeout", /800 ms/],
    ["no-content-length", "tcp", false, "malformed", /Content-Length \(RFC 3261 18\.3\)/],
    ["never-ends", "tcp", false, "too-large", /1000\d+ bytes exceeds 65536/],
    ["plaintext-sip", "tcp", false, "malformed", /400 response without Via or Call-ID/],
    ["plaintext-sip", "tls", false, "handshake-failed", /not a TLS record/],
    ["endless", "tls", false, "handshake-failed", /more than 262144 bytes/],
    ["garbage", "tls", false, "handshake-failed", /not a TLS record/],
    ["huge-chain", "tls", false, "handshake-failed", /TLS handshake: Unsupported certificate/],
    ["drip", "tls", false, "timeout", /TLS handshake: no result within 800 ms/],
    ["endless", "tls", true, "too-large", /65536/],
    ["drip", "tls", true, "timeout", /800 ms/],
    ["no-content-length", "tls", true, "malformed", /Content-Length/],
    ["never-ends", "tls", true, "too-large", /exceeds 65536/],
    ["silent", "ws", false, "timeout", /WebSocket upgrade: no result/],
    ["ws-refuse", "ws", false, "upgrade-failed", /403 Forbidden/],
    ["ws-no-subprotocol", "ws", false, "upgrade-failed", /no subprotocol, not "sip"/],
    ["ws-refuse", "wss", true, "upgrade-failed", /403 Forbidden/],
    ["ws-no-subprotocol", "wss", true, "upgrade-failed", /no subprotocol/],
    ["huge-chain", "wss", false, "handshake-failed", /TLS handshake: Unsupported certificate/],
  ];

  it.each(cases)("%s over %s (inside TLS: %s) ends as %s", async (mode, transport, insideTls, outcome, error) => {
    const prober = new WorkersSipOptionsProber();
    const { result, ms } = await timed(() =>
      prober.options(target(transport, port(mode, insideTls)), { timeoutMs: timeoutFor(mode) }),
    );
    expect(result.outcome, result.error).toBe(outcome);
    expect(result.error).toMatch(error);
    expect(ms).toBeLessThan(timeoutFor(mode) + SLACK_MS);
    if (outcome === "upgrade-failed") expect(result.upgradeStatus).toBe(mode === "ws-refuse" ? 403 : 101);
  });
});
