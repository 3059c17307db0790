import type { Finding } from "../types";
import { hostPort, plural } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.chain-incomplete: the server leaves out an intermediate certificate (see
 * `analyseChain` for the heuristic). Warning: browsers fetch the missing certificate from the
 * AIA URL and work, desk phones and most SIP stacks do not fetch it and fail.
 */
export const certChainIncomplete: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.filter((served) => served.analysis.incomplete);
    const first = hits[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const { path, missingIssuer } = first.analysis;
    return [
      {
        id: "tls.cert.chain-incomplete",
        severity: "warning",
        title: `${where} does not send the intermediate certificate`,
        detail: `The server sends ${plural(first.chain.length, "certificate")}, ending at ${path.at(-1)?.subject ?? first.leaf.subject}, whose issuer ${missingIssuer ?? "(unknown)"} it leaves out. Browsers download missing intermediates and work; desk phones and most SIP clients do not, and refuse the connection.`,
        fix: "Configure the full chain on the TLS listener, leaf first and then the intermediates (fullchain.pem with Let's Encrypt, not cert.pem).",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          served: hits.map((served) => ({
            ...servedEvidence(served),
            sent: served.chain.map((c) => c.subject),
            missingIssuer: served.analysis.missingIssuer,
            ordered: served.analysis.ordered,
            ...(served.verification ? { verification: served.verification } : {}),
          })),
        },
      },
    ];
  });
