import dgram from "node:dgram";
import net from "node:net";
import tls from "node:tls";
import type { ProbeOptions, ProbeTarget, SipFlow, SipFlowOpener, SipFlowOpenResult, Transport } from "@sipwatch/core";
import { ProbeDeadline, untilDeadline } from "@sipwatch/core";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import { connectTcp } from "./tcp-dialer";

/**
 * Flows for core's REGISTER probe from Node: a connected UDP socket (an ICMP port unreachable
 * surfaces as "refused"), a TCP connection, or TLS over it. TLS skips certificate checks:
 * judging the certificate is the TLS prober's job, this one asks whether registration works.
 */
export class NodeSipFlowOpener implements SipFlowOpener {
  readonly transports: readonly Transport[] = ["udp", "tcp", "tls"];

  async open(target: ProbeTarget, options: ProbeOptions): Promise<SipFlowOpenResult> {
    const deadline = new ProbeDeadline(options);
    try {
      if (target.transport === "udp") return await openUdp(target, deadline);
      if (target.transport === "tcp" || target.transport === "tls") return await openStream(target, deadline);
      return { ok: false, outcome: "error", error: `transport ${target.transport} is not supported for REGISTER` };
    } finally {
      deadline.dispose();
    }
  }
}

function openUdp(target: ProbeTarget, deadline: ProbeDeadline): Promise<SipFlowOpenResult> {
  return untilDeadline<SipFlowOpenResult>(
    deadline,
    (reason) => ({ ok: false, outcome: "timeout", error: `UDP: ${reason}` }),
    ({ finish }) => {
      const socket = dgram.createSocket(net.isIPv6(target.address) ? "udp6" : "udp4");
      let onClose: Parameters<SipFlow["onClose"]>[0] = () => {};
      let closed = false;
      socket.on("error", (error) => {
        if (!closed) onClose({ outcome: connectOutcomeOf(error), error: errorMessage(error) });
        finish({ ok: false, outcome: connectOutcomeOf(error), error: `UDP: ${errorMessage(error)}` });
      });
      socket.connect(target.port, target.address, () => {
        const local = socket.address();
        finish({
          ok: true,
          flow: {
            transport: "udp",
            local: { address: local.address, port: local.port },
            send: (message) => socket.send(message),
            onData: (listener) => socket.on("message", (message) => listener(new Uint8Array(message))),
            onClose: (listener) => {
              onClose = listener;
            },
            close: () => {
              closed = true;
              try {
                socket.close();
              } catch {
                // Already closed after an error: nothing left to release.
              }
            },
          },
        });
      });
    },
  );
}

async function openStream(target: ProbeTarget, deadline: ProbeDeadline): Promise<SipFlowOpenResult> {
  const connection = await connectTcp(target, deadline);
  if (!connection.ok) return { ok: false, outcome: connection.outcome, error: connection.error };
  const raw = connection.socket;
  const ready =
    target.transport === "tcp"
      ? Promise.resolve<SipFlowOpenResult | net.Socket>(raw)
      : untilDeadline<SipFlowOpenResult | net.Socket>(
          deadline,
          (reason) => ({ ok: false, outcome: "timeout", error: `TLS handshake: ${reason}` }),
          ({ finish }) => {
            const secure = tls.connect({
              socket: raw,
              ...(net.isIP(target.host) ? {} : { servername: target.host }),
              rejectUnauthorized: false,
              checkServerIdentity: () => undefined,
            });
            secure.once("secureConnect", () => finish(secure));
            secure.once("error", (error) =>
              finish({ ok: false, outcome: "handshake-failed", error: `TLS handshake: ${errorMessage(error)}` }),
            );
          },
        );
  const socket = await ready;
  if (!(socket instanceof net.Socket)) {
    raw.destroy();
    return socket;
  }
  let onClose: Parameters<SipFlow["onClose"]>[0] = () => {};
  let ended = false;
  const end = (ended_: { outcome: Parameters<typeof onClose>[0]["outcome"]; error: string }) => {
    if (ended) return;
    ended = true;
    onClose(ended_);
  };
  socket.on("error", (error) => end({ outcome: connectOutcomeOf(error), error: errorMessage(error) }));
  socket.on("end", () => end({ outcome: "reset", error: "closed by the server" }));
  return {
    ok: true,
    flow: {
      transport: target.transport,
      local: { address: socket.localAddress ?? raw.localAddress ?? "", port: socket.localPort ?? raw.localPort ?? 0 },
      send: (message) => socket.write(message),
      onData: (listener) => socket.on("data", (chunk: Buffer) => listener(new Uint8Array(chunk))),
      onClose: (listener) => {
        onClose = listener;
      },
      close: () => {
        ended = true;
        socket.destroy();
        raw.destroy();
      },
    },
  };
}
