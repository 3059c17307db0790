import type { NaptrService, Transport } from "./types";

/** NAPTR service field -> transport (RFC 3263 4.1 and its IANA registry, RFC 7118 section 9 for WebSocket). */
const NAPTR_SERVICES: Record<string, { transport: Transport; secure: boolean }> = {
  "SIP+D2U": { transport: "udp", secure: false },
  "SIP+D2T": { transport: "tcp", secure: false },
  "SIPS+D2T": { transport: "tls", secure: true },
  "SIP+D2S": { transport: "sctp", secure: false },
  "SIPS+D2S": { transport: "tls-sctp", secure: true },
  "SIP+D2W": { transport: "ws", secure: false },
  "SIPS+D2W": { transport: "wss", secure: true },
};

/** Parses a NAPTR service field: `parseNaptrService("SIPS+D2T")` -> `{ raw, secure: true, transport: "tls" }`. */
export function parseNaptrService(services: string): NaptrService | null {
  const raw = services.trim().toUpperCase();
  const known = NAPTR_SERVICES[raw];
  return known ? { raw, ...known } : null;
}

/** The well-known SRV owner prefix of each transport (RFC 3263 4.1; RFC 7118 has none for WebSocket). */
export const SRV_PREFIX: Partial<Record<Transport, string>> = {
  tls: "_sips._tcp",
  tcp: "_sip._tcp",
  udp: "_sip._udp",
  sctp: "_sip._sctp",
  "tls-sctp": "_sips._sctp",
};

/** The SRV owners an RFC 3263 client queries when there is no NAPTR, most secure first. */
export const WELL_KNOWN_SRV: ReadonlyArray<{ prefix: string; transport: Transport }> = [
  { prefix: "_sips._tcp", transport: "tls" },
  { prefix: "_sip._tcp", transport: "tcp" },
  { prefix: "_sip._udp", transport: "udp" },
];

/** `_sip._tls` is a common mistake (and some old PBX docs' advice); RFC 3263 clients never ask for it. */
export const LEGACY_TLS_SRV_PREFIX = "_sip._tls";

/** Default ports: 5060 for SIP, 5061 for SIPS (RFC 3261 19.1.2); 80/443 for WebSocket (RFC 7118 uses the HTTP ports). */
export function defaultPort(transport: Transport): number {
  switch (transport) {
    case "tls":
    case "tls-sctp":
      return 5061;
    case "ws":
      return 80;
    case "wss":
      return 443;
    default:
      return 5060;
  }
}

export function isSecure(transport: Transport): boolean {
  return transport === "tls" || transport === "tls-sctp" || transport === "wss";
}

/** Transports are ranked for display and for SRV-only clients: TLS > TCP > UDP (the FINDINGS profiles). */
export const TRANSPORT_PREFERENCE: readonly Transport[] = ["tls", "wss", "tls-sctp", "tcp", "ws", "sctp", "udp"];

export const TRANSPORT_LABEL: Record<Transport, string> = {
  udp: "UDP",
  tcp: "TCP",
  tls: "TLS",
  sctp: "SCTP",
  "tls-sctp": "TLS/SCTP",
  ws: "WS",
  wss: "WSS",
};
