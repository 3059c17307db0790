import { toHex } from "../dns/bytes";
import type { ProbeDeadline } from "../probe/deadline";
import { MAX_SIP_RESPONSE_BYTES, matchResponse, type TransactionIds } from "../probe/sip-transaction";
import type { SipResponseInfo } from "../probe/types";
import { createSipResponseReader, parseSipResponse } from "../sip/sip-message";
import type { RegisterOutcome, SipFlow } from "./types";

/** RFC 3261 17.1.1.1: T1 is the RTT estimate, T2 the longest interval between retransmissions. */
const T1_MS = 500;
const T2_MS = 4000;

type FlowEvent =
  | { kind: "response"; response: SipResponseInfo }
  | { kind: "failed"; outcome: RegisterOutcome; error: string };

/** How one client transaction ended: a final response, or a transport failure in words. */
export type TransactionEnd =
  | { kind: "final"; response: SipResponseInfo; rttMs: number }
  | { kind: "failed"; outcome: RegisterOutcome; error: string };

/**
 * Everything a flow delivers, framed into responses: Content-Length framing on streams
 * (RFC 3261 18.3, bounded), one response per datagram on UDP. A failure (close, malformed or
 * oversized message) ends the flow; responses already queued are still read first.
 */
export class FlowInbox {
  /** Datagrams sent, retransmissions included. */
  transmissions = 0;
  private readonly queue: FlowEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  /** Bytes of a response that has not ended yet: what a slow drip leaves behind. */
  private partialBytes = 0;
  /** One message per delivery: a UDP datagram, or a WebSocket message (RFC 7118 5.1 needs no Content-Length). */
  private readonly datagram: boolean;
  /** Only UDP retransmits (RFC 3261 17.1.2.2); a stream or WebSocket is reliable. */
  private readonly retransmits: boolean;

  constructor(readonly flow: SipFlow) {
    this.datagram = flow.transport === "udp" || flow.transport === "ws" || flow.transport === "wss";
    this.retransmits = flow.transport === "udp";
    const reader = createSipResponseReader({ maxBytes: MAX_SIP_RESPONSE_BYTES });
    flow.onData((bytes) => {
      if (this.ended) return;
      if (this.datagram) return this.onDatagram(bytes);
      this.partialBytes += bytes.length;
      let result = reader.push(bytes);
      while ("done" in result && result.done) {
        this.partialBytes = result.rest.length;
        this.push({ kind: "response", response: result.response });
        result = reader.push(result.rest);
      }
      if ("error" in result) this.fail(result.error === "too-large" ? "too-large" : "malformed", result.message);
    });
    flow.onClose(({ outcome, error }) => {
      const words =
        this.partialBytes > 0 ? "the connection closed in the middle of a response" : `the connection closed: ${error}`;
      this.fail(outcome === "refused" ? "connection-refused" : outcome === "connected" ? "reset" : outcome, words);
    });
  }

  /** Why nothing final came, for a timeout: a half-sent response (slow drip) says so. */
  pendingText(): string {
    return this.partialBytes > 0 ? `; ${this.partialBytes} bytes of a response that never ended` : "";
  }

  /**
   * Sends a request and waits for its final response, retransmitting on UDP (Timer E, RFC 3261
   * 17.1.2.2) until the deadline. Responses of other transactions (a late retransmitted 401)
   * and provisional ones are passed over.
   */
  async transact(request: string, ids: TransactionIds, deadline: ProbeDeadline): Promise<TransactionEnd> {
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let provisional = false;
    const send = (intervalMs: number) => {
      this.transmissions++;
      this.flow.send(request);
      if (!this.retransmits) return;
      timer = setTimeout(() => send(provisional ? T2_MS : Math.min(intervalMs * 2, T2_MS)), intervalMs);
    };
    try {
      send(T1_MS);
      for (;;) {
        const event = await this.next(deadline.signal);
        if (!event) return { kind: "failed", outcome: "timeout", error: `${deadline.reason()}${this.pendingText()}` };
        if (event.kind === "failed") return event;
        const match = matchResponse(event.response, ids);
        if (match === "unmatchable" && event.response.status >= 200) {
          return { kind: "failed", outcome: "malformed", error: `a ${event.response.status} without Via or Call-ID` };
        }
        if (match !== "ours") continue;
        if (event.response.status < 200) {
          provisional = true;
          continue;
        }
        return { kind: "final", response: event.response, rttMs: Math.round(performance.now() - started) };
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private onDatagram(bytes: Uint8Array): void {
    if (bytes.length > MAX_SIP_RESPONSE_BYTES) {
      // A WebSocket message that large is the server misbehaving; on UDP it is noise to skip.
      if (!this.retransmits) this.fail("too-large", `a SIP message over ${MAX_SIP_RESPONSE_BYTES} bytes`);
      return;
    }
    const parsed = parseSipResponse(bytes);
    // A stray or broken datagram is not the registrar's answer: UDP keeps waiting for one.
    if (parsed.ok) this.push({ kind: "response", response: parsed.response });
    // Over WebSocket a broken response is the registrar's answer; a request it sends (a keepalive) is not.
    else if (!this.retransmits && startsWithStatusLine(bytes)) this.fail("malformed", parsed.message);
  }

  private push(event: FlowEvent): void {
    this.queue.push(event);
    this.wake?.();
  }

  private fail(outcome: RegisterOutcome, error: string): void {
    if (this.ended) return;
    this.ended = true;
    this.push({ kind: "failed", outcome, error });
  }

  private async next(signal: AbortSignal): Promise<FlowEvent | undefined> {
    for (;;) {
      const event = this.queue.shift();
      if (event) {
        // A failure stays the answer to every later read.
        if (event.kind === "failed") this.queue.unshift(event);
        return event;
      }
      if (signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }
}

const STATUS_LINE = [0x53, 0x49, 0x50, 0x2f]; // "SIP/"
const startsWithStatusLine = (bytes: Uint8Array) => STATUS_LINE.every((byte, i) => bytes[i] === byte);

/** A random token of `bytes` bytes in hex: branches, tags, cnonces, our Contact's user part. */
export function randomToken(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}
