import ipaddr from "ipaddr.js";
import type { SipTarget, Transport } from "./types";

export type ParsedSipTarget = { ok: true; target: SipTarget } | { ok: false; error: string };

const TRANSPORT_PARAMS: Record<string, { plain: Transport; secure: Transport }> = {
  udp: { plain: "udp", secure: "udp" },
  tcp: { plain: "tcp", secure: "tls" },
  tls: { plain: "tls", secure: "tls" },
  sctp: { plain: "sctp", secure: "tls-sctp" },
  "tls-sctp": { plain: "tls-sctp", secure: "tls-sctp" },
  ws: { plain: "ws", secure: "wss" },
  wss: { plain: "wss", secure: "wss" },
};

const DOMAIN = /^(?=.{1,253}$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/**
 * Parses what a user types: `example.com`, `sip:alice@example.com;transport=tcp`,
 * `sips:[2001:db8::1]:5061`. A bare domain means `sip:<domain>` (what phones are given).
 * RFC 3261 19.1.1 grammar, limited to what RFC 3263 needs: scheme, host, port, transport.
 */
export function parseSipTarget(input: string): ParsedSipTarget {
  const text = input.trim();
  if (text === "") return { ok: false, error: "empty SIP target" };
  if (text.length > 2048) return { ok: false, error: "SIP target longer than 2048 characters" };
  const schemeMatch = /^(sips?):/i.exec(text);
  const scheme = (schemeMatch?.[1]?.toLowerCase() ?? "sip") as "sip" | "sips";
  let rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  if (!schemeMatch && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return { ok: false, error: `"${text}" is not a SIP URI or domain (use sip:, sips: or a bare domain)` };
  }
  const headersAt = rest.indexOf("?");
  if (headersAt >= 0) rest = rest.slice(0, headersAt);
  const [hostPart = "", ...params] = rest.split(";");
  const at = hostPart.lastIndexOf("@");
  const user = at >= 0 ? hostPart.slice(0, at) : undefined;
  const hostport = at >= 0 ? hostPart.slice(at + 1) : hostPart;

  const hp = splitHostPort(hostport);
  if (!hp.ok) return hp;
  const { host, port } = hp;

  let hostKind: SipTarget["hostKind"];
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) hostKind = "ipv4";
  else if (host.includes(":")) {
    if (!ipaddr.IPv6.isValid(host)) return { ok: false, error: `"${host}" is not a valid IPv6 address` };
    hostKind = "ipv6";
  } else if (DOMAIN.test(host)) hostKind = "domain";
  else return { ok: false, error: `"${host}" is not a valid host name` };

  let transport: Transport | undefined;
  for (const param of params) {
    const [key = "", value = ""] = param.split("=");
    if (key.toLowerCase() !== "transport") continue;
    const known = TRANSPORT_PARAMS[value.toLowerCase()];
    if (!known) return { ok: false, error: `unknown transport "${value}" (udp, tcp, tls, sctp, ws, wss)` };
    // RFC 3261 26.2: sips with transport=tcp means TLS over TCP.
    transport = scheme === "sips" ? known.secure : known.plain;
  }
  const target: SipTarget = { input: text, scheme, host, hostKind };
  if (user !== undefined && user !== "") target.user = user;
  if (port !== undefined) target.port = port;
  if (transport !== undefined) target.transport = transport;
  return { ok: true, target };
}

function splitHostPort(hostport: string): { ok: true; host: string; port?: number } | { ok: false; error: string } {
  let host: string;
  let portText: string | undefined;
  if (hostport.startsWith("[")) {
    const close = hostport.indexOf("]");
    if (close < 0) return { ok: false, error: `unbalanced "[" in "${hostport}"` };
    host = hostport.slice(1, close);
    const after = hostport.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) return { ok: false, error: `unexpected "${after}" after IPv6 address` };
    portText = after === "" ? undefined : after.slice(1);
  } else if ((hostport.match(/:/g) ?? []).length > 1) {
    host = hostport; // a bare IPv6 address without brackets
  } else {
    const colon = hostport.indexOf(":");
    host = colon >= 0 ? hostport.slice(0, colon) : hostport;
    portText = colon >= 0 ? hostport.slice(colon + 1) : undefined;
  }
  host = host.toLowerCase().replace(/\.$/, "");
  if (host === "") return { ok: false, error: "SIP target has no host" };
  if (portText === undefined) return { ok: true, host };
  const port = Number(portText);
  if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535)
    return { ok: false, error: `invalid port "${portText}"` };
  return { ok: true, host, port };
}

/** Formats a target back as a URI for display: `sips:example.com;transport=tls`. */
export function formatSipTarget(target: SipTarget): string {
  const host = target.hostKind === "ipv6" ? `[${target.host}]` : target.host;
  const user = target.user ? `${target.user}@` : "";
  const port = target.port ? `:${target.port}` : "";
  const transport = target.transport ? `;transport=${target.transport}` : "";
  return `${target.scheme}:${user}${host}${port}${transport}`;
}
