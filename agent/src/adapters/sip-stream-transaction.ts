import net from "node:net";
import tls from "node:tls";
import type { ProbeTarget, SipOptionsResult } from "@sipwatch/core";
import {
  elapsedMs,
  failure,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  streamOptionsReceiver,
  untilDeadline,
} from "@sipwatch/core";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import { connectTcp } from "./tcp-dialer";

/**
 * OPTIONS over TCP or TLS: one connection, one request, read until the final response with
 * the bounded reader (Content-Length framing, RFC 3261 18.3). TLS skips certificate checks:
 * judging the certificate is the TLS prober's job, this one asks whether SIP answers.
 */
export async function streamOptions(
  target: ProbeTarget,
  transport: "tcp" | "tls",
  deadline: ProbeDeadline,
): Promise<SipOptionsResult> {
  const connection = await connectTcp(target, deadline);
  if (!connection.ok) return failure(target, connection.outcome, connection.error);
  const raw = connection.socket;
  const ids = newTransactionIds();
  let handshaking = transport === "tls";
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => failure(target, "timeout", handshaking ? `TLS handshake: ${reason}` : reason),
    ({ finish, defer }) => {
      defer(() => raw.destroy());
      let socket: net.Socket = raw;
      if (transport === "tls") {
        const secure = tls.connect({
          socket: raw,
          ...(net.isIP(target.host) ? {} : { servername: target.host }),
          rejectUnauthorized: false,
          checkServerIdentity: () => undefined,
        });
        defer(() => secure.destroy());
        socket = secure;
      }
      let started = 0;
      const receiver = streamOptionsReceiver(target, ids, () => elapsedMs(started));

      const send = () => {
        handshaking = false;
        const local = { address: socket.localAddress ?? raw.localAddress, port: socket.localPort ?? raw.localPort };
        started = performance.now();
        socket.write(optionsRequest(target, transport, ids, local));
      };
      if (transport === "tls") socket.once("secureConnect", send);
      else send();

      socket.on("data", (chunk: Buffer) => {
        const result = receiver.push(new Uint8Array(chunk));
        if (!result) return;
        if (result.outcome !== "answered") socket.pause();
        finish(result);
      });
      socket.on("error", (error) => {
        if (handshaking) return finish(failure(target, "handshake-failed", `TLS handshake: ${errorMessage(error)}`));
        finish(failure(target, connectOutcomeOf(error), errorMessage(error)));
      });
      socket.on("end", () => {
        if (handshaking)
          return finish(failure(target, "handshake-failed", "connection closed during the TLS handshake"));
        finish(receiver.closed());
      });
    },
  );
}
