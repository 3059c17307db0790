import { defaultPort } from "../../sip/transports";
import type { Finding } from "../types";
import { type CrossCheckAnswer, metText } from "./cross-check-facts";
import {
  candidateFor,
  endpointsOf,
  failureSeverity,
  hostPort,
  listText,
  transportMismatch,
  transportName,
} from "./probe-facts";
import type { ProbeRule } from "./rule";

/**
 * transport.mismatch: DNS advertises one transport on a port whose listener speaks another:
 * plaintext (SIP, HTTP) on a TLS/WSS port, or TLS on a TCP/WS port. See `transportMismatch`
 * for the signs read from the probes; the surest is the cross-check, which names what answered
 * ("plain SIP over TCP answers on sip1.example.com:5061, which SRV gives for TLS"). Critical
 * when no probed target of the transport works.
 */
export const transportMismatchRule: ProbeRule = ({ probes, resolution }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const hits = endpoint.probes.flatMap((p) => {
      const mismatch = transportMismatch(p);
      return mismatch ? [{ address: p.target.address, ...mismatch }] : [];
    });
    const first = hits[0];
    if (!first) continue;
    const name = transportName(endpoint.transport);
    const where = hostPort(endpoint.host, endpoint.port);
    const plaintext = first.kind === "plaintext-on-tls-port";
    const srvOwner = endpoint.probes.map((p) => candidateFor(resolution, p.target)?.srvOwner).find(Boolean);
    const expectedPort = defaultPort(endpoint.transport);
    const advertisedBy = srvOwner ? `which SRV gives for ${name}` : `where clients expect ${name}`;
    const active = first.crossCheck;
    findings.push({
      id: "transport.mismatch",
      severity: failureSeverity(probes, endpoint.transport),
      title: active
        ? `${active.answered} answers on ${where}, ${advertisedBy}`
        : plaintext
          ? `${where} is advertised for ${name} but does not speak TLS`
          : `${where} is advertised for ${name} but speaks TLS`,
      detail: active
        ? crossCheckDetail(name, where, active)
        : plaintext
          ? `DNS sends ${name} clients to ${where}, but the listener there ${listText([...new Set(hits.map((h) => h.sign))])} instead of completing a TLS handshake. Every ${name} attempt at this server fails, usually after a timeout, and phones that then fall back do so unencrypted.`
          : `DNS sends ${name} clients to ${where}, but the listener there expects TLS (${listText([...new Set(hits.map((h) => h.sign))])}). Plain ${name} requests get no usable answer, so phones using ${name} fail at this server.`,
      fix: `Point ${srvOwner ?? `the ${name} SRV record`} at the port where the server actually speaks ${name} (usually ${expectedPort}), or change the listener on port ${endpoint.port} to ${name}.`,
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        ...(srvOwner ? { srvOwner } : {}),
        signs: hits,
      },
    });
  }
  return findings;
};

/** What phones meet there and what the other transport showed, from the cross-check. */
function crossCheckDetail(name: string, where: string, active: CrossCheckAnswer): string {
  const server = active.server ? ` (Server: ${active.server})` : "";
  if (active.kind === "plaintext-on-tls-port") {
    return `DNS sends ${name} clients to ${where}. Their TLS ClientHello gets nothing back: the listener ${metText(active.met)}. Plain SIP OPTIONS over TCP to the same port drew ${active.answer}${server}, so a plain TCP listener sits where ${name} is advertised. Every ${name} attempt at this server fails, after the client's timeout when the listener stays silent, and phones that then fall back do so unencrypted.`;
  }
  const proof =
    active.answered === "TLS"
      ? `A TLS handshake on the same port completed (${active.answer})`
      : `A TLS handshake on the same port completed and OPTIONS inside it drew ${active.answer}${server}`;
  return `DNS sends ${name} clients to ${where}. Their plain SIP request gets nothing back: the listener ${metText(active.met)}. ${proof}, so a TLS listener sits where ${name} is advertised, and phones using ${name} fail at this server.`;
}
