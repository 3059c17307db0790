import tls from "node:tls";
import {
  chainReachesAnchor,
  ProbeDeadline,
  type ProbeOptions,
  type ProbeTarget,
  parseCertificateChain,
  type TlsProbeResult,
  type TlsProber,
  TrustStore,
  tlsProbeResult,
} from "@sipwatch/core";
import { errorMessage } from "./socket-errors";
import { tlsHandshake } from "./tls-handshake";

export interface NodeTlsProberOptions {
  /** Trust anchors (PEM) for `verification`; Node's bundled public roots when absent. The lab passes its test CA. */
  ca?: string | string[];
  /** Also try TLS 1.0 and TLS 1.1 handshakes (two more connections per probe). */
  checkLegacyVersions?: boolean;
  /** Raw bytes accepted before a handshake completes: a real chain is a few KiB; 256 KiB by default. */
  maxHandshakeBytes?: number;
}

const LEGACY_VERSIONS: readonly tls.SecureVersion[] = ["TLSv1", "TLSv1.1"];
/**
 * OpenSSL 3 refuses TLS 1.0/1.1 (their SHA-1 and MD5 based PRF and signatures) at security
 * level 1 and above, so it would not even offer them: level 0 lets the handshake tell whether
 * the *server* still accepts them. Used for those extra handshakes only.
 */
const LEGACY_CIPHERS = "DEFAULT:@SECLEVEL=0";

/**
 * TLS from Node. The first handshake trusts nothing (`ca: []`), so the chain Node reports is
 * what the server sent; a second one, with the public roots (or the configured CA), answers
 * what a standard verifying client decides, and `tls.checkServerIdentity` adds the name check
 * against the SRV target host (RFC 5922 7.2 judges the SIP domain in core, from the chain).
 */
export class NodeTlsProber implements TlsProber {
  private readonly maxBytes: number;
  private anchors: TrustStore | undefined;

  constructor(private readonly options: NodeTlsProberOptions = {}) {
    this.maxBytes = options.maxHandshakeBytes ?? 256 * 1024;
  }

  async probe(target: ProbeTarget, options: ProbeOptions): Promise<TlsProbeResult> {
    const deadline = new ProbeDeadline(options);
    try {
      const first = await tlsHandshake(target, deadline, { ca: [], maxBytes: this.maxBytes });
      const legacyWanted =
        this.options.checkLegacyVersions && (first.outcome === "connected" || first.outcome === "handshake-failed");
      const [verification, legacy] = await Promise.all([
        first.outcome === "connected" ? this.verify(target, deadline) : undefined,
        legacyWanted ? this.legacyVersions(target, deadline) : undefined,
      ]);
      const result = await tlsProbeResult(target, first);
      if (verification) result.verification = verification;
      if (legacy) result.legacyVersionsAccepted = legacy;
      return result;
    } finally {
      deadline.dispose();
    }
  }

  private async verify(target: ProbeTarget, deadline: ProbeDeadline): Promise<TlsProbeResult["verification"]> {
    const check = await tlsHandshake(target, deadline, {
      ...(this.options.ca !== undefined ? { ca: this.options.ca } : {}),
      maxBytes: this.maxBytes,
    });
    // A second connection that fails says nothing about the certificate: leave the verdict out.
    if (check.outcome !== "connected") return undefined;
    if (!check.authorized)
      return {
        trusted: false,
        error: check.authorizationError ?? "certificate not trusted",
        anchored: await this.anchored(check.chain),
      };
    const nameError = tls.checkServerIdentity(target.host, check.peer);
    if (nameError)
      return { trusted: false, error: `ERR_TLS_CERT_ALTNAME_INVALID: ${errorMessage(nameError)}`, anchored: true };
    return { trusted: true };
  }

  /**
   * OpenSSL reports its last error only (an expired leaf missing its intermediate reads
   * CERT_HAS_EXPIRED), so whether the served chain reaches a trust anchor is asked of core's
   * path builder, with the same anchors: the configured CA, else Node's bundled roots.
   */
  private async anchored(served: Uint8Array[]): Promise<boolean> {
    this.anchors ??= new TrustStore(
      this.options.ca === undefined ? [...tls.rootCertificates] : [this.options.ca].flat(),
    );
    const chain = await parseCertificateChain(served);
    return chainReachesAnchor(
      chain.map((info, index) => ({ info, der: served[index] ?? new Uint8Array() })),
      this.anchors,
    );
  }

  /** Undefined unless every legacy handshake gave a definite answer (a timeout proves nothing). */
  private async legacyVersions(target: ProbeTarget, deadline: ProbeDeadline): Promise<string[] | undefined> {
    const attempts = await Promise.all(
      LEGACY_VERSIONS.map((version) =>
        tlsHandshake(target, deadline, {
          ca: [],
          minVersion: version,
          maxVersion: version,
          ciphers: LEGACY_CIPHERS,
          maxBytes: this.maxBytes,
        }),
      ),
    );
    if (attempts.some((a) => a.outcome !== "connected" && a.outcome !== "handshake-failed")) return undefined;
    return attempts.flatMap((a) => (a.outcome === "connected" ? [a.version] : []));
  }
}
