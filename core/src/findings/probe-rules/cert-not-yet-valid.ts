import type { Finding } from "../types";
import { hostPort } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { day, servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.not-yet-valid: the leaf or an intermediate starts being valid after `now`. Critical:
 * verifying phones refuse it. Usually a certificate installed minutes after issuance, or a
 * server (or monitor) clock that is wrong.
 */
export const certNotYetValid: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const early = served.analysis.validity.filter(
        (v) => v.notYetValid && (v.index === 0 || !served.chain[v.index]?.selfSigned),
      );
      return early.length > 0 ? [{ served, early }] : [];
    });
    const first = hits[0]?.early[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    return [
      {
        id: "tls.cert.not-yet-valid",
        severity: "critical",
        title: `Certificate ${first.index === 0 ? "of" : `${first.subject} sent by`} ${where} is not valid before ${first.notBefore.replace("T", " ").slice(0, 16)} UTC`,
        detail: `The certificate's validity starts after ${input.now.toISOString().slice(0, 16).replace("T", " ")} UTC, when it was checked. Phones that verify certificates refuse the TLS connection until then, and phones whose clock is behind refuse it longer.`,
        fix: `If the certificate was just issued, this clears by itself on ${day(first.notBefore)}; otherwise check the clock of the machine that issued or installed it, and the SIP server's clock (NTP).`,
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          now: input.now.toISOString(),
          served: hits.map((h) => ({
            ...servedEvidence(h.served),
            notYetValid: h.early.map((v) => ({ index: v.index, subject: v.subject, notBefore: v.notBefore })),
          })),
        },
      },
    ];
  });
