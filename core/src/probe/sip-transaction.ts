import { toHex } from "../dns/bytes";
import { buildOptionsRequest } from "../sip/options-request";
import { viaParameters } from "../sip/sip-message";
import type { Transport } from "../sip/types";
import type { ProbeTarget, SipOptionsOutcome, SipOptionsResult, SipResponseInfo } from "./types";

/** The identifiers of one OPTIONS transaction (RFC 3261 8.1.1.7, 8.1.1.4, 8.1.1.3). */
export interface TransactionIds {
  branch: string;
  callId: string;
  fromTag: string;
  cseq: number;
}

/** Largest SIP response we hold: RFC 3261 18.1.1 keeps UDP under 1300 bytes; real ones stay far below this. */
export const MAX_SIP_RESPONSE_BYTES = 65_536;

export function newTransactionIds(): TransactionIds {
  const hex = (bytes: number) => toHex(crypto.getRandomValues(new Uint8Array(bytes)));
  // The magic cookie marks an RFC 3261 branch, unique per transaction (8.1.1.7).
  return { branch: `z9hG4bK${hex(10)}`, callId: `${hex(12)}@sipwatch`, fromTag: hex(6), cseq: 1 };
}

export function optionsRequest(
  target: ProbeTarget,
  transport: Transport,
  ids: TransactionIds,
  local?: { address?: string; port?: number },
): string {
  return buildOptionsRequest({
    target,
    transport,
    ...ids,
    ...(local?.address ? { localAddress: local.address } : {}),
    ...(local?.port ? { localPort: local.port } : {}),
  });
}

/**
 * A response belongs to our request when its top Via carries our branch (RFC 3261 17.1.3)
 * and the Call-ID is ours; one with other values is another transaction's (or a stray packet).
 * One without Via or Call-ID no client can match (RFC 3261 8.2.6.2 says to copy both), which
 * is worth reporting rather than waiting out: "unmatchable".
 */
export function matchResponse(response: SipResponseInfo, ids: TransactionIds): "ours" | "other" | "unmatchable" {
  const via = response.headers.via?.[0];
  const callId = response.headers["call-id"]?.[0];
  if (!via || !callId) return "unmatchable";
  if (callId !== ids.callId) return "other";
  return viaParameters(via.split(",")[0] ?? via).branch === ids.branch ? "ours" : "other";
}

export function unmatchable(
  target: ProbeTarget,
  response: SipResponseInfo,
  extra: Partial<SipOptionsResult> = {},
): SipOptionsResult {
  const error = `a ${response.status} response without Via or Call-ID (RFC 3261 8.2.6.2): no client can match it`;
  return failure(target, "malformed", error, { response, ...extra });
}

export function failure(
  target: ProbeTarget,
  outcome: Exclude<SipOptionsOutcome, "answered">,
  error: string,
  extra: Partial<SipOptionsResult> = {},
): SipOptionsResult {
  return { target, outcome, error, ...extra };
}

export function answered(
  target: ProbeTarget,
  response: SipResponseInfo,
  rttMs: number,
  extra: Partial<SipOptionsResult> = {},
): SipOptionsResult {
  return { target, outcome: "answered", rttMs, response, ...extra };
}
