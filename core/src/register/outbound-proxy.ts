import type { DnsResolver } from "../dns/types";
import type { ProbeTarget } from "../probe/types";
import { formatHostPort } from "../sip/host-port";
import { defaultPort } from "../sip/transports";
import type { Transport } from "../sip/types";

/**
 * A test account's outbound proxy, as a phone's "outbound proxy" setting names it: a host, an
 * optional port and an optional transport. Phones send every request there, REGISTER
 * included, with a Route header naming it (RFC 3261 8.1.2); the Request-URI stays the
 * registrar's domain.
 */
export interface OutboundProxy {
  host: string;
  port?: number;
  /** Pinned by `;transport=` or a `sips:` URI; absent: the transports the registrar offers. */
  transport?: Transport;
}

export type ParsedOutboundProxy = { ok: true; proxy: OutboundProxy } | { ok: false; error: string };

const PROXY_TRANSPORTS: readonly Transport[] = ["udp", "tcp", "tls"];
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]{2,45}$/;

/**
 * Reads what an operator types for an outbound proxy: `proxy.example.com`, `proxy.example.com:5070`,
 * `sip:192.0.2.7:5060;transport=tcp`, `sips:[2001:db8::7]`, `sip:proxy.example.com;lr`.
 * `parseOutboundProxy("sips:edge.example.com")` pins TLS (RFC 3261 19.1.2).
 */
export function parseOutboundProxy(input: string): ParsedOutboundProxy {
  const text = input.trim().toLowerCase();
  if (text.length === 0 || text.length > 300) return { ok: false, error: "must be 1-300 characters" };
  const scheme = /^(sips?):/.exec(text)?.[1];
  const [hostPort = "", ...params] = text.slice(scheme ? scheme.length + 1 : 0).split(";");
  if (hostPort.includes("@")) return { ok: false, error: "names a proxy, not a user: leave out the user@ part" };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(hostPort);
  const host = bracketed?.[1] ?? plain?.[1] ?? "";
  const portText = bracketed?.[2] ?? plain?.[2];
  const isAddress = bracketed ? IPV6.test(host) && host.includes(":") : IPV4.test(host);
  if (!isAddress && (bracketed || !HOST_NAME.test(host) || /^[\d.]+$/.test(host)))
    return {
      ok: false,
      error: `"${hostPort}" is not a host name, IPv4 address or [IPv6] address with an optional :port`,
    };
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535))
    return { ok: false, error: "the port must be 1-65535" };
  let transport: Transport | undefined = scheme === "sips" ? "tls" : undefined;
  for (const param of params) {
    const [name, value = ""] = param.split("=");
    if (name !== "transport") continue;
    const named = value === "tls" ? "tls" : PROXY_TRANSPORTS.find((t) => t === value);
    if (!named) return { ok: false, error: `transport=${value} is not one of udp, tcp, tls` };
    if (scheme === "sips" && named !== "tls") return { ok: false, error: "a sips: proxy is reached over TLS" };
    transport = named;
  }
  return { ok: true, proxy: { host, ...(port !== undefined ? { port } : {}), ...(transport ? { transport } : {}) } };
}

/** The proxy as a URI again, for the API, the agent's configuration and reports: `sip:proxy.example.com:5070;transport=tcp`. */
export function formatOutboundProxy(proxy: OutboundProxy): string {
  const scheme = proxy.transport === "tls" ? "sips" : "sip";
  const transport = proxy.transport && proxy.transport !== "tls" ? `;transport=${proxy.transport}` : "";
  return `${scheme}:${formatHostPort(proxy.host, proxy.port)}${transport}`;
}

/**
 * The Route header value that sends a REGISTER through the proxy (RFC 3261 8.1.2, 16.12: a
 * loose router, `;lr`), for the transport the flow uses.
 */
export function proxyRoute(target: ProbeTarget): string {
  const scheme = target.transport === "tls" ? "sips" : "sip";
  const transport = target.transport === "udp" || target.transport === "tcp" ? `;transport=${target.transport}` : "";
  return `<${scheme}:${formatHostPort(target.host, target.port)}${transport};lr>`;
}

export type ProxyTargets = { ok: true; targets: ProbeTarget[] } | { ok: false; error: string };

/**
 * Where a phone with this outbound proxy sends its REGISTER: the proxy's first address (a
 * name through `resolver`, A then AAAA, as phones with a plain host setting do), once per
 * transport, the pinned one or each of `transports` (those the registrar offers and this
 * vantage can speak; not TLS on a plain sip: port), at the given port or the transport's
 * default (RFC 3263 4.2).
 */
export async function outboundProxyTargets(
  proxy: OutboundProxy,
  transports: readonly Transport[],
  sipDomain: string,
  resolver: DnsResolver | undefined,
  signal?: AbortSignal,
): Promise<ProxyTargets> {
  const address = await proxyAddress(proxy.host, resolver, signal);
  if (!address.ok) return address;
  // A sip: proxy with a port but no transport serves UDP and TCP there (RFC 3261 18.2.1); TLS
  // would need its own port, so only `sips:` or `;transport=tls` asks for it.
  const unpinned = proxy.port === undefined ? PROXY_TRANSPORTS : PROXY_TRANSPORTS.filter((t) => t !== "tls");
  const over = proxy.transport ? [proxy.transport] : transports.filter((t) => unpinned.includes(t));
  return {
    ok: true,
    targets: over.map((transport) => ({
      transport,
      host: proxy.host,
      address: address.address,
      port: proxy.port ?? defaultPort(transport),
      sipDomain,
    })),
  };
}

async function proxyAddress(
  host: string,
  resolver: DnsResolver | undefined,
  signal?: AbortSignal,
): Promise<{ ok: true; address: string } | { ok: false; error: string }> {
  if (IPV4.test(host) || host.includes(":")) return { ok: true, address: host };
  if (!resolver) return { ok: false, error: `no resolver to look up the outbound proxy ${host}` };
  const failures: string[] = [];
  for (const type of ["A", "AAAA"] as const) {
    const lookup = await resolver.query({ name: host, type }, signal);
    if (!lookup.ok) {
      failures.push(`${type}: ${lookup.failure.message}`);
      continue;
    }
    const record = lookup.answer.records.find((r) => r.type === type);
    if (record && (record.type === "A" || record.type === "AAAA")) return { ok: true, address: record.address };
    failures.push(`${type}: ${lookup.answer.rcode === "NOERROR" ? "no record" : lookup.answer.rcode}`);
  }
  return { ok: false, error: `the outbound proxy ${host} does not resolve (${failures.join("; ")})` };
}
