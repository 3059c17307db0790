import net from "node:net";
import tls from "node:tls";
import type { ProbeTarget, TlsHandshakeDone, TlsHandshakeFailed, TlsOutcome } from "@sipwatch/core";
import { elapsedMs, looksLikeTlsRecord, type ProbeDeadline, printableBytes, untilDeadline } from "@sipwatch/core";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import { SocketTap } from "./socket-tap";
import { connectTcp } from "./tcp-dialer";

export interface HandshakeOptions {
  /** Trust anchors (PEM). Absent: Node's bundled roots. Empty: none, so Node adds nothing to the chain. */
  ca?: string | string[];
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  /** Raw bytes accepted before the handshake completes. */
  maxBytes: number;
}

/** Node links the chain by issuer (a root repeats itself there and is kept once), so `chain` is leaf first in path order. */
export type Handshake =
  | (TlsHandshakeDone & {
      peer: tls.PeerCertificate;
      authorized: boolean;
      authorizationError?: string;
    })
  | TlsHandshakeFailed;

/**
 * One TLS handshake with certificate checks off (the chain is judged afterwards, from data).
 * SNI carries the target's host name (RFC 6066 3; none for IP literals); no ALPN, as SIP
 * clients send none. Bytes are capped and every failure is a value.
 */
export async function tlsHandshake(
  target: ProbeTarget,
  deadline: ProbeDeadline,
  options: HandshakeOptions,
): Promise<Handshake> {
  const connection = await connectTcp(target, deadline);
  if (!connection.ok) return { outcome: connection.outcome, error: connection.error };
  const { socket: raw, connectMs } = connection;
  const started = performance.now();
  // Counted for every failure: none at all means silence or a close, not a TLS refusal.
  let received = 0;
  return untilDeadline<Handshake>(
    deadline,
    (reason) => ({ outcome: "timeout", connectMs, serverBytes: received, error: `TLS handshake: ${reason}` }),
    ({ finish, defer }) => {
      defer(() => raw.destroy());
      const failed = (error: string, outcome: Exclude<TlsOutcome, "connected"> = "handshake-failed") =>
        finish({ outcome, connectMs, serverBytes: received, error });
      let secure = false;
      const tap = new SocketTap(raw, (chunk) => {
        if (secure) return "pass";
        if (received === 0 && !looksLikeTlsRecord(chunk)) {
          finish({
            outcome: "not-tls",
            connectMs,
            firstBytes: printableBytes(chunk),
            serverBytes: chunk.length,
            error: "the server answered the ClientHello with something that is not a TLS record",
          });
          return "stop";
        }
        received += chunk.length;
        if (received <= options.maxBytes) return "pass";
        failed(`more than ${options.maxBytes} bytes from the server without completing the handshake`);
        return "stop";
      });
      raw.on("error", (error) => {
        const outcome = connectOutcomeOf(error);
        failed(`TLS handshake: ${errorMessage(error)}`, outcome === "error" ? "handshake-failed" : outcome);
      });
      raw.on("end", () => failed("the server closed the connection during the TLS handshake"));

      const socket = tls.connect({
        socket: tap,
        ...(net.isIP(target.host) ? {} : { servername: target.host }),
        rejectUnauthorized: false,
        // Name checks happen later against target.host, apart from chain errors.
        checkServerIdentity: () => undefined,
        ...(options.ca !== undefined ? { ca: options.ca } : {}),
        ...(options.minVersion ? { minVersion: options.minVersion } : {}),
        ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
        ...(options.ciphers ? { ciphers: options.ciphers } : {}),
      });
      defer(() => socket.destroy());
      socket.on("error", (error) => failed(`TLS handshake: ${errorMessage(error)}`));
      socket.once("secureConnect", () => {
        secure = true;
        const cipher = socket.getCipher();
        const result: Handshake = {
          outcome: "connected",
          connectMs,
          handshakeMs: elapsedMs(started),
          version: socket.getProtocol() ?? "unknown",
          cipher: cipher.standardName ?? cipher.name,
          chain: linkedChain(socket.getPeerCertificate(true)),
          peer: socket.getPeerCertificate(),
          authorized: socket.authorized,
        };
        if (socket.alpnProtocol) result.alpn = socket.alpnProtocol;
        if (socket.authorizationError) result.authorizationError = String(socket.authorizationError);
        finish(result);
      });
    },
  );
}

/** Walks issuerCertificate links; Node makes a root its own issuer, so stop at a repeat. */
function linkedChain(leaf: tls.DetailedPeerCertificate): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  for (let cert: tls.DetailedPeerCertificate | undefined = leaf; cert?.raw; cert = cert.issuerCertificate) {
    if (seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
  }
  return chain;
}
