import dgram from "node:dgram";
import { type SipLabTransport, startSipLab } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSipOptionsProber } from "../src/adapters/sip-options-prober";
import { closedPort, closer, pki, target, timed } from "./probe-fixtures";

const servers = closer();
afterEach(() => servers.closeAll());
const prober = new NodeSipOptionsProber();

async function fullLab(options: Parameters<typeof startSipLab>[0] = {}) {
  const cert = (await pki()).certificates.valid;
  return servers.add(await startSipLab({ tls: { cert: cert.chainPem, key: cert.keyPem }, ...options }));
}

describe("NodeSipOptionsProber against the lab", () => {
  it.each<SipLabTransport>(["udp", "tcp", "tls", "ws", "wss"])(
    "OPTIONS over %s is answered and parsed",
    async (transport) => {
      const lab = await fullLab({
        headers: ["Record-Route: <sip:127.0.0.1;lr>", "Contact: <sip:lab@127.0.0.1:5060>"],
        padToBytes: 1400,
      });
      const result = await prober.options(target(transport, lab.ports[transport] ?? 0), { timeoutMs: 3000 });
      expect(result).toMatchObject({
        outcome: "answered",
        response: {
          status: 200,
          reason: "OK",
          server: "sipwatch-lab/1.0",
          allow: ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS"],
          supported: ["path", "outbound"],
          viaReceived: "127.0.0.1",
          contact: ["<sip:lab@127.0.0.1:5060>"],
          recordRoute: ["<sip:127.0.0.1;lr>"],
        },
      });
      expect(result.response?.bytes).toBeGreaterThan(1300);
      expect(result.response?.viaRport).toBeGreaterThan(0);
      expect(result.rttMs).toBeGreaterThanOrEqual(0);
      if (transport === "ws" || transport === "wss") expect(result.upgradeStatus).toBe(101);
      if (transport === "udp") expect(result.transmissions).toBe(1);

      const request = lab.requests.at(-1)?.text ?? "";
      const protocol = { udp: "UDP", tcp: "TCP", tls: "TLS", ws: "WS", wss: "WSS" }[transport];
      expect(request).toMatch(new RegExp(`\\r\\nVia: SIP/2\\.0/${protocol} \\S+;branch=z9hG4bK[0-9a-f]+;rport\\r\\n`));
      if (transport === "ws" || transport === "wss")
        expect(request).toMatch(/Via: SIP\/2\.0\/WSS? [0-9a-f]+\.invalid;/);
    },
  );

  it("retransmits over UDP on Timer E (T1, then 2*T1) until the lab answers the third copy", async () => {
    const lab = await fullLab({ transports: ["udp"], ignoreFirstUdp: 2 });
    const { result, ms } = await timed(() => prober.options(target("udp", lab.ports.udp ?? 0), { timeoutMs: 4000 }));
    expect(result).toMatchObject({ outcome: "answered", transmissions: 3 });
    // Copies go out at 0, 500 and 1500 ms (RFC 3261 17.1.2.2).
    expect(ms).toBeGreaterThan(1400);
    expect(result.rttMs).toBeGreaterThan(1400);
    expect(lab.requests).toHaveLength(1);
  });

  it("waits past a 100 Trying for the final response, and reports a non-200 status as answered", async () => {
    const lab = await fullLab({ transports: ["udp", "tcp"], provisional: true, status: 503 });
    for (const transport of ["udp", "tcp"] as const) {
      const result = await prober.options(target(transport, lab.ports[transport] ?? 0), { timeoutMs: 3000 });
      expect(result).toMatchObject({ outcome: "answered", response: { status: 503, reason: "Service Unavailable" } });
    }
  });

  it("ignores UDP answers that do not match the request's branch and Call-ID", async () => {
    const fake = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => fake.bind(0, "127.0.0.1", () => resolve()));
    fake.on("message", (_m, remote) => {
      const stray =
        "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKother\r\nCall-ID: other\r\nContent-Length: 0\r\n\r\n";
      fake.send(stray, remote.port, remote.address);
    });
    const result = await prober.options(target("udp", fake.address().port), { timeoutMs: 700 });
    fake.close();
    expect(result).toMatchObject({ outcome: "timeout", transmissions: 2 });
    expect(result.error).toMatch(/another request/);
  });
});

describe("NodeSipOptionsProber: no server", () => {
  it.each<SipLabTransport>(["udp", "tcp", "tls", "ws", "wss"])("%s to a closed port is refused", async (transport) => {
    const port = await closedPort();
    const { result, ms } = await timed(() => prober.options(target(transport, port), { timeoutMs: 2000 }));
    expect(result.outcome).toBe("refused");
    expect(ms).toBeLessThan(1000);
  });

  it("sctp is not something Node can probe", async () => {
    expect(await prober.options(target("sctp", 5060), { timeoutMs: 100 })).toMatchObject({ outcome: "error" });
    expect(prober.transports).toEqual(["udp", "tcp", "tls", "ws", "wss"]);
  });

  it("honours an abort signal mid-probe", async () => {
    const silent = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", () => resolve()));
    const { result, ms } = await timed(() =>
      prober.options(target("udp", silent.address().port), { timeoutMs: 5000, signal: AbortSignal.timeout(300) }),
    );
    silent.close();
    expect(result).toMatchObject({ outcome: "timeout", error: expect.stringMatching(/aborted/) });
    expect(ms).toBeLessThan(1000);
  });
});
