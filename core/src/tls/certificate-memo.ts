import { toHex } from "../dns/bytes";
import type { CertificateParts } from "./certificate-parts";
import { parseCertificate } from "./parse-certificate";
import { signedBy } from "./signature";
import type { CertificateInfo } from "./types";

/**
 * What never changes about a certificate, remembered by its exact DER bytes: its parsed fields
 * and whether a given issuer's key verifies its signature. A prober that meets the same chain
 * every minute (a RegionProber Durable Object) then spends its CPU on the handshake alone.
 * Dates and host names are still checked on every probe; they depend on the clock and target.
 * Bounded, least recently used first out. The CertificateInfo values are shared, so callers must
 * not mutate them. Example: `const memo = new CertificateMemo(); await memo.parse(der)`.
 */
export class CertificateMemo {
  private readonly infos = new Map<string, CertificateInfo>();
  private readonly signatures = new Map<string, boolean>();

  constructor(private readonly maxEntries = 512) {}

  async parse(der: Uint8Array): Promise<CertificateInfo> {
    const key = toHex(der);
    const known = this.recall(this.infos, key);
    if (known) return known;
    const info = await parseCertificate(der);
    this.remember(this.infos, key, info);
    return info;
  }

  async signedBy(cert: CertificateParts, issuer: CertificateParts): Promise<boolean> {
    const key = `${toHex(cert.der)}/${toHex(issuer.der)}`;
    const known = this.recall(this.signatures, key);
    if (known !== undefined) return known;
    const verified = await signedBy(cert, issuer);
    this.remember(this.signatures, key, verified);
    return verified;
  }

  get size(): number {
    return this.infos.size + this.signatures.size;
  }

  /** A Map keeps insertion order, so re-inserting marks the entry most recently used. */
  private recall<V>(map: Map<string, V>, key: string): V | undefined {
    const value = map.get(key);
    if (value !== undefined) {
      map.delete(key);
      map.set(key, value);
    }
    return value;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    if (map.size > this.maxEntries) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  }
}
