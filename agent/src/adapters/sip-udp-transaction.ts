import dgram from "node:dgram";
import net from "node:net";
import type { ProbeTarget, SipOptionsResult } from "@sipwatch/core";
import {
  answered,
  elapsedMs,
  failure,
  matchResponse,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  parseSipResponse,
  unmatchable,
  untilDeadline,
} from "@sipwatch/core";
import { connectOutcomeOf, errorMessage } from "./socket-errors";

/** RFC 3261 17.1.1.1: T1 is the RTT estimate, T2 the longest interval between retransmissions. */
export const T1_MS = 500;
export const T2_MS = 4000;

/**
 * OPTIONS over UDP as a non-INVITE client transaction (RFC 3261 17.1.2.2): the request is
 * retransmitted when Timer E fires, starting at T1 and doubling up to T2 (at T2 once a
 * provisional response came), until a final response or the deadline (our Timer F).
 * The socket is connected, so an ICMP port unreachable surfaces as ECONNREFUSED ("refused").
 */
export function udpOptions(target: ProbeTarget, deadline: ProbeDeadline): Promise<SipOptionsResult> {
  const ids = newTransactionIds();
  let transmissions = 0;
  let firstSent = 0;
  let provisional: number | undefined;
  let ignored: string | undefined;
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => {
      const heard = provisional ? `; only a provisional ${provisional}` : ignored ? `; ignored ${ignored}` : "";
      return failure(target, "timeout", `${reason}${heard}`, { transmissions });
    },
    ({ finish, defer }) => {
      const socket = dgram.createSocket(net.isIPv6(target.address) ? "udp6" : "udp4");
      let timer: NodeJS.Timeout | undefined;
      defer(() => {
        clearTimeout(timer);
        try {
          socket.close();
        } catch {
          // Already closed after an error: nothing left to release.
        }
      });
      socket.on("error", (error) =>
        finish(failure(target, connectOutcomeOf(error), `UDP: ${errorMessage(error)}`, { transmissions })),
      );

      let request: Buffer;
      const send = (intervalMs: number) => {
        transmissions++;
        socket.send(request);
        // Timer E: T1, 2*T1, 4*T1... capped at T2; once a 1xx came, every T2.
        timer = setTimeout(() => send(provisional ? T2_MS : Math.min(intervalMs * 2, T2_MS)), intervalMs);
      };

      socket.on("message", (message) => {
        const parsed = parseSipResponse(new Uint8Array(message));
        if (!parsed.ok) {
          ignored = `a malformed datagram (${parsed.message})`;
          return;
        }
        const match = matchResponse(parsed.response, ids);
        if (match === "unmatchable" && parsed.response.status >= 200)
          return finish(unmatchable(target, parsed.response, { transmissions }));
        if (match !== "ours") {
          ignored = `a response to another request (${parsed.response.status})`;
          return;
        }
        if (parsed.response.status < 200) {
          provisional = parsed.response.status;
          return;
        }
        finish(answered(target, parsed.response, elapsedMs(firstSent), { transmissions }));
      });

      socket.connect(target.port, target.address, () => {
        const local = socket.address();
        request = Buffer.from(optionsRequest(target, "udp", ids, { address: local.address, port: local.port }));
        firstSent = performance.now();
        send(T1_MS);
      });
    },
  );
}
