import ipaddr from "ipaddr.js";

/** One SIP or SIPS URI found in a header value, with its host. */
export interface HeaderUri {
  uri: string;
  host: string;
}

/**
 * The sip:/sips: URIs in a Contact, Record-Route or Via-like header value, with their hosts
 * (IPv6 without brackets): `<sip:10.0.0.5:5060;lr>` -> host "10.0.0.5".
 */
export function headerUris(value: string): HeaderUri[] {
  const uris: HeaderUri[] = [];
  for (const match of value.matchAll(/sips?:(?:[^@\s<>;,"]*@)?(\[[0-9a-f:.]+\]|[^\s:;>,?"]+)[^\s<>,"]*/gi)) {
    const host = (match[1] ?? "").replace(/^\[|\]$/g, "").toLowerCase();
    if (host) uris.push({ uri: match[0], host });
  }
  return uris;
}

/** A dotted-quad IPv4 or an IPv6 literal, as opposed to a host name. */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || (bare.includes(":") && ipaddr.IPv6.isValid(bare));
}
