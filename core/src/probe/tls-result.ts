import type { CertificateMemo } from "../tls/certificate-memo";
import { parseCertificateChain } from "../tls/parse-certificate";
import type { ProbeTarget, TlsOutcome, TlsProbeResult } from "./types";

/** A completed handshake as a runtime reports it, before core reads the certificates. */
export interface TlsHandshakeDone {
  outcome: "connected";
  connectMs: number;
  handshakeMs: number;
  /** "TLSv1.3", "TLSv1.2", as Node names them. */
  version: string;
  cipher: string;
  alpn?: string;
  /** DER, leaf first. */
  chain: Uint8Array[];
}

export interface TlsHandshakeFailed {
  outcome: Exclude<TlsOutcome, "connected">;
  connectMs?: number;
  error: string;
  /** What the peer sent instead of TLS, printable. */
  firstBytes?: string;
  /** Bytes the server sent before the failure (0: silence, or a close without a word). */
  serverBytes?: number;
}

export type TlsHandshakeSummary = TlsHandshakeDone | TlsHandshakeFailed;

/**
 * The TLS probe result both runtimes report: timings, version and cipher, and the chain
 * parsed. A chain the parser cannot read is kept as an error on a connected result: the
 * handshake worked, so it is a finding, not a crash.
 */
export async function tlsProbeResult(
  target: ProbeTarget,
  handshake: TlsHandshakeSummary,
  memo?: CertificateMemo,
): Promise<TlsProbeResult> {
  if (handshake.outcome !== "connected") {
    const failed: TlsProbeResult = { target, outcome: handshake.outcome, chain: [], error: handshake.error };
    if (handshake.connectMs !== undefined) failed.connectMs = handshake.connectMs;
    if (handshake.firstBytes !== undefined) failed.firstBytes = handshake.firstBytes;
    if (handshake.serverBytes !== undefined) failed.serverBytes = handshake.serverBytes;
    return failed;
  }
  const result: TlsProbeResult = {
    target,
    outcome: "connected",
    connectMs: handshake.connectMs,
    handshakeMs: handshake.handshakeMs,
    version: handshake.version,
    cipher: handshake.cipher,
    chain: [],
  };
  if (handshake.alpn) result.alpn = handshake.alpn;
  try {
    result.chain = await parseCertificateChain(handshake.chain, memo ? (der) => memo.parse(der) : undefined);
  } catch (error) {
    result.error = `certificate chain not readable: ${error instanceof Error ? error.message : String(error)}`;
  }
  return result;
}
