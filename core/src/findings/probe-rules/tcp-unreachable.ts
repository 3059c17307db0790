import type { Finding } from "../types";
import {
  connectFailure,
  endpointsOf,
  failureSeverity,
  hostPort,
  listText,
  overTcp,
  transportName,
} from "./probe-facts";
import type { ProbeRule } from "./rule";

const OUTCOME_TEXT: Record<string, string> = {
  refused: "refused the connection (nothing listens on the port, or a firewall rejects it)",
  timeout: "did not answer the connection attempt (a firewall drops the packets, or the host is down)",
  unreachable: "could not be reached at all (no route to the address)",
};

/**
 * transport.tcp.unreachable: the TCP connect to a TCP, TLS, WS or WSS target is refused, times
 * out or finds no route. Critical when no probed target of that transport works.
 */
export const tcpUnreachable: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    if (!overTcp(endpoint.transport)) continue;
    const failed = endpoint.probes.flatMap((p) => {
      const failure = connectFailure(p);
      return failure ? [{ address: p.target.address, ...failure }] : [];
    });
    if (failed.length === 0) continue;
    const severity = failureSeverity(probes, endpoint.transport);
    const name = transportName(endpoint.transport);
    const where = hostPort(endpoint.host, endpoint.port);
    const addresses = failed.map((f) => f.address);
    const partly = failed.length < endpoint.probes.length;
    const timedOut = failed.some((f) => f.outcome === "timeout");
    const outcomes = [...new Set(failed.map((f) => OUTCOME_TEXT[f.outcome] ?? f.outcome))];
    findings.push({
      id: "transport.tcp.unreachable",
      severity,
      title: `${name} server ${where} does not accept connections${partly ? ` on ${listText(addresses)}` : ""}`,
      detail: [
        `${where} (${listText(addresses)}) ${listText(outcomes)}.`,
        severity === "critical"
          ? `No ${name} server of ${endpoint.sipDomain} accepted a connection: phones set to ${name} cannot register or call at all.`
          : timedOut
            ? `Phones that pick ${addresses.length === 1 ? "this address" : "these addresses"} wait for the connection to time out, often 30 seconds or more, before they try the next server: registration and calls are delayed.`
            : `Phones that pick ${addresses.length === 1 ? "this address" : "these addresses"} are turned away and must try the next server.`,
      ].join(" "),
      fix: `Make sure the SIP server listens for ${name} on port ${endpoint.port} on ${listText(addresses)} and that firewalls and cloud security groups allow TCP port ${endpoint.port} from the internet. If this host no longer serves ${name}, remove it from DNS.`,
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        failed,
        probedAddresses: endpoint.probes.map((p) => p.target.address),
      },
    });
  }
  return findings;
};
