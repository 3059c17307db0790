import type { AddressBlock } from "./address-block";
import type { PhoneTarget, Transport } from "./phone-zones";
import type { ListenerEvent } from "./recording-listener";
import type { WirePacket } from "./wire-capture";

/**
 * The attempts a phone made, read from the wire and labelled by the listeners: one per TCP
 * connection (its SYN retransmissions folded in) and one per run of UDP datagrams to the same
 * target (REGISTER retransmissions folded in), in the order they started.
 */
export interface ObservedAttempt {
  /** What the phone spoke: from the first bytes when a listener saw them, else from the port. */
  transport: Transport;
  address: string;
  port: number;
  /** "sip1", "@" (the domain), or null for an address:port the zone does not serve. */
  host: string | null;
  /** ms since the phone started. */
  atMs: number;
  /** ms since the phone started, of the attempt's last packet (a silent target's last retransmission). */
  lastMs: number;
  /** SYNs or datagrams sent in this attempt. */
  packets: number;
  /** What the listener saw first ("tls-client-hello", "sip:REGISTER"), or "-" where nothing listens or accepts. */
  first: string;
  result: AttemptResult;
}

export type AttemptResult =
  | "registered"
  | "refused"
  | "icmp-unreachable"
  | "no-answer"
  | "closed-by-server"
  | `tls-failed: ${string}`
  | "connected, no register"
  | "connected";

const DNS_PORT = 53;

export function observedAttempts(
  packets: readonly WirePacket[],
  events: readonly ListenerEvent[],
  targets: ReadonlyArray<PhoneTarget & { address: string }>,
  block: AddressBlock,
  startedAt: number,
  /** Epoch ms when the phone was told to stop: what it sends while shutting down (un-REGISTER) is left out. */
  stoppedAt: number,
): ObservedAttempt[] {
  const hosts = new Set(Array.from({ length: 12 }, (_, slot) => block.host(slot)));
  const outbound = packets
    .filter((p) => (p.kind === "syn" || p.kind === "udp") && hosts.has(p.dst) && p.dstPort !== DNS_PORT)
    .filter((p) => p.at >= startedAt && p.at < stoppedAt)
    .sort((a, b) => a.at - b.at);
  const attempts: Array<ObservedAttempt & { proto: "tcp" | "udp"; srcPort: number }> = [];
  for (const packet of outbound) {
    const proto = packet.kind === "syn" ? "tcp" : "udp";
    const toSameTarget = (a: (typeof attempts)[number] | undefined) =>
      a && a.proto === proto && a.address === packet.dst && a.port === packet.dstPort;
    // A SYN retransmission belongs to its connection even after other attempts started (the
    // kernel keeps retrying a connect the phone gave up on); datagrams group while consecutive.
    const same =
      proto === "tcp"
        ? attempts.find((a) => toSameTarget(a) && a.srcPort === packet.srcPort)
        : toSameTarget(attempts.at(-1))
          ? attempts.at(-1)
          : undefined;
    if (same) {
      same.packets++;
      same.lastMs = packet.at - startedAt;
      continue;
    }
    const target = targets.find(
      (t) =>
        t.address === packet.dst &&
        t.port === packet.dstPort &&
        (proto === "udp" ? t.transport === "udp" : t.transport !== "udp"),
    );
    attempts.push({
      proto,
      srcPort: packet.srcPort,
      transport: proto === "udp" ? "udp" : (target?.transport ?? (packet.dstPort === 5061 ? "tls" : "tcp")),
      address: packet.dst,
      port: packet.dstPort,
      host: target?.host ?? null,
      atMs: packet.at - startedAt,
      lastMs: packet.at - startedAt,
      packets: 1,
      first: "-",
      result: "no-answer",
    });
  }
  return attempts.map(({ proto, srcPort, ...attempt }) => {
    const mine = events.filter(
      (e) =>
        e.address === attempt.address &&
        e.port === attempt.port &&
        e.remotePort === srcPort &&
        (proto === "udp") === (e.transport === "udp"),
    );
    const event = mine[0];
    if (event) {
      attempt.first = event.first;
      if (event.first === "tls-client-hello") attempt.transport = "tls";
      else if (event.first.startsWith("sip:") && proto === "tcp") attempt.transport = "tcp";
    }
    attempt.result = resultOf(proto, attempt, srcPort, mine, packets);
    return attempt;
  });
}

function resultOf(
  proto: "tcp" | "udp",
  attempt: ObservedAttempt,
  srcPort: number,
  events: ListenerEvent[],
  packets: readonly WirePacket[],
): AttemptResult {
  if (events.some((e) => e.registered)) return "registered";
  if (proto === "udp") {
    const bounced = packets.some(
      (p) => p.kind === "icmp-port-unreachable" && p.dst === attempt.address && p.dstPort === attempt.port,
    );
    return bounced ? "icmp-unreachable" : "no-answer";
  }
  const reply = (kind: WirePacket["kind"]) =>
    packets.some(
      (p) => p.kind === kind && p.src === attempt.address && p.srcPort === attempt.port && p.dstPort === srcPort,
    );
  if (!reply("syn-ack")) return reply("rst") ? "refused" : "no-answer";
  const event = events[0];
  if (!event) return "connected";
  if (event.handshake && event.handshake !== "ok") return `tls-failed: ${event.handshake}`;
  if (event.methods.includes("REGISTER")) return "closed-by-server";
  return "connected, no register";
}

/** "tls 127.0.1.20:5061 (sip1) +0.01s x1 tls-client-hello -> tls-failed: ..." */
export function describeAttempt(a: ObservedAttempt): string {
  const where = `${a.transport} ${a.address}:${a.port} (${a.host ?? "not in zone"})`;
  const span = a.packets > 1 ? `+${secs(a.atMs)}..${secs(a.lastMs)} x${a.packets}` : `+${secs(a.atMs)}`;
  return `${where} ${span} ${a.first} -> ${a.result}`;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
