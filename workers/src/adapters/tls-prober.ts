import { MOZILLA_ROOT_CA_LIST } from "@reclaimprotocol/tls";
import {
  type CertificateParser,
  ProbeDeadline,
  type ProbeOptions,
  type ProbeTarget,
  type TlsProbeResult,
  type TlsProber,
  TrustStore,
  tlsProbeResult,
  verifyServedChain,
} from "@sipwatch/core";
import { MAX_HANDSHAKE_BYTES, openTls } from "./tls-session";
import type { TlsSessionShelf } from "./tls-session-shelf";

export interface WorkersTlsProberOptions {
  /** Extra trust anchors (PEM): the local lab's test CA in development. */
  extraCaPems?: readonly string[];
  /** Replaces the Mozilla root list entirely (tests). */
  trustStore?: TrustStore;
  maxHandshakeBytes?: number;
  clock?: () => Date;
  /** Where to leave the open session for the SIP prober; closed at once without one. */
  shelf?: TlsSessionShelf;
  /** Parsed certificates kept across probes (the RegionProber's, per isolate). */
  certificates?: CertificateParser;
}

/** Mozilla's roots, parsed once per isolate: a Durable Object keeps it across audits. */
let publicRoots: TrustStore | undefined;

/**
 * TLS from the edge: one handshake in TypeScript that reads the chain, version and cipher even
 * for an expired, self-signed or wrong-name certificate, then the verdict a standard verifying
 * client would reach (Mozilla's roots, host name per RFC 6125), computed from the same chain
 * instead of a second connection. TLS 1.0/1.1 cannot be offered from here: legacy versions
 * are the agent's to check.
 */
export class WorkersTlsProber implements TlsProber {
  private readonly trust: TrustStore;

  constructor(private readonly options: WorkersTlsProberOptions = {}) {
    publicRoots ??= new TrustStore(MOZILLA_ROOT_CA_LIST);
    if (options.trustStore) this.trust = options.trustStore;
    else if (options.extraCaPems?.length) this.trust = new TrustStore(options.extraCaPems, publicRoots);
    else this.trust = publicRoots;
  }

  async probe(target: ProbeTarget, options: ProbeOptions): Promise<TlsProbeResult> {
    const deadline = new ProbeDeadline(options);
    try {
      const session = await openTls(target, deadline, this.options.maxHandshakeBytes ?? MAX_HANDSHAKE_BYTES);
      if (!session.ok) return await tlsProbeResult(target, session);
      if (this.options.shelf) this.options.shelf.put(target, session.channel);
      else session.channel.close();
      const result = await tlsProbeResult(target, { ...session, outcome: "connected" }, this.options.certificates);
      if (result.error === undefined) {
        const served = result.chain.map((info, index) => ({ info, der: session.chain[index] ?? new Uint8Array() }));
        const now = this.options.clock?.() ?? new Date();
        try {
          result.verification = await verifyServedChain(served, target.host, this.trust, now);
        } catch (error) {
          // Read by the parser yet not by the verifier: still a finding, not a crash.
          result.error = `certificate chain not readable: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      return result;
    } finally {
      deadline.dispose();
    }
  }
}
