import type { SipOptionsOutcome, TlsOutcome, Transport } from "@sipwatch/core";
import { type HostileSipMode, startHostileSip } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSipOptionsProber } from "../src/adapters/sip-options-prober";
import { NodeTlsProber } from "../src/adapters/tls-prober";
import { closer, pki, target, timed } from "./probe-fixtures";

const TIMEOUT_MS = 800;
/** Whatever the peer does, a probe ends within its timeout plus this (the brief's "+1 s"). */
const SLACK_MS = 1000;
const servers = closer();
afterEach(() => servers.closeAll());

async function hostile(mode: HostileSipMode, insideTls = false) {
  const cert = (await pki()).certificates.valid;
  const tls = insideTls ? { tls: { cert: cert.chainPem, key: cert.keyPem } } : {};
  return servers.add(await startHostileSip(mode, tls));
}

describe("NodeTlsProber against hostile servers", () => {
  // mode, expected outcome, what the result says
  const cases: Array<[HostileSipMode, TlsOutcome, RegExp]> = [
    ["garbage", "not-tls", /not a TLS record/],
    ["plaintext-sip", "not-tls", /not a TLS record/],
    ["endless", "handshake-failed", /more than 262144 bytes/],
    ["huge-chain", "handshake-failed", /excessive message size/],
    ["drip", "timeout", /no result within 800 ms/],
    ["silent", "timeout", /no result within 800 ms/],
  ];

  it.each(cases)("%s ends as %s within the timeout", async (mode, outcome, error) => {
    const server = await hostile(mode);
    const prober = new NodeTlsProber({ checkLegacyVersions: true });
    const { result, ms } = await timed(() => prober.probe(target("tls", server.port), { timeoutMs: TIMEOUT_MS }));
    expect(result).toMatchObject({ outcome, chain: [] });
    expect(result.error).toMatch(error);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it("shows what a plaintext SIP server said on the TLS port", async () => {
    const server = await hostile("plaintext-sip");
    const result = await new NodeTlsProber().probe(target("tls", server.port), { timeoutMs: TIMEOUT_MS });
    expect(result.firstBytes).toMatch(/^SIP\/2\.0 400 Bad Request\\r\\nServer: plaintext-lab/);
  });
});

describe("NodeSipOptionsProber against hostile servers", () => {
  // mode, transport, misbehaviour inside TLS, expected outcome, what the error says
  const cases: Array<[HostileSipMode, Transport, boolean, SipOptionsOutcome, RegExp]> = [
    ["garbage", "tcp", false, "malformed", /not a SIP response/],
    ["endless", "tcp", false, "too-large", /65536/],
    ["drip", "tcp", false, "timeout", /800 ms/],
    ["silent", "tcp", false, "timeout", /800 ms/],
    ["no-content-length", "tcp", false, "malformed", /Content-Length \(RFC 3261 18\.3\)/],
    ["never-ends", "tcp", false, "too-large", /1000\d+ bytes exceeds 65536/],
    ["plaintext-sip", "tcp", false, "malformed", /400 response without Via or Call-ID/],
    ["plaintext-sip", "tls", false, "handshake-failed", /TLS handshake: wrong version number/],
    // HelloRequests are skipped by OpenSSL while it handshakes: bounded memory, ended by the deadline.
    ["endless", "tls", false, "timeout", /TLS handshake: no result within 800 ms/],
    ["garbage", "tls", false, "handshake-failed", /TLS handshake/],
    ["huge-chain", "tls", false, "handshake-failed", /excessive message size/],
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
    ["huge-chain", "wss", false, "handshake-failed", /excessive message size/],
  ];

  it.each(cases)("%s over %s (inside TLS: %s) ends as %s", async (mode, transport, insideTls, outcome, error) => {
    const server = await hostile(mode, insideTls);
    const prober = new NodeSipOptionsProber();
    const { result, ms } = await timed(() => prober.options(target(transport, server.port), { timeoutMs: TIMEOUT_MS }));
    expect(result.outcome).toBe(outcome);
    expect(result.error).toMatch(error);
    expect(ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    if (outcome === "upgrade-failed") expect(result.upgradeStatus).toBe(mode === "ws-refuse" ? 403 : 101);
  });
});
