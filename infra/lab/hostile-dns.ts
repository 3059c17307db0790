import http from "node:http";
import type net from "node:net";
import { DNS_MESSAGE, DOH_PATH, readDohQuery, sendDnsMessage, sendProblem } from "./doh";
import { type HostileMode, type HostileTransport, hostileMessage } from "./hostile-payloads";
import { closeAll, listen, listenUdpAndTcp, urlHost } from "./listeners";
import { frameMessage, readFrames } from "./tcp-framing";
import { type LabZone, labZones } from "./zones";

export type { HostileMode } from "./hostile-payloads";

export interface HostileDnsOptions {
  /** Where the valid parts of answers come from; the lab zones by default. */
  zones?: LabZone[];
  host?: string;
}

export interface HostileDns {
  host: string;
  /** UDP and TCP share this port, so a client's TC fallback lands on the hostile TCP side. */
  udpPort: number;
  tcpPort: number;
  dohUrl: string;
  close(): Promise<void>;
}

/** slow-drip pace: one byte a second outlasts any sane per-query deadline. */
const DRIP_INTERVAL_MS = 1000;
/**
 * endless-tcp pace: 32 bytes every 10 ms keeps an idle timer from ever firing, yet the frame
 * it claims (65535 bytes) would need about 20 s, and its last byte is never sent.
 */
const ENDLESS_CHUNK = 32;
const ENDLESS_INTERVAL_MS = 10;

/** A DNS server on loopback that answers every query in one specific wrong way. */
export async function startHostileDns(mode: HostileMode, options: HostileDnsOptions = {}): Promise<HostileDns> {
  const host = options.host ?? "127.0.0.1";
  const zones = options.zones ?? labZones;
  const listeners = await listenUdpAndTcp(host);
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const reply = (query: Uint8Array, transport: HostileTransport) => {
    try {
      return hostileMessage(mode, query, zones, transport);
    } catch {
      // Some queries are too odd even to answer wrongly (a name too long to spoof, say).
      return null;
    }
  };

  /** Writes `chunk(i)` every interval until it returns null or the peer goes away. */
  const every = (
    intervalMs: number,
    chunk: (i: number) => Uint8Array | null,
    write: (bytes: Uint8Array) => boolean,
  ) => {
    let i = 0;
    const timer = setInterval(() => {
      const next = chunk(i++);
      if (!next || !write(next)) {
        clearInterval(timer);
        timers.delete(timer);
      }
    }, intervalMs);
    timers.add(timer);
  };
  const endless = (write: (bytes: Uint8Array) => boolean, claimedLength?: number) => {
    const claimed = claimedLength === undefined ? [] : [claimedLength >> 8, claimedLength & 0xff];
    const body = new Uint8Array(ENDLESS_CHUNK).fill(0x3f);
    write(new Uint8Array(claimed));
    every(
      ENDLESS_INTERVAL_MS,
      (i) => {
        // Over TCP stop one byte short of the claimed frame; DoH has no frame to complete.
        if (claimedLength === undefined) return body;
        const remaining = claimedLength - 1 - i * ENDLESS_CHUNK;
        return remaining > 0 ? body.subarray(0, Math.min(ENDLESS_CHUNK, remaining)) : null;
      },
      write,
    );
  };
  const drip = (bytes: Uint8Array, write: (bytes: Uint8Array) => boolean) =>
    every(DRIP_INTERVAL_MS, (i) => (i < bytes.length ? bytes.subarray(i, i + 1) : null), write);

  listeners.udp.on("message", (query, remote) => {
    const message = reply(new Uint8Array(query), "udp");
    if (message) listeners.udp.send(message, remote.port, remote.address, () => {});
  });
  listeners.udp.on("error", () => {});

  listeners.tcp.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const write = (bytes: Uint8Array) => {
      if (socket.destroyed) return false;
      socket.write(bytes);
      return true;
    };
    let streaming = false;
    readFrames(socket, (query) => {
      if (mode === "endless-tcp") {
        if (!streaming) endless(write, 0xffff);
        streaming = true;
        return;
      }
      const message = reply(query, "tcp");
      if (!message) return;
      if (mode === "slow-drip") drip(frameMessage(message), write);
      else write(frameMessage(message));
    });
  });

  const doh = http.createServer(async (request, response) => {
    const parsed = await readDohQuery(request);
    if (!parsed.ok) return sendProblem(response, parsed.status, parsed.reason);
    const write = (bytes: Uint8Array) => {
      if (response.destroyed) return false;
      response.write(bytes);
      return true;
    };
    if (mode === "endless-tcp") {
      response.writeHead(200, { "content-type": DNS_MESSAGE });
      return endless(write);
    }
    const message = reply(parsed.query, "doh");
    if (!message) return; // silent: the request hangs until the client gives up or close()
    if (mode !== "slow-drip") return sendDnsMessage(response, message);
    response.writeHead(200, { "content-type": DNS_MESSAGE, "content-length": message.length });
    drip(message, write);
  });
  doh.on("clientError", (_error, socket) => socket.destroy());
  const httpPort = await listen(doh, host, 0);

  let closed = false;
  return {
    host,
    udpPort: listeners.udpPort,
    tcpPort: listeners.tcpPort,
    dohUrl: `http://${urlHost(host)}:${httpPort}${DOH_PATH}`,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      await closeAll(listeners, doh, sockets);
    },
  };
}
