import type { SipOptionsResult, TargetProbes, TransportCrossCheck } from "../../probe/types";

/** What answered when the other transport was spoken to a port that gave the advertised one nothing. */
export interface CrossCheckAnswer {
  kind: "plaintext-on-tls-port" | "tls-on-plaintext-port";
  /** "plain SIP over TCP", "SIP over TLS", or "TLS" when the handshake completed and OPTIONS inside it did not answer. */
  answered: string;
  /** What the advertised transport met first. */
  met: TransportCrossCheck["met"];
  /** "200 OK", "TLSv1.3": the answer itself, for the title and the evidence. */
  answer: string;
  server?: string;
}

const statusLine = (sip: SipOptionsResult) =>
  sip.response ? `${sip.response.status} ${sip.response.reason}`.trim() : "an answer";
const serverOf = (sip: SipOptionsResult) => sip.response?.server ?? sip.response?.userAgent;

/**
 * The other transport answering on the port (run-probes' cross-check): plain SIP OPTIONS over
 * TCP answered on a TLS port, or a TLS handshake completed on a TCP port (with OPTIONS inside it
 * answered, usually). Any SIP answer counts, 4xx and 5xx too: they prove SIP is spoken there.
 */
export function crossCheckAnswer(probe: TargetProbes): CrossCheckAnswer | null {
  const check = probe.crossCheck;
  if (!check) return null;
  const { transport } = probe.target;
  if ((transport === "tls" || transport === "wss") && check.spoke === "tcp" && check.sip?.outcome === "answered") {
    const server = serverOf(check.sip);
    return {
      kind: "plaintext-on-tls-port",
      answered: "plain SIP over TCP",
      met: check.met,
      answer: statusLine(check.sip),
      ...(server ? { server } : {}),
    };
  }
  if ((transport === "tcp" || transport === "ws") && check.spoke === "tls" && check.tls?.outcome === "connected") {
    if (check.sip?.outcome === "answered") {
      const server = serverOf(check.sip);
      return {
        kind: "tls-on-plaintext-port",
        answered: "SIP over TLS",
        met: check.met,
        answer: statusLine(check.sip),
        ...(server ? { server } : {}),
      };
    }
    return { kind: "tls-on-plaintext-port", answered: "TLS", met: check.met, answer: check.tls.version ?? "TLS" };
  }
  return null;
}

/** What the listener did with the advertised transport, in words for the finding. */
export function metText(met: TransportCrossCheck["met"]): string {
  return met === "close" ? "closed the connection without sending a byte" : "stayed silent until the probe gave up";
}
