import { toHex } from "@sipwatch/core";
import { randomBase64url } from "../ids";

const TOKEN_PREFIX = "swt_";
/** `swt_` and base64url of 32 random bytes (43 characters, unpadded). */
const TOKEN_SHAPE = /^swt_[A-Za-z0-9_-]{43}$/;
/** Enough of the token to tell tokens apart in a list, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = 12;

export interface MintedApiToken {
  /** Shown to the user once, never stored. */
  token: string;
  tokenHash: string;
  prefix: string;
}

/** SHA-256 hex: the tokens carry 256 random bits, so no password stretching is needed. */
export async function hashApiToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}

export async function mintApiToken(): Promise<MintedApiToken> {
  const token = `${TOKEN_PREFIX}${randomBase64url(32)}`;
  return { token, tokenHash: await hashApiToken(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

/** The token in `Authorization: Bearer swt_…`; null for any other header. */
export function bearerApiToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  return token && TOKEN_SHAPE.test(token) ? token : null;
}
