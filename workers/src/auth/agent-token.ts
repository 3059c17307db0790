import { randomBase64url } from "../ids";
import { hashApiToken } from "./api-token";

/** `swa_` and base64url of 32 random bytes: its own prefix, so an agent token is never taken for an API token. */
const AGENT_TOKEN_SHAPE = /^swa_[A-Za-z0-9_-]{43}$/;

export interface MintedAgentToken {
  /** Shown to the user once, never stored. */
  token: string;
  tokenHash: string;
}

/** SHA-256 hex like API tokens: 256 random bits need no password stretching. */
export const hashAgentToken = hashApiToken;

export async function mintAgentToken(): Promise<MintedAgentToken> {
  const token = `swa_${randomBase64url(32)}`;
  return { token, tokenHash: await hashAgentToken(token) };
}

/** The token in `Authorization: Bearer swa_…`; null for any other header. */
export function bearerAgentToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match?.[1];
  return token && AGENT_TOKEN_SHAPE.test(token) ? token : null;
}
