import net from "node:net";
import type { ProbeOptions, ProbeTarget, TcpDialer, TcpProbeResult } from "@sipwatch/core";
import { elapsedMs, ProbeDeadline, untilDeadline } from "@sipwatch/core";
import { type ConnectFailure, connectOutcomeOf, errorMessage } from "./socket-errors";

export type TcpConnection =
  | { ok: true; socket: net.Socket; connectMs: number }
  | { ok: false; outcome: ConnectFailure; error: string; connectMs?: number };

/**
 * Opens a TCP connection to the target's address inside the deadline. On success the caller
 * owns the socket (and must destroy it); every failure is a value.
 */
export function connectTcp(target: ProbeTarget, deadline: ProbeDeadline): Promise<TcpConnection> {
  const started = performance.now();
  return untilDeadline<TcpConnection>(
    deadline,
    (reason) => ({ ok: false, outcome: "timeout", error: `connect: ${reason}` }),
    ({ finish, defer }) => {
      const socket = net.connect({ host: target.address, port: target.port, noDelay: true });
      let connected = false;
      defer(() => {
        if (!connected) socket.destroy();
      });
      socket.once("connect", () => {
        connected = true;
        finish({ ok: true, socket, connectMs: elapsedMs(started) });
      });
      // Stays attached after connect (finish is then a no-op), so a late error never goes unhandled.
      socket.on("error", (error) =>
        finish({ ok: false, outcome: connectOutcomeOf(error), error: `connect: ${errorMessage(error)}` }),
      );
    },
  );
}

/** TCP reachability: how long the three-way handshake takes, or why it fails (RST, no route, silence). */
export class NodeTcpDialer implements TcpDialer {
  async dial(target: ProbeTarget, options: ProbeOptions): Promise<TcpProbeResult> {
    const deadline = new ProbeDeadline(options);
    try {
      const connection = await connectTcp(target, deadline);
      if (!connection.ok) return { target, outcome: connection.outcome, error: connection.error };
      connection.socket.destroy();
      return { target, outcome: "connected", connectMs: connection.connectMs };
    } finally {
      deadline.dispose();
    }
  }
}
