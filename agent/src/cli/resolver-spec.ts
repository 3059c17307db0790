import { type DnsResolver, DohResolver } from "@sipwatch/core";
import { parseServerAddress, systemDnsServers } from "../adapters/system-resolvers";
import { UdpTcpResolver } from "../adapters/udp-tcp-dns";

export type ResolverChoice = { ok: true; resolvers: DnsResolver[] } | { ok: false; error: string };

/**
 * Turns `--resolver` values into resolvers: "192.0.2.53", "127.0.0.1:5300", "[::1]:53" ask over
 * UDP (TCP when truncated); "https://dns.example/dns-query" asks over DoH (http:// is accepted
 * for the local lab). No value: the system's resolvers.
 */
export function resolversFromSpecs(specs: readonly string[], timeoutMs: number): ResolverChoice {
  if (specs.length === 0) {
    const servers = systemDnsServers();
    if (servers.length === 0)
      return { ok: false, error: "no system resolver configured; pass --resolver <ip[:port]|https-url>" };
    return {
      ok: true,
      resolvers: [
        new UdpTcpResolver({ servers, timeoutMs, label: `system (${servers.map((s) => s.host).join(", ")})` }),
      ],
    };
  }
  const resolvers: DnsResolver[] = [];
  for (const spec of specs) {
    if (/^https?:\/\//i.test(spec)) {
      try {
        new URL(spec);
      } catch {
        return { ok: false, error: `--resolver ${spec}: not a valid URL` };
      }
      resolvers.push(new DohResolver({ endpoints: [spec], timeoutMs, attempts: 2 }));
      continue;
    }
    const server = parseServerAddress(spec, 53);
    if (!server || !isIpAddress(server.host)) {
      return {
        ok: false,
        error: `--resolver ${spec}: expected an IP address with an optional port, or an https:// DoH URL`,
      };
    }
    resolvers.push(new UdpTcpResolver({ servers: [server], timeoutMs, label: spec }));
  }
  return { ok: true, resolvers };
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}
