import net from "node:net";
import { type ProbeTarget, runProbes, type TargetProbes, type Transport, transportMismatch } from "@sipwatch/core";
import { type SipLab, startSipLab } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSipOptionsProber } from "../src/adapters/sip-options-prober";
import { NodeTcpDialer } from "../src/adapters/tcp-dialer";
import { NodeTlsProber } from "../src/adapters/tls-prober";
import { closer, DOMAIN, HOST, pki, timed } from "./probe-fixtures";

/**
 * The transport cross-check of run-probes with the Node adapters, on real sockets: the lab's
 * plain TCP SIP listener where TLS is advertised (it waits for a SIP message and says nothing
 * to a ClientHello, as Kamailio does) and its TLS listener where TCP is advertised (it closes
 * on plaintext without a byte), plus listeners that never answer anything.
 */
const ADDRESS = "127.0.2.20";
const TIMEOUT_MS = 800;
// Two probe timeouts per target at most, plus scheduling slack on a busy machine.
const BOUND_MS = 2 * TIMEOUT_MS + 400;

const servers = closer();
afterEach(() => servers.closeAll());

const at = (transport: Transport, port: number): ProbeTarget => ({
  transport,
  host: HOST,
  address: ADDRESS,
  port,
  sipDomain: DOMAIN,
});

async function lab(extra: { maxVersion?: "TLSv1" } = {}): Promise<SipLab> {
  const cert = (await pki()).certificates.valid;
  return servers.add(
    await startSipLab({
      host: ADDRESS,
      transports: ["tcp", "tls"],
      tls: { cert: cert.chainPem, key: cert.keyPem, ...extra },
    }),
  );
}

async function probe(target: ProbeTarget): Promise<{ result: TargetProbes; ms: number }> {
  const probers = {
    tcp: new NodeTcpDialer(),
    tls: new NodeTlsProber({ ca: (await pki()).caPem }),
    sip: new NodeSipOptionsProber(),
  };
  const { result, ms } = await timed(() => runProbes([target], probers, { timeoutMs: TIMEOUT_MS }));
  if (!result[0]) throw new Error("runProbes returned nothing");
  return { result: result[0], ms };
}

/** A TCP listener that accepts and then, per `mode`, says nothing or closes at once; it counts connections. */
async function mute(mode: "silent" | "close"): Promise<{ port: number; connections: () => number }> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    if (mode === "close") socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, ADDRESS, () => resolve()));
  servers.add({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return { port: (server.address() as net.AddressInfo).port, connections: () => count };
}

describe("run-probes cross-check with the Node adapters", () => {
  it("TLS advertised on the plain TCP listener: the ClientHello meets silence, plain OPTIONS get 200", async () => {
    const sip = await lab();
    const { result, ms } = await probe(at("tls", sip.ports.tcp ?? 0));
    expect(result.tls).toMatchObject({ outcome: "timeout", serverBytes: 0 });
    expect(result.sip).toBeUndefined();
    expect(result.crossCheck).toMatchObject({
      met: "silence",
      spoke: "tcp",
      sip: { outcome: "answered", response: { status: 200 }, target: { transport: "tcp", port: sip.ports.tcp } },
    });
    expect(transportMismatch(result)).toMatchObject({
      kind: "plaintext-on-tls-port",
      sign: "plain SIP over TCP answers (200 OK)",
    });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("TCP advertised on the TLS listener: plain OPTIONS meet a close, TLS completes and SIP answers inside it", async () => {
    const sip = await lab();
    const { result, ms } = await probe(at("tcp", sip.ports.tls ?? 0));
    expect(result.tcp?.outcome).toBe("connected");
    expect(result.sip).toMatchObject({ outcome: "reset" });
    expect(result.crossCheck).toMatchObject({
      met: "close",
      spoke: "tls",
      tls: { outcome: "connected", verification: { trusted: true } },
      sip: { outcome: "answered", response: { status: 200 }, target: { transport: "tls" } },
    });
    expect(transportMismatch(result)).toMatchObject({
      kind: "tls-on-plaintext-port",
      sign: "SIP over TLS answers (200 OK)",
    });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it("leaves matching listeners alone: no cross-check where each transport answers", async () => {
    const sip = await lab();
    const [tls, tcp] = await Promise.all([probe(at("tls", sip.ports.tls ?? 0)), probe(at("tcp", sip.ports.tcp ?? 0))]);
    expect(tls.result.sip?.response?.status).toBe(200);
    expect(tcp.result.sip?.response?.status).toBe(200);
    expect(tls.result.crossCheck).toBeUndefined();
    expect(tcp.result.crossCheck).toBeUndefined();
  });

  it("does not cross-check a TLS refusal that came with an alert: the server spoke TLS", async () => {
    const sip = await lab({ maxVersion: "TLSv1" });
    const { result } = await probe(at("tls", sip.ports.tls ?? 0));
    expect(result.tls?.outcome).toBe("handshake-failed");
    expect(result.tls?.serverBytes).toBeGreaterThan(0);
    expect(result.crossCheck).toBeUndefined();
  });

  it.each([
    { mode: "silent" as const, transport: "tls" as const, met: "silence", connections: 2 },
    { mode: "silent" as const, transport: "tcp" as const, met: "silence", connections: 3 },
    { mode: "close" as const, transport: "tls" as const, met: "close", connections: 2 },
    { mode: "close" as const, transport: "tcp" as const, met: "close", connections: 3 },
  ])(
    "a $mode listener advertised for $transport: one more connection, no mismatch, within two timeouts",
    async ({ mode, transport, met, connections }) => {
      const server = await mute(mode);
      const { result, ms } = await probe(at(transport, server.port));
      expect(result.crossCheck?.met).toBe(met);
      expect(result.crossCheck?.spoke).toBe(transport === "tls" ? "tcp" : "tls");
      expect(transportMismatch(result)).toBeNull();
      expect(server.connections()).toBe(connections);
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );
});
