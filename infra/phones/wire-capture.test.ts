import { describe, expect, it } from "vitest";
import { addressBlock } from "./address-block";
import { observedAttempts } from "./observed-attempts";
import type { ListenerEvent } from "./recording-listener";
import { parseTcpdumpLine, type WirePacket } from "./wire-capture";

describe("parseTcpdumpLine", () => {
  it("reads SYNs, RSTs, datagrams (decoded as SIP by tcpdump) and ICMP port unreachable", () => {
    expect(
      parseTcpdumpLine("1796461648.538351 IP 127.0.0.1.45100 > 127.0.1.251.5061: Flags [S], seq 4078780382, length 0"),
    ).toEqual({ at: 1796461648538, kind: "syn", src: "127.0.0.1", srcPort: 45100, dst: "127.0.1.251", dstPort: 5061 });
    expect(parseTcpdumpLine("1796461648.538376 IP 127.0.1.251.5061 > 127.0.0.1.45100: Flags [R.], seq 0")?.kind).toBe(
      "rst",
    );
    expect(
      parseTcpdumpLine("1.000001 IP 127.0.0.1.36846 > 127.0.1.251.5060: SIP: REGISTER sip:x SIP/2.0"),
    ).toMatchObject({ kind: "udp", dst: "127.0.1.251", dstPort: 5060 });
    expect(
      parseTcpdumpLine("1.5 IP 127.0.1.251 > 127.0.0.1: ICMP 127.0.1.251 udp port 5060 unreachable, length 62"),
    ).toMatchObject({ kind: "icmp-port-unreachable", dst: "127.0.1.251", dstPort: 5060 });
    expect(parseTcpdumpLine("1.5 IP 127.0.0.1.1 > 127.0.1.2.3: Flags [.], ack 1")).toBeNull();
    expect(parseTcpdumpLine("listening on lo, link-type EN10MB")).toBeNull();
  });
});

describe("observedAttempts", () => {
  const block = addressBlock(1);
  const sip1 = block.host(1);
  const sip2 = block.host(2);
  const targets = [
    { host: "sip1", transport: "tls" as const, port: 5061, behaviour: "silent" as const, address: sip1 },
    { host: "sip2", transport: "tls" as const, port: 5061, behaviour: "answer" as const, address: sip2 },
  ];
  const packet = (
    at: number,
    kind: WirePacket["kind"],
    src: string,
    srcPort: number,
    dst: string,
    dstPort: number,
  ) => ({
    at,
    kind,
    src,
    srcPort,
    dst,
    dstPort,
  });

  it("folds SYN retransmissions into their connection, even after the next attempt began", () => {
    const packets = [
      packet(1000, "syn", "127.0.0.1", 4000, sip1, 5061),
      packet(2000, "syn", "127.0.0.1", 4000, sip1, 5061),
      packet(33_000, "syn", "127.0.0.1", 4001, sip2, 5061),
      packet(33_000, "syn-ack", sip2, 5061, "127.0.0.1", 4001),
      packet(36_000, "syn", "127.0.0.1", 4000, sip1, 5061),
    ];
    const events: ListenerEvent[] = [
      {
        transport: "tls",
        address: sip2,
        port: 5061,
        at: 33_001,
        remotePort: 4001,
        first: "tls-client-hello",
        handshake: "ok",
        methods: ["REGISTER"],
        registered: true,
      },
    ];
    const attempts = observedAttempts(packets, events, targets, block, 0, 60_000);
    expect(attempts.map((a) => [a.host, a.packets, a.lastMs, a.result])).toEqual([
      ["sip1", 3, 36_000, "no-answer"],
      ["sip2", 1, 33_000, "registered"],
    ]);
  });

  it("leaves out DNS and what the phone sends once told to stop", () => {
    const packets = [
      packet(100, "udp", "127.0.0.1", 5000, block.dns, 53),
      packet(200, "syn", "127.0.0.1", 4000, sip2, 5061),
      packet(9000, "syn", "127.0.0.1", 4002, sip2, 5061),
    ];
    expect(observedAttempts(packets, [], targets, block, 0, 5000).map((a) => a.atMs)).toEqual([200]);
  });
});
