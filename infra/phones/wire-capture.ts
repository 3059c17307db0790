import { type ChildProcess, spawn } from "node:child_process";

/**
 * What a phone put on the wire, from tcpdump on lo: every TCP SYN, RST and UDP datagram and every
 * ICMP port unreachable within one run's loopback block. This is the most reliable record of an
 * attempt: a refused or silent target leaves no trace in any listener, only here.
 */
export interface WirePacket {
  /** Epoch ms (tcpdump -tt). */
  at: number;
  kind: "syn" | "syn-ack" | "rst" | "udp" | "icmp-port-unreachable";
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

export interface WireCapture {
  packets: WirePacket[];
  /** Waits a moment for tcpdump to flush, then stops it. */
  stop(): Promise<WirePacket[]>;
}

/** Starts tcpdump on lo for `net` (e.g. "127.0.1.16/28") and resolves once it is listening. */
export async function startWireCapture(net: string): Promise<WireCapture> {
  const filter = `net ${net} and (udp or icmp or tcp[tcpflags] & (tcp-syn|tcp-rst) != 0)`;
  const child: ChildProcess = spawn("tcpdump", ["-i", "lo", "-n", "-tt", "-l", "-Q", "in", filter], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const packets: WirePacket[] = [];
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const packet = parseTcpdumpLine(line);
      if (packet) packets.push(packet);
    }
  });
  await new Promise<void>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`tcpdump not listening after 5 s: ${stderr.trim()}`));
    }, 5000);
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (/listening on lo/.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump could not start (apt-get install tcpdump): ${error.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tcpdump exited ${code}: ${stderr.trim()}`));
    });
  });
  return {
    packets,
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      });
      return packets;
    },
  };
}

const ENDPOINTS = /^(\d+\.\d+)\s+IP\s+(\d+\.\d+\.\d+\.\d+)(?:\.(\d+))?\s+>\s+(\d+\.\d+\.\d+\.\d+)(?:\.(\d+))?:\s+(.*)$/;

/**
 * One line of `tcpdump -n -tt`:
 * "1733389000.123456 IP 127.0.0.1.45678 > 127.0.1.19.5061: Flags [S], seq ..."
 * "1733389000.123456 IP 127.0.1.19 > 127.0.0.1: ICMP 127.0.1.19 udp port 5060 unreachable, length 36"
 */
export function parseTcpdumpLine(line: string): WirePacket | null {
  const match = ENDPOINTS.exec(line.trim());
  if (!match) return null;
  const [, time, src = "", srcPort, dst = "", dstPort, rest = ""] = match;
  const at = Math.round(Number(time) * 1000);
  const unreachable = /^ICMP (\d+\.\d+\.\d+\.\d+) udp port (\d+) unreachable/.exec(rest);
  if (unreachable) {
    // Reported from the closed port's side: src/dst are those of the datagram that bounced.
    return {
      at,
      kind: "icmp-port-unreachable",
      src: dst,
      srcPort: 0,
      dst: unreachable[1] ?? "",
      dstPort: Number(unreachable[2]),
    };
  }
  const base = { at, src, srcPort: Number(srcPort ?? 0), dst, dstPort: Number(dstPort ?? 0) };
  const flags = /^Flags \[([^\]]*)\]/.exec(rest)?.[1];
  if (flags !== undefined) {
    if (flags.includes("R")) return { ...base, kind: "rst" };
    if (flags === "S") return { ...base, kind: "syn" };
    if (flags === "S.") return { ...base, kind: "syn-ack" };
    return null;
  }
  // The filter lets through only SYN/RST segments, UDP and ICMP, and tcpdump decodes UDP on known
  // ports (SIP, DNS) in its own words: a line with ports and no TCP flags is a datagram.
  return srcPort !== undefined && dstPort !== undefined ? { ...base, kind: "udp" } : null;
}
