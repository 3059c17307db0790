import { getServers } from "node:dns";
import type { DnsServer } from "./udp-tcp-dns";

/** The host's configured resolvers (/etc/resolv.conf on Linux), as Node reads them. */
export function systemDnsServers(): DnsServer[] {
  return getServers().flatMap((entry) => {
    const parsed = parseServerAddress(entry, 53);
    return parsed ? [parsed] : [];
  });
}

/** "192.0.2.1", "192.0.2.1:5353", "2001:db8::1", "[2001:db8::1]:5353" -> host and port. */
export function parseServerAddress(text: string, defaultPort: number): DnsServer | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return withPort(bracketed[1] as string, bracketed[2], defaultPort);
  const colons = (text.match(/:/g) ?? []).length;
  if (colons > 1) return { host: text, port: defaultPort };
  const [host = "", port] = text.split(":");
  return withPort(host, port, defaultPort);
}

function withPort(host: string, portText: string | undefined, defaultPort: number): DnsServer | null {
  const port = portText === undefined ? defaultPort : Number(portText);
  if (host === "" || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host, port };
}
