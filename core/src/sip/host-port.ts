/**
 * "192.0.2.1:5060", "[2001:db8::1]:5061", "sip.example.com": an IPv6 literal is bracketed
 * wherever a port may follow (RFC 3986 3.2.2, RFC 3261 19.1.1); a port is optional.
 */
export function formatHostPort(host: string, port?: number): string {
  const name = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return port === undefined ? name : `${name}:${port}`;
}
