import type { ProbeOptions, ProbeTarget, SipOptionsProber, SipOptionsResult, Transport } from "@sipwatch/core";
import { failure, ProbeDeadline } from "@sipwatch/core";
import { streamOptions } from "./sip-stream-transaction";
import { udpOptions } from "./sip-udp-transaction";
import { webSocketOptions } from "./sip-ws-transaction";

export interface NodeSipOptionsProberOptions {
  /** HTTP path of the WebSocket endpoint: RFC 7118 leaves it to the server; "/" by default. */
  webSocketPath?: string;
}

/**
 * SIP OPTIONS "pings" from Node over every transport a phone might use. Each probe sends one
 * request and waits for the final response; what the server says (status, Server, Allow,
 * how it saw our address in Via) is data for core, and every failure is an outcome value.
 */
export class NodeSipOptionsProber implements SipOptionsProber {
  readonly transports: readonly Transport[] = ["udp", "tcp", "tls", "ws", "wss"];

  constructor(private readonly settings: NodeSipOptionsProberOptions = {}) {}

  async options(target: ProbeTarget, options: ProbeOptions): Promise<SipOptionsResult> {
    const deadline = new ProbeDeadline(options);
    try {
      switch (target.transport) {
        case "udp":
          return await udpOptions(target, deadline);
        case "tcp":
        case "tls":
          return await streamOptions(target, target.transport, deadline);
        case "ws":
        case "wss":
          return await webSocketOptions(target, target.transport, deadline, this.settings.webSocketPath);
        default:
          // SCTP needs a kernel module and a native binding Node does not have.
          return failure(target, "error", `transport ${target.transport} is not supported by the Node agent`);
      }
    } finally {
      deadline.dispose();
    }
  }
}
