// MD5 is not in WebCrypto, and SHA-512/256 is not either; @noble/hashes is audited, has no
// dependencies and runs unchanged in Node and workerd, which beats hand-writing a hash.
import { md5 } from "@noble/hashes/legacy.js";
import { sha512_256 } from "@noble/hashes/sha2.js";
import { toHex } from "../dns/bytes";
import { splitHeaderList } from "../sip/sip-message";

/** Digest algorithms we answer, most preferred first (RFC 8760 2.4: the strongest the client supports). */
export const DIGEST_ALGORITHMS = ["SHA-512-256", "SHA-256", "MD5"] as const;
export type DigestAlgorithm = (typeof DIGEST_ALGORITHMS)[number];

/** One Digest challenge from WWW-Authenticate (401) or Proxy-Authenticate (407). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** As the registrar wrote it ("MD5" when absent, RFC 7616 3.3); "-sess" variants included. */
  algorithm: string;
  qop: string[];
  stale: boolean;
}

export interface DigestAnswerInput {
  challenge: DigestChallenge;
  method: string;
  uri: string;
  username: string;
  password: string;
  /** Nonce count: 1 for the first use of a nonce, then 2, 3... when the nonce is reused (RFC 7616 3.4). */
  nc: number;
  cnonce: string;
}

const encoder = new TextEncoder();

/** `parseDigestChallenges(response.headers["www-authenticate"])`: Digest challenges only, in order. */
export function parseDigestChallenges(values: readonly string[] | undefined): {
  digest: DigestChallenge[];
  /** Schemes or algorithms offered that we cannot answer, for the report. */
  unsupported: string[];
} {
  const digest: DigestChallenge[] = [];
  const unsupported: string[] = [];
  for (const value of values ?? []) {
    const match = /^\s*([A-Za-z0-9-]+)\s+(.*)$/s.exec(value);
    if (!match) continue;
    const scheme = match[1] ?? "";
    if (scheme.toLowerCase() !== "digest") {
      unsupported.push(scheme);
      continue;
    }
    const params = authParams(match[2] ?? "");
    const algorithm = params.algorithm ?? "MD5";
    if (params.realm === undefined || params.nonce === undefined) continue;
    if (!baseAlgorithm(algorithm)) {
      unsupported.push(`Digest ${algorithm}`);
      continue;
    }
    digest.push({
      realm: params.realm,
      nonce: params.nonce,
      ...(params.opaque !== undefined ? { opaque: params.opaque } : {}),
      algorithm,
      qop: (params.qop ?? "")
        .split(",")
        .map((q) => q.trim().toLowerCase())
        .filter(Boolean),
      stale: (params.stale ?? "").toLowerCase() === "true",
    });
  }
  return { digest, unsupported };
}

/** Of several challenges (RFC 8760 2.4 lets a server offer one per algorithm), the one we answer. */
export function preferredChallenge(challenges: readonly DigestChallenge[]): DigestChallenge | undefined {
  const rank = (c: DigestChallenge) => DIGEST_ALGORITHMS.indexOf(baseAlgorithm(c.algorithm) as DigestAlgorithm);
  return [...challenges].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * The Authorization (or Proxy-Authorization) value answering a challenge (RFC 3261 22.4,
 * RFC 7616 3.4, RFC 8760): qop=auth when offered, auth-int over the empty body when only that is,
 * RFC 2069 compatibility when the challenge has no qop.
 */
export async function digestAuthorization(input: DigestAnswerInput): Promise<string> {
  const { challenge, method, uri, username, password, cnonce } = input;
  const algorithm = baseAlgorithm(challenge.algorithm) as DigestAlgorithm;
  const session = /-sess$/i.test(challenge.algorithm);
  const H = (text: string) => hash(algorithm, text);
  const qop = challenge.qop.includes("auth") ? "auth" : challenge.qop.includes("auth-int") ? "auth-int" : undefined;
  const nc = input.nc.toString(16).padStart(8, "0");
  let ha1 = await H(`${username}:${challenge.realm}:${password}`);
  if (session) ha1 = await H(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = await H(qop === "auth-int" ? `${method}:${uri}:${await H("")}` : `${method}:${uri}`);
  const response = qop
    ? await H(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : await H(`${ha1}:${challenge.nonce}:${ha2}`);
  const parts = [
    `username=${quote(username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(uri)}`,
    `response="${response}"`,
    `algorithm=${challenge.algorithm}`,
    ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
  ];
  return `Digest ${parts.join(", ")}`;
}

/** "MD5", "SHA-256" or "SHA-512-256" of an algorithm token, or undefined for one we cannot compute (AKAv1-MD5). */
export function baseAlgorithm(algorithm: string): DigestAlgorithm | undefined {
  const base = algorithm.toUpperCase().replace(/-SESS$/, "");
  return (DIGEST_ALGORITHMS as readonly string[]).includes(base) ? (base as DigestAlgorithm) : undefined;
}

async function hash(algorithm: DigestAlgorithm, text: string): Promise<string> {
  const bytes = encoder.encode(text);
  if (algorithm === "MD5") return toHex(md5(bytes));
  if (algorithm === "SHA-512-256") return toHex(sha512_256(bytes));
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** RFC 7616 3.4: quoted-string, with `\` and `"` escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `realm="a", nonce="b", qop="auth,auth-int", algorithm=MD5` -> lower-cased names to unquoted values. */
function authParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const item of splitHeaderList(text)) {
    const eq = item.indexOf("=");
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim().toLowerCase();
    let value = item.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(.)/g, "$1");
    }
    params[name] = value;
  }
  return params;
}
