import { randomBytes } from "node:crypto";
import dgram from "node:dgram";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import { WebSocketServer } from "ws";
import { LabRegistrar } from "./lab-registrar";
import { listen } from "./listeners";
import { answerSipRequest, type RequestSource } from "./sip-answer";
import { readSipMessages } from "./sip-framing";

/**
 * Registrars seen to misbehave (issue 17). The REGISTER probe must end each within its
 * timeout with a clear outcome, holding bounded memory:
 * - "endless-challenges": 401 with the same nonce to every request, never stale: the answer
 *   was not accepted, so the credentials are (RFC 3261 22.2) -> credentials-rejected;
 * - "nonce-loop": 401 with a new nonce and stale=true every time, so a naive client never
 *   stops -> challenge-loop after a phone's few rounds;
 * - "no-contact": 200 OK that lists no Contact (RFC 3261 10.3 step 8 wants every binding) -> no-contact-in-200;
 * - "drip": a 200 OK one byte a second (UDP, which has no bytes to drip: 100 Trying every second, never a final) -> timeout.
 */
export type HostileRegistrarMode = "endless-challenges" | "nonce-loop" | "no-contact" | "drip";

/** "honest": the lab's registrar (lab-registrar.ts) with account alice / LAB_REGISTRAR_PASSWORD, for the right and wrong password. */
export type LabRegistrarMode = HostileRegistrarMode | "honest";

export const LAB_REGISTRAR_ACCOUNT = {
  user: "alice",
  password: "lab-registrar-secret-4711",
  realm: "lab.sipwatch.test",
};

export const HOSTILE_REGISTRAR_MODES: readonly HostileRegistrarMode[] = [
  "endless-challenges",
  "nonce-loop",
  "no-contact",
  "drip",
];

export interface HostileRegistrar {
  mode: LabRegistrarMode;
  host: string;
  ports: { udp: number; tcp: number; tls: number; wss: number };
  close(): Promise<void>;
}

const DRIP_INTERVAL_MS = 1000;
const REALM = "hostile.lab";
const FIXED_NONCE = randomBytes(12).toString("hex");

/** The responses this mode gives to one request (the drip mode's final one is dripped by the caller). */
function respond(mode: HostileRegistrarMode, text: string, source: RequestSource): string[] {
  // OPTIONS and the rest get a plain 200: these registrars answer pings, as the ones in the field do.
  if (!text.startsWith("REGISTER ")) return answerSipRequest(text, source) ?? [];
  if (mode === "endless-challenges" || mode === "nonce-loop") {
    const nonce = mode === "nonce-loop" ? randomBytes(12).toString("hex") : FIXED_NONCE;
    const stale = mode === "nonce-loop" ? ", stale=true" : "";
    const challenge = `WWW-Authenticate: Digest realm="${REALM}", nonce="${nonce}", qop="auth", algorithm=MD5${stale}`;
    return answerSipRequest(text, source, { status: 401, reason: "Unauthorized", headers: [challenge] }) ?? [];
  }
  const expires = /^Expires:\s*(\d+)/im.exec(text)?.[1] ?? "300";
  // No Contact at all: the registrar "accepted" without saying what it stored.
  return answerSipRequest(text, source, { headers: [`Expires: ${expires}`] }) ?? [];
}

/** A registrar on loopback, honest or misbehaving in `mode`, over UDP, TCP, TLS and secure WebSocket. */
export async function startHostileRegistrar(
  mode: LabRegistrarMode,
  certificate: { cert: string; key: string },
  host = "127.0.0.1",
): Promise<HostileRegistrar> {
  const honest = new LabRegistrar(LAB_REGISTRAR_ACCOUNT);
  const answer = (text: string, source: RequestSource) =>
    mode === "honest" ? honest.respond(text, source) : respond(mode, text, source);
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  /** Calls `step` every second until it returns false or the lab closes. */
  const every = (step: () => boolean) => {
    const timer = setInterval(() => {
      if (!step()) {
        clearInterval(timer);
        timers.delete(timer);
      }
    }, DRIP_INTERVAL_MS);
    timers.add(timer);
  };

  const udp = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(0, host, () => resolve());
  });
  udp.on("error", () => {});
  udp.on("message", (message, remote) => {
    const text = message.toString("utf8");
    const source = { transport: "udp" as const, address: remote.address, port: remote.port };
    if (mode !== "drip") {
      for (const response of answer(text, source)) udp.send(response, remote.port, remote.address);
      return;
    }
    const trying = answerSipRequest(text, source, { status: 100, reason: "Trying" })?.[0];
    let sent = 0;
    if (trying) every(() => sent++ < 60 && udp.send(trying, remote.port, remote.address) === undefined);
  });

  const serveStream = (transport: "tcp" | "tls") => (socket: net.Socket) => {
    track(socket);
    const source = { transport, address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
    readSipMessages(socket, (text) => {
      for (const response of answer(text, source)) {
        if (mode !== "drip") {
          socket.write(response);
          continue;
        }
        const bytes = Buffer.from(response);
        let i = 0;
        every(() => !socket.destroyed && i < bytes.length && socket.write(bytes.subarray(i, ++i)) !== undefined);
      }
    });
  };
  const tcp = net.createServer(serveStream("tcp"));
  const secure = tls.createServer(certificate, serveStream("tls"));
  secure.on("tlsClientError", () => {});
  const web = https.createServer(certificate);
  web.on("connection", track);
  web.on("tlsClientError", () => {});
  const wss = new WebSocketServer({
    server: web,
    maxPayload: 65_536,
    handleProtocols: (offered) => (offered.has("sip") ? "sip" : false),
  });
  wss.on("connection", (ws, request) => {
    const source = {
      transport: "wss" as const,
      address: request.socket.remoteAddress ?? "",
      port: request.socket.remotePort ?? 0,
    };
    ws.on("message", (data) => {
      for (const response of answer(data.toString(), source)) {
        if (mode !== "drip") {
          ws.send(response);
          continue;
        }
        // One WebSocket message in one-byte fragments, a second apart: it never completes in time.
        const bytes = Buffer.from(response);
        let i = 0;
        every(() => {
          if (ws.readyState !== ws.OPEN || i >= bytes.length) return false;
          ws.send(bytes.subarray(i, i + 1), { fin: ++i >= bytes.length, binary: false });
          return true;
        });
      }
    });
  });

  const ports = {
    udp: udp.address().port,
    tcp: await listen(tcp, host, 0),
    tls: await listen(secure, host, 0),
    wss: await listen(web, host, 0),
  };
  let closed = false;
  return {
    mode,
    host,
    ports,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearInterval(timer);
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      const closeServer = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      web.closeAllConnections();
      await Promise.all([closeServer(tcp), closeServer(secure), closeServer(web)]);
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
