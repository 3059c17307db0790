import dgram from "node:dgram";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { WebSocketServer } from "ws";
import { listen } from "./listeners";
import { answerSipRequest, type RequestSource, type SipAnswerOptions } from "./sip-answer";
import { readSipMessages } from "./sip-framing";

export type SipLabTransport = RequestSource["transport"];

export interface SipLabTls {
  /** The chain to present, leaf first (a LabCertificate's chainPem), and its key. */
  cert: string;
  key: string;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  /** "DEFAULT:@SECLEVEL=0" lets OpenSSL 3 serve TLS 1.0/1.1 or an RSA-1024 key. */
  ciphers?: string;
}

export interface SipLabOptions extends SipAnswerOptions {
  host?: string;
  /** udp, tcp and ws by default, plus tls and wss when `tls` is given. */
  transports?: SipLabTransport[];
  tls?: SipLabTls;
  /** UDP datagrams to drop before answering, to make a client retransmit (RFC 3261 17.1.2.2). */
  ignoreFirstUdp?: number;
}

export interface LabSipRequest {
  transport: SipLabTransport;
  text: string;
}

export interface SipLab {
  host: string;
  /** Listening port per transport started (UDP and TCP share one, as on a real server). */
  ports: Partial<Record<SipLabTransport, number>>;
  /** Requests received so far (the last 200). */
  readonly requests: readonly LabSipRequest[];
  close(): Promise<void>;
}

/** SIP endpoints on loopback answering OPTIONS over UDP, TCP, TLS, WS and WSS (RFC 7118, subprotocol "sip"). */
export async function startSipLab(options: SipLabOptions = {}): Promise<SipLab> {
  const host = options.host ?? "127.0.0.1";
  const wanted = new Set(options.transports ?? ["udp", "tcp", "ws", ...(options.tls ? (["tls", "wss"] as const) : [])]);
  if ((wanted.has("tls") || wanted.has("wss")) && !options.tls)
    throw new Error("startSipLab: tls and wss need options.tls");
  const requests: LabSipRequest[] = [];
  const sockets = new Set<net.Socket>();
  const closers: Array<() => Promise<void>> = [];
  const ports: SipLab["ports"] = {};
  let udpSeen = 0;

  const answer = (text: string, source: RequestSource) => {
    requests.push({ transport: source.transport, text });
    if (requests.length > 200) requests.shift();
    return answerSipRequest(text, source, options) ?? [];
  };
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const serveStream = (transport: "tcp" | "tls") => (socket: net.Socket) => {
    track(socket);
    const source = { transport, address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
    readSipMessages(socket, (text) => {
      for (const response of answer(text, source)) if (socket.writable) socket.write(response);
    });
  };
  const closeServer = (server: net.Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));
  const tlsOptions = options.tls && {
    cert: options.tls.cert,
    key: options.tls.key,
    ...(options.tls.minVersion ? { minVersion: options.tls.minVersion } : {}),
    ...(options.tls.maxVersion ? { maxVersion: options.tls.maxVersion } : {}),
    ...(options.tls.ciphers ? { ciphers: options.tls.ciphers } : {}),
  };

  try {
    if (wanted.has("udp")) {
      const udp = dgram.createSocket(net.isIPv6(host) ? "udp6" : "udp4");
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(0, host, () => resolve());
      });
      udp.on("error", () => {});
      udp.on("message", (message, remote) => {
        if (udpSeen++ < (options.ignoreFirstUdp ?? 0)) return;
        const source = { transport: "udp" as const, address: remote.address, port: remote.port };
        for (const response of answer(message.toString("utf8"), source))
          udp.send(response, remote.port, remote.address);
      });
      ports.udp = udp.address().port;
      closers.push(() => new Promise<void>((resolve) => udp.close(() => resolve())));
    }
    if (wanted.has("tcp")) {
      const server = net.createServer(serveStream("tcp"));
      // Same port as UDP when free: clients try both transports at one address (RFC 3263 4.2).
      ports.tcp = await listen(server, host, ports.udp ?? 0).catch(() => listen(server, host, 0));
      closers.push(closeServer(server));
    }
    if (wanted.has("tls") && tlsOptions) {
      const server = tls.createServer(tlsOptions, serveStream("tls"));
      server.on("tlsClientError", () => {});
      ports.tls = await listen(server, host, 0);
      closers.push(closeServer(server));
    }
    for (const transport of ["ws", "wss"] as const) {
      if (!wanted.has(transport)) continue;
      const server = transport === "wss" && tlsOptions ? https.createServer(tlsOptions) : http.createServer();
      server.on("connection", track);
      server.on("tlsClientError", () => {});
      const wss = new WebSocketServer({
        server,
        maxPayload: 65_536,
        // RFC 7118 4: the server selects "sip" when offered; without it, no WebSocket for SIP.
        handleProtocols: (offered) => (offered.has("sip") ? "sip" : false),
      });
      wss.on("connection", (ws, request) => {
        const source = { transport, address: request.socket.remoteAddress ?? "", port: request.socket.remotePort ?? 0 };
        ws.on("message", (data) => {
          for (const response of answer(data.toString(), source)) ws.send(response);
        });
      });
      ports[transport] = await listen(server, host, 0);
      closers.push(async () => {
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
    }
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    throw error;
  }

  let closed = false;
  return {
    host,
    ports,
    requests,
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.destroy();
      await Promise.all(closers.map((close) => close()));
    },
  };
}
