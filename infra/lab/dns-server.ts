import http from "node:http";
import type net from "node:net";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { respondToQuery } from "./dns-message";
import { DOH_PATH, readDohQuery, sendDnsMessage, sendProblem } from "./doh";
import { closeAll, listen, listenUdpAndTcp, urlHost } from "./listeners";
import { frameMessage, readFrames } from "./tcp-framing";
import type { LabZone } from "./zones";

export interface LabDnsOptions {
  zones: LabZone[];
  host?: string;
  /** 0 (the default) picks a free port; TCP then shares UDP's port unless tcpPort is given. */
  udpPort?: number;
  tcpPort?: number;
  httpPort?: number;
  /** Delay before every answer, to make dependent lookups (NAPTR -> SRV -> A) measurable. */
  latencyMs?: number;
  /** Names answered SERVFAIL. */
  servfail?: string[];
  /** Called with each question received, for tests that record what a client asked (phones). */
  onQuestion?: (question: LabDnsQuestion) => void;
}

export interface LabDnsQuestion {
  name: string;
  type: string;
  transport: "udp" | "tcp" | "doh";
  /** Epoch ms. */
  at: number;
}

export interface LabDns {
  host: string;
  udpPort: number;
  tcpPort: number;
  /** http://127.0.0.1:PORT/dns-query (RFC 8484 over plain HTTP: loopback only). */
  dohUrl: string;
  /** Messages received so far, over all transports. */
  readonly queries: number;
  close(): Promise<void>;
}

/** An authoritative server for the lab zones over UDP, TCP and DoH, answering like BIND would. */
export async function startLabDns(options: LabDnsOptions): Promise<LabDns> {
  const host = options.host ?? "127.0.0.1";
  const listeners = await listenUdpAndTcp(host, options.udpPort ?? 0, options.tcpPort);
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let queries = 0;
  let closed = false;

  const answer = (
    query: Uint8Array,
    transport: LabDnsQuestion["transport"],
    send: (response: Uint8Array | null) => void,
  ) => {
    queries++;
    const udp = transport === "udp";
    if (options.onQuestion) logQuestion(query, transport, options.onQuestion);
    let response: Uint8Array | null;
    try {
      response = respondToQuery(query, { zones: options.zones, servfail: options.servfail, udp });
    } catch (error) {
      // A bug in the lab must not take the server down in the middle of a test run.
      console.error("lab dns: failed to answer a query", error);
      response = null;
    }
    if (!options.latencyMs) return send(response);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) send(response);
    }, options.latencyMs);
    timers.add(timer);
  };

  listeners.udp.on("message", (message, remote) => {
    answer(new Uint8Array(message), "udp", (response) => {
      if (response) listeners.udp.send(response, remote.port, remote.address);
    });
  });
  listeners.udp.on("error", (error) => console.error("lab dns: udp error", error));

  listeners.tcp.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    // RFC 7766 6.2.3: servers may close idle connections; keeps forgotten clients from piling up.
    socket.setTimeout(30_000, () => socket.destroy());
    readFrames(socket, (query) =>
      answer(query, "tcp", (response) => {
        if (response && socket.writable) socket.write(frameMessage(response));
      }),
    );
  });

  const doh = http.createServer(async (request, response) => {
    const parsed = await readDohQuery(request);
    if (!parsed.ok) return sendProblem(response, parsed.status, parsed.reason);
    answer(parsed.query, "doh", (message) => {
      if (!message) return sendProblem(response, 400, "not a DNS query");
      sendDnsMessage(response, message);
    });
  });
  doh.on("clientError", (_error, socket) => socket.destroy());
  const httpPort = await listen(doh, host, options.httpPort ?? 0).catch(async (error) => {
    await closeAll(listeners, undefined, sockets);
    throw error;
  });

  return {
    host,
    udpPort: listeners.udpPort,
    tcpPort: listeners.tcpPort,
    dohUrl: `http://${urlHost(host)}:${httpPort}${DOH_PATH}`,
    get queries() {
      return queries;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await closeAll(listeners, doh, sockets);
    },
  };
}

function logQuestion(
  query: Uint8Array,
  transport: LabDnsQuestion["transport"],
  onQuestion: (question: LabDnsQuestion) => void,
): void {
  try {
    for (const q of dnsPacket.decode(query).questions ?? []) {
      onQuestion({ name: q.name, type: q.type, transport, at: Date.now() });
    }
  } catch {
    // Not a DNS message: respondToQuery answers FORMERR or nothing; there is no question to log.
  }
}
