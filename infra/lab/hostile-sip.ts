import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { WebSocketServer } from "ws";
import { oversizedChain } from "./certs";
import { listen } from "./listeners";

/**
 * The ways a SIP or TLS port has been seen to misbehave. Probes must turn each into an
 * outcome value within their timeout, holding a bounded number of bytes.
 */
export type HostileSipMode =
  /** Random bytes that are neither TLS nor SIP, in answer to anything. */
  | "garbage"
  /**
   * An endless stream in the client's language: to a ClientHello, TLS handshake records full of
   * HelloRequests, which clients skip while handshaking (RFC 5246 7.4.1.1); to SIP, a header that never ends.
   */
  | "endless"
  /** A real TLS server presenting a 1 MiB certificate chain. */
  | "huge-chain"
  /** One byte a second: of a TLS ServerHello to a ClientHello, of a SIP response to SIP. */
  | "drip"
  /** "SIP/2.0 200 OK" without Content-Length, which streams require (RFC 3261 18.3). */
  | "no-content-length"
  /** Content-Length: 1000000, a few body bytes, then silence. */
  | "never-ends"
  /** A plaintext SIP server where TLS is expected: "SIP/2.0 400 Bad Request" to a ClientHello. */
  | "plaintext-sip"
  /** Accepts and never says a word. */
  | "silent"
  /** An HTTP server that answers the WebSocket upgrade with 403. */
  | "ws-refuse"
  /** A WebSocket server that upgrades without selecting the "sip" subprotocol (RFC 7118 4). */
  | "ws-no-subprotocol";

export interface HostileSipOptions {
  host?: string;
  /** Run the misbehaviour inside TLS (after a normal handshake) with this certificate; WS modes become WSS. */
  tls?: { cert: string; key: string };
}

export interface HostileSip {
  mode: HostileSipMode;
  host: string;
  port: number;
  close(): Promise<void>;
}

const DRIP_INTERVAL_MS = 1000;
/** 16 KiB records every 10 ms: about 1.6 MB/s, far more than any handshake needs. */
const ENDLESS_INTERVAL_MS = 10;
const ENDLESS_RECORD = Buffer.concat([Buffer.from([0x16, 0x03, 0x03, 0x40, 0x00]), Buffer.alloc(0x4000)]);
/** The start of a TLS 1.2 ServerHello record; dripped, it keeps a client waiting for the rest. */
const SERVER_HELLO_START = Buffer.from([0x16, 0x03, 0x03, 0x00, 0x5a, 0x02, 0x00, 0x00, 0x56, 0x03, 0x03]);
const SIP_START =
  "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP lab.invalid;branch=z9hG4bKlab\r\nCall-ID: lab\r\nCSeq: 1 OPTIONS\r\n";
const ENDLESS_HEADER = Buffer.alloc(0x4000, "a");

/** A SIP/TLS endpoint on loopback that misbehaves in one specific way. */
export async function startHostileSip(mode: HostileSipMode, options: HostileSipOptions = {}): Promise<HostileSip> {
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const every = (intervalMs: number, tick: () => boolean) => {
    const timer = setInterval(() => {
      if (!tick()) {
        clearInterval(timer);
        timers.delete(timer);
      }
    }, intervalMs);
    timers.add(timer);
  };

  const misbehave = (socket: net.Socket) => {
    track(socket);
    const write = (bytes: Buffer | string) => !socket.destroyed && socket.write(bytes) !== undefined;
    socket.once("data", (first: Buffer) => {
      // A TLS record from the client (RFC 8446 5.1: handshake is content type 22).
      const tlsClient = first[0] === 0x16;
      switch (mode) {
        case "garbage": {
          const bytes = randomBytes(512);
          bytes[0] = 0xff; // never a TLS content type, never the "S" of "SIP/2.0"
          return write(bytes);
        }
        case "endless": {
          if (!tlsClient) write(`${SIP_START}X-Endless: `);
          const chunk = tlsClient ? ENDLESS_RECORD : ENDLESS_HEADER;
          // Backpressure-aware: the lab must not buffer what the client refuses to read.
          return every(ENDLESS_INTERVAL_MS, () => socket.writableLength > 1 << 20 || write(chunk));
        }
        case "drip": {
          const bytes = tlsClient ? SERVER_HELLO_START : Buffer.from(SIP_START);
          let i = 0;
          return every(DRIP_INTERVAL_MS, () => i < bytes.length && write(bytes.subarray(i, ++i)));
        }
        case "no-content-length":
          return write(`${SIP_START}Server: hostile-lab\r\n\r\n`);
        case "never-ends":
          return write(`${SIP_START}Content-Length: 1000000\r\n\r\nv=0\r\n`);
        case "plaintext-sip":
          return write("SIP/2.0 400 Bad Request\r\nServer: plaintext-lab\r\nContent-Length: 0\r\n\r\n");
        default:
          return; // silent (and huge-chain, whose misbehaviour is the handshake itself)
      }
    });
  };

  let server: net.Server;
  if (mode === "ws-refuse" || mode === "ws-no-subprotocol") {
    const web = options.tls ? https.createServer(options.tls) : http.createServer();
    web.on("connection", track);
    web.on("tlsClientError", () => {});
    if (mode === "ws-refuse") {
      web.on("upgrade", (_request, socket) =>
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
      );
      web.on("request", (_request, response) => response.writeHead(403).end());
    } else {
      new WebSocketServer({ server: web, handleProtocols: () => false });
    }
    server = web;
  } else if (mode === "huge-chain") {
    const chain = await oversizedChain();
    server = tls.createServer({ cert: chain.chainPem, key: chain.keyPem }, (socket) => track(socket));
    server.on("tlsClientError", () => {});
  } else if (options.tls && mode !== "plaintext-sip" && mode !== "garbage") {
    server = tls.createServer(options.tls, misbehave);
    server.on("tlsClientError", () => {});
  } else {
    server = net.createServer(misbehave);
  }
  const port = await listen(server, host, 0);

  let closed = false;
  return {
    mode,
    host,
    port,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
