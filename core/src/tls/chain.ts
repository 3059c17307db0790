import type { CertificateInfo } from "./types";

const DAY_MS = 86_400_000;

/** What a verifying client said about the chain (TlsProbeResult.verification). */
export interface ChainVerification {
  trusted: boolean;
  error?: string;
  /**
   * Whether the served certificates lead to a trust anchor, whatever dates and names say. An
   * expired or wrong-name leaf issued straight by a trusted root is anchored: nothing is missing.
   * Set on failures; absent when the verifier could not tell (a trusted chain is anchored).
   */
  anchored?: boolean;
}

/** Why a verifying client refused the chain, from OpenSSL / Node / BoringSSL error texts and codes. */
export type VerificationProblem =
  | "expired"
  | "not-yet-valid"
  | "name-mismatch"
  | "self-signed"
  | "issuer-missing"
  | "unknown-issuer"
  | "other";

export interface CertificateValidity {
  index: number;
  subject: string;
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter, negative once expired. */
  daysLeft: number;
  expired: boolean;
  notYetValid: boolean;
}

export interface ChainAnalysis {
  /** Each certificate is issued by the one after it, as TLS 1.2 requires (RFC 5246 7.4.2). */
  ordered: boolean;
  /** Certificates from the leaf up, following issuer names through what the server sent, in any order. */
  path: CertificateInfo[];
  /** Sent but not on the leaf's path: harmless clutter or a stale intermediate. */
  unused: CertificateInfo[];
  /** Where the path stops: a self-signed root, or a certificate whose issuer the server did not send. */
  endsAt: "self-signed" | "issuer-absent";
  /** Issuer of the path's top when absent: normally a root every client has, unless the chain is incomplete. */
  missingIssuer?: string;
  /**
   * The server probably left out an intermediate: the path ends at a certificate whose issuer
   * is absent, and either a verifying client reported exactly that, or the leaf came alone
   * without a verifier vouching for it (public CAs never sign leaves with a root: CA/Browser
   * Forum Baseline Requirements 6.1.7). Phones do not fetch missing intermediates (no AIA
   * chasing), so they fail where browsers succeed.
   */
  incomplete: boolean;
  leafDaysLeft: number;
  /** Earliest notAfter among the leaf and intermediates (self-signed roots excluded: clients use their own copy). */
  firstExpiry: CertificateValidity;
  validity: CertificateValidity[];
}

/**
 * Reads a served chain (leaf first) the way a phone's TLS stack will meet it.
 * Example: `analyseChain(tls.chain, new Date(), tls.verification).incomplete`.
 * Throws for an empty chain: callers only analyse completed handshakes.
 */
export function analyseChain(
  chain: readonly CertificateInfo[],
  now: Date,
  verification?: ChainVerification,
): ChainAnalysis {
  const leaf = chain[0];
  if (!leaf) throw new Error("analyseChain needs at least the leaf certificate");
  const ordered = chain.every((cert, i) => i === chain.length - 1 || cert.issuer === chain[i + 1]?.subject);
  const path = [leaf];
  for (let top = leaf; !top.selfSigned; ) {
    const issuer = chain.find((c) => c.subject === top.issuer && !path.includes(c));
    if (!issuer) break;
    path.push(issuer);
    top = issuer;
  }
  const top = path[path.length - 1] ?? leaf;
  const endsAt = top.selfSigned ? "self-signed" : "issuer-absent";
  const problem = verification?.trusted === false ? verificationProblem(verification.error) : undefined;
  // An anchored path misses nothing, even when the leaf is expired or names another host.
  const incomplete =
    endsAt === "issuer-absent" &&
    verification?.anchored !== true &&
    (problem === "issuer-missing" || (path.length === 1 && verification?.trusted !== true));
  const validity = chain.map((cert, index) => certificateValidity(cert, index, now));
  const candidates = validity.filter((v) => v.index === 0 || !chain[v.index]?.selfSigned);
  const firstExpiry = candidates.reduce((a, b) => (Date.parse(b.notAfter) < Date.parse(a.notAfter) ? b : a));
  return {
    ordered,
    path,
    unused: chain.filter((c) => !path.includes(c)),
    endsAt,
    ...(endsAt === "issuer-absent" ? { missingIssuer: top.issuer } : {}),
    incomplete,
    leafDaysLeft: validity[0]?.daysLeft ?? 0,
    firstExpiry,
    validity,
  };
}

export function certificateValidity(cert: CertificateInfo, index: number, now: Date): CertificateValidity {
  const notAfter = Date.parse(cert.notAfter);
  const notBefore = Date.parse(cert.notBefore);
  return {
    index,
    subject: cert.subject,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    daysLeft: Math.floor((notAfter - now.getTime()) / DAY_MS),
    expired: now.getTime() > notAfter,
    notYetValid: now.getTime() < notBefore,
  };
}

/**
 * Classifies a verifier's error text. "unable to get local issuer certificate" (OpenSSL's
 * UNABLE_TO_GET_ISSUER_CERT_LOCALLY) means the top of the chain leads to no root the client
 * knows: an unknown CA. A missing intermediate shows as "unable to verify the first
 * certificate" (UNABLE_TO_VERIFY_LEAF_SIGNATURE) or "unable to get issuer certificate".
 */
export function verificationProblem(error: string | undefined): VerificationProblem {
  const text = error ?? "";
  if (/CERT_HAS_EXPIRED|has expired|certificate expired/i.test(text)) return "expired";
  if (/CERT_NOT_YET_VALID|not yet valid/i.test(text)) return "not-yet-valid";
  if (/ALTNAME|altnames|hostname|host name|does not match|name mismatch/i.test(text)) return "name-mismatch";
  if (/SELF_SIGNED|self[- ]signed/i.test(text)) return "self-signed";
  if (
    /UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate|UNABLE_TO_GET_ISSUER_CERT(?!_LOCALLY)|unable to get issuer certificate/i.test(
      text,
    )
  )
    return "issuer-missing";
  if (/UNABLE_TO_GET_ISSUER_CERT_LOCALLY|local issuer|unknown ca|unknown authority|untrusted|not trusted/i.test(text))
    return "unknown-issuer";
  return "other";
}
