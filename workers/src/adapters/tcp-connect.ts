import { connect } from "cloudflare:sockets";
import type { Socket } from "@cloudflare/workers-types";
import {
  elapsedMs,
  ProbeDeadline,
  type ProbeOptions,
  type ProbeTarget,
  type TcpDialer,
  type TcpProbeResult,
  untilDeadline,
} from "@sipwatch/core";
import { type ByteChannel, socketChannel } from "./byte-channel";
import { type ConnectFailure, connectOutcomeOf, errorMessage } from "./socket-errors";

export type TcpConnection =
  | { ok: true; channel: ByteChannel; connectMs: number }
  | { ok: false; outcome: ConnectFailure; error: string };

/**
 * A plain TCP connection from `cloudflare:sockets` inside the deadline. `secureTransport: "off"`
 * on purpose: TLS runs in TypeScript above it so the certificate can be read (see tls-session.ts).
 * On success the caller owns the channel and must close it.
 */
export function openTcp(target: ProbeTarget, deadline: ProbeDeadline): Promise<TcpConnection> {
  const started = performance.now();
  let socket: Socket;
  try {
    socket = connect({ hostname: target.address, port: target.port }, { secureTransport: "off", allowHalfOpen: false });
  } catch (error) {
    // Thrown at once for what workerd will not dial at all (port 25, a malformed address).
    return Promise.resolve({ ok: false, outcome: "error", error: `connect: ${errorMessage(error)}` });
  }
  // A failed socket also rejects `closed`; the outcome is taken from `opened`.
  socket.closed.catch(() => {});
  return untilDeadline<TcpConnection>(
    deadline,
    (reason) => ({ ok: false, outcome: "timeout", error: `connect: ${reason}` }),
    ({ finish, defer }) => {
      let opened = false;
      defer(() => {
        if (!opened) socket.close().catch(() => {});
      });
      socket.opened.then(
        () => {
          opened = true;
          finish({ ok: true, channel: socketChannel(socket), connectMs: elapsedMs(started) });
        },
        (error: unknown) =>
          finish({ ok: false, outcome: connectOutcomeOf(error), error: `connect: ${errorMessage(error)}` }),
      );
    },
  );
}

/** TCP reachability from the edge: time to an open socket, or why not. */
export class WorkersTcpDialer implements TcpDialer {
  async dial(target: ProbeTarget, options: ProbeOptions): Promise<TcpProbeResult> {
    const deadline = new ProbeDeadline(options);
    try {
      const connection = await openTcp(target, deadline);
      if (!connection.ok) return { target, outcome: connection.outcome, error: connection.error };
      connection.channel.close();
      return { target, outcome: "connected", connectMs: connection.connectMs };
    } finally {
      deadline.dispose();
    }
  }
}
