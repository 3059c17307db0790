import {
  elapsedMs,
  failure,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  type ProbeTarget,
  type SipOptionsResult,
  streamOptionsReceiver,
  untilDeadline,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { connectOutcomeOf, errorMessage } from "./socket-errors";

/**
 * One OPTIONS transaction over an open stream (TCP, or the plaintext side of TLS): one request,
 * then the bounded reader until the final response (Content-Length framing, RFC 3261 18.3).
 * Closes the channel when done, unless `keep` takes it: after a complete final response, a
 * session a REGISTER will ride next is handed over instead of closed.
 */
export function streamOptions(
  target: ProbeTarget,
  transport: "tcp" | "tls",
  channel: ByteChannel,
  deadline: ProbeDeadline,
  keep?: (channel: ByteChannel) => void,
): Promise<SipOptionsResult> {
  const ids = newTransactionIds();
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => failure(target, "timeout", reason),
    ({ finish, defer }) => {
      let answered = false;
      defer(() => (answered && keep && channel.isOpen() ? keep(channel) : channel.close()));
      const started = performance.now();
      const receiver = streamOptionsReceiver(target, ids, () => elapsedMs(started));
      channel.listen(
        (chunk) => {
          const result = receiver.push(chunk);
          if (!result) return;
          answered = result.outcome === "answered";
          finish(result);
        },
        (error) => finish(error ? failure(target, connectOutcomeOf(error), errorMessage(error)) : receiver.closed()),
      );
      channel
        .write(new TextEncoder().encode(optionsRequest(target, transport, ids)))
        .catch((error: unknown) => finish(failure(target, connectOutcomeOf(error), errorMessage(error))));
    },
  );
}
