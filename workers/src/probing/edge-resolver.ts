import { type DnsResolver, DohResolver } from "@sipwatch/core";
import { TcpDnsResolver } from "../adapters/tcp-dns";
import type { ConnectionLimit } from "./connection-limit";
import { parseTcpResolver } from "./resolver-spec";

/**
 * The DNS an edge audit walks with, from the region's ordered resolver list (settingsForRegion):
 * - `tcp://8.8.8.8[:53]`: DNS over TCP (RFC 7766) through connect(), every question pipelined
 *   on one connection. It costs less CPU than DoH through fetch() (edge bench: a walk of about
 *   2 ms against 4-6 ms), and holds one of the audit's connections until the audit ends.
 *   Not to Cloudflare's own resolvers: connect() refuses their addresses.
 * - `https://…/dns-query`: DoH (RFC 8484); the DoH endpoints after it are its fallbacks.
 *   `http://` is accepted for the lab on loopback only (env.ts checks).
 */
export interface EdgeResolver {
  resolver: DnsResolver;
  /** Connections the resolver keeps open for the whole audit. */
  connections: number;
  close(): void;
}

export function edgeResolver(specs: readonly string[], limit: ConnectionLimit): EdgeResolver {
  const [first] = specs;
  if (first === undefined) throw new Error("no DNS resolver configured");
  const tcp = parseTcpResolver(first);
  if (tcp) {
    const resolver = new TcpDnsResolver({ server: tcp });
    return { resolver, connections: 1, close: () => resolver.close() };
  }
  const endpoints = specs.filter((spec) => !parseTcpResolver(spec));
  const resolver = new DohResolver({ endpoints, fetch: (input, init) => limit.run(() => fetch(input, init)) });
  return { resolver, connections: 0, close: () => undefined };
}
