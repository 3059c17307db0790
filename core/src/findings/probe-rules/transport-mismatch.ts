import { defaultPort } from "../../sip/transports";
import type { Finding } from "../types";
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
 * for the signs read from the probes. Critical when no probed target of the transport works.
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
    findings.push({
      id: "transport.mismatch",
      severity: failureSeverity(probes, endpoint.transport),
      title: plaintext
        ? `${where} is advertised for ${name} but does not speak TLS`
        : `${where} is advertised for ${name} but speaks TLS`,
      detail: plaintext
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
