import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import { readSipMessages } from "../lab/sip-framing";
import { answerRegister, sipMethod } from "./register-answer";

/**
 * One candidate's SIP listener that writes down what each connection or datagram opened with,
 * so the capture's SYNs and datagrams can be labelled: a TLS ClientHello, or SIP text (which
 * method), and whether a REGISTER was answered 200 there.
 */
export type ListenerTransport = "udp" | "tcp" | "tls";

export type ListenerMode =
  /** Answers REGISTER 200 with Contact and Expires echoed. */
  | "answer"
  /** Bound and reading, never answering (UDP only: a silent TCP port is a full accept queue, see silent-tcp.ts). */
  | "ignore"
  /** Reads a whole request and closes the connection without answering (streams only). */
  | "close-on-request";

export interface ListenerSpec {
  transport: ListenerTransport;
  address: string;
  port: number;
  mode: ListenerMode;
  /** TLS only: the chain to present and its key. */
  tls?: { cert: string; key: string };
}

export interface ListenerEvent {
  transport: ListenerTransport;
  address: string;
  port: number;
  /** Epoch ms when the connection was accepted or the datagram arrived. */
  at: number;
  /** The phone's source port: joins this event to the capture's SYN or datagram. */
  remotePort: number;
  /** What the peer sent first: "tls-client-hello", "sip:REGISTER", "bytes", or "none" (nothing yet). */
  first: string;
  /** TLS only: "ok" once the handshake completed, or the error (a client alert reads "...alert certificate expired"). */
  handshake?: string;
  /** SIP methods received, in order (inside TLS for TLS). */
  methods: string[];
  /** A REGISTER was answered 200 on this connection or datagram. */
  registered: boolean;
}

export interface RecordingListener {
  spec: ListenerSpec;
  events: ListenerEvent[];
  close(): Promise<void>;
}

const TLS_HANDSHAKE_RECORD = 0x16;

export async function startRecordingListener(spec: ListenerSpec, onEvent: () => void): Promise<RecordingListener> {
  const events: ListenerEvent[] = [];
  const record = (event: Omit<ListenerEvent, "transport" | "address" | "port">) => {
    const full = { transport: spec.transport, address: spec.address, port: spec.port, ...event };
    events.push(full);
    return full;
  };
  if (spec.transport === "udp") return startUdp(spec, events, record, onEvent);

  const sockets = new Set<net.Socket>();
  const secureContext = spec.tls ? tls.createSecureContext({ cert: spec.tls.cert, key: spec.tls.key }) : undefined;
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on("close", () => sockets.delete(raw));
    raw.on("error", () => raw.destroy());
    const event = record({
      at: Date.now(),
      remotePort: raw.remotePort ?? 0,
      first: "none",
      methods: [],
      registered: false,
    });
    onEvent();
    raw.once("data", (chunk: Buffer) => {
      raw.pause();
      raw.unshift(chunk);
      const isTls = chunk[0] === TLS_HANDSHAKE_RECORD;
      event.first = isTls ? "tls-client-hello" : sipLabel(chunk.toString("latin1"));
      onEvent();
      // A phone speaking plain SIP to a TLS port (or TLS to a TCP port) gets no answer, as a
      // real server's would: the listener only serves what it is.
      if (isTls !== (spec.transport === "tls")) return;
      if (isTls && secureContext) {
        const secure = new tls.TLSSocket(raw, { isServer: true, secureContext });
        secure.on("secure", () => {
          event.handshake = "ok";
          onEvent();
        });
        secure.on("error", (error) => {
          event.handshake ??= error.message;
          onEvent();
          raw.destroy();
        });
        serveSip(secure, spec, event, onEvent);
      } else {
        serveSip(raw, spec, event, onEvent);
        raw.resume();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(spec.port, spec.address, () => resolve());
  });
  return {
    spec,
    events,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveSip(stream: net.Socket | tls.TLSSocket, spec: ListenerSpec, event: ListenerEvent, onEvent: () => void) {
  readSipMessages(stream, (text) => {
    const method = sipMethod(text);
    if (!method) return;
    event.methods.push(method);
    onEvent();
    if (spec.mode === "close-on-request") {
      stream.destroy();
      return;
    }
    const source = { transport: spec.transport, address: stream.remoteAddress ?? "", port: stream.remotePort ?? 0 };
    for (const response of answerRegister(text, source) ?? []) if (stream.writable) stream.write(response);
    if (method === "REGISTER") event.registered = true;
    onEvent();
  });
}

async function startUdp(
  spec: ListenerSpec,
  events: ListenerEvent[],
  record: (event: Omit<ListenerEvent, "transport" | "address" | "port">) => ListenerEvent,
  onEvent: () => void,
): Promise<RecordingListener> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(spec.port, spec.address, () => resolve());
  });
  socket.on("error", () => {});
  socket.on("message", (message, remote) => {
    const text = message.toString("latin1");
    const method = sipMethod(text);
    const event = record({
      at: Date.now(),
      remotePort: remote.port,
      first: sipLabel(text),
      methods: method ? [method] : [],
      registered: false,
    });
    if (spec.mode === "answer" && method) {
      const source = { transport: "udp" as const, address: remote.address, port: remote.port };
      for (const response of answerRegister(text, source) ?? []) socket.send(response, remote.port, remote.address);
      event.registered = method === "REGISTER";
    }
    onEvent();
  });
  return { spec, events, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}

function sipLabel(text: string): string {
  const method = sipMethod(text);
  if (method) return `sip:${method}`;
  return /^\s*$/.test(text) ? "sip:keep-alive" : "bytes";
}
