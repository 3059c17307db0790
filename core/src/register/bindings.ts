import type { SipResponseInfo } from "../probe/types";
import type { RegistrationBinding } from "./types";

/**
 * The bindings a 2xx to REGISTER lists (RFC 3261 10.3 step 8: every current Contact of the
 * address of record, each with its expires), ours marked by the unique user part we sent.
 */
export function bindingsOf(response: SipResponseInfo, ourUser: string): RegistrationBinding[] {
  return response.contact.flatMap((value) => {
    const angle = /<([^>]*)>(.*)$/s.exec(value);
    const uri = (angle ? angle[1] : value.split(";")[0])?.trim() ?? "";
    if (!uri || uri === "*") return [];
    const params = angle ? (angle[2] ?? "") : value.slice(value.indexOf(";") >= 0 ? value.indexOf(";") : value.length);
    const expires = /;\s*expires\s*=\s*(\d{1,10})/i.exec(params)?.[1];
    return [{ uri, ...(expires !== undefined ? { expiresS: Number(expires) } : {}), ours: userOf(uri) === ourUser }];
  });
}

/** The user part of a SIP URI: "sw-1a2b" in sip:sw-1a2b@192.0.2.1:5060;transport=udp. */
export function userOf(uri: string): string | undefined {
  const match = /^sips?:([^@;>]+)@/i.exec(uri);
  return match?.[1];
}

/** The host of a SIP URI, brackets removed: "192.0.2.1" in sip:u@192.0.2.1:5060;transport=udp. */
export function hostOf(uri: string): string | undefined {
  const rest = uri.replace(/^sips?:/i, "").replace(/^[^@]*@/, "");
  const bracketed = /^\[([^\]]+)\]/.exec(rest);
  if (bracketed) return bracketed[1];
  return rest.split(/[:;?]/)[0] || undefined;
}

/** A whole number of seconds from a header such as Expires, Min-Expires or Retry-After (`120 (maintenance)`). */
export function secondsHeader(response: SipResponseInfo, name: string): number | undefined {
  const match = /^\s*(\d{1,10})/.exec(response.headers[name]?.[0] ?? "");
  return match ? Number(match[1]) : undefined;
}
