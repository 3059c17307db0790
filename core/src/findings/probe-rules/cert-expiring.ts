import type { Finding, Severity } from "../types";
import { hostPort, mostSevere } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { day, servedEvidence, tlsEndpoints } from "./tls-facts";

const DAY_MS = 86_400_000;

/**
 * Days left at which tls.cert.expiring turns info, warning, critical: 30 / 14 / 7 for the usual
 * 90-day-or-longer certificates. Short-lived certificates (ACME profiles of 6 or 47 days) renew
 * late by design, so the thresholds shrink to a third, a sixth and a twelfth of the lifetime:
 * a 6-day certificate warns with about a day left, not from its first hour.
 */
export function expiryThresholds(lifetimeDays: number): Record<Severity, number> {
  return {
    info: Math.min(30, lifetimeDays / 3),
    warning: Math.min(14, lifetimeDays / 6),
    critical: Math.min(7, lifetimeDays / 12),
  };
}

/** The severity for `daysLeft` (fractional) of a certificate living `lifetimeDays`, or null when nothing to say yet. */
export function expirySeverity(daysLeft: number, lifetimeDays: number): Severity | null {
  const limits = expiryThresholds(lifetimeDays);
  if (daysLeft <= limits.critical) return "critical";
  if (daysLeft <= limits.warning) return "warning";
  if (daysLeft <= limits.info) return "info";
  return null;
}

/**
 * Whole days left as the overview and the CLI colour them, when only the count is at hand:
 * "expired" below zero, else tls.cert.expiring's severity for a usual 90-day certificate.
 * `daysLeftSeverity(5)` is "critical", `daysLeftSeverity(40)` null.
 */
export function daysLeftSeverity(daysLeft: number): Severity | "expired" | null {
  return daysLeft < 0 ? "expired" : expirySeverity(daysLeft, 90);
}

/**
 * tls.cert.expiring: the first certificate of the served chain to expire (the leaf, or an
 * intermediate that ends sooner) is close to notAfter. Already expired is tls.cert.expired.
 */
export const certExpiring: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const { firstExpiry } = served.analysis;
      const cert = served.chain[firstExpiry.index] ?? served.leaf;
      const notAfter = Date.parse(cert.notAfter);
      const daysLeft = (notAfter - input.now.getTime()) / DAY_MS;
      const lifetime = (notAfter - Date.parse(cert.notBefore)) / DAY_MS;
      const severity = daysLeft > 0 ? expirySeverity(daysLeft, lifetime) : null;
      return severity ? [{ served, cert, index: firstExpiry.index, daysLeft, severity }] : [];
    });
    const first = [...hits].sort((a, b) => a.daysLeft - b.daysLeft)[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const left = first.daysLeft < 1 ? "within a day" : `in ${Math.floor(first.daysLeft)} days`;
    const what =
      first.index === 0 ? `Certificate of ${where}` : `Intermediate certificate ${first.cert.subject} sent by ${where}`;
    return [
      {
        id: "tls.cert.expiring",
        severity: mostSevere(hits.map((h) => h.severity)),
        title: `${what} expires ${left} (${day(first.cert.notAfter)})`,
        detail: `On ${day(first.cert.notAfter)} phones that verify certificates start refusing TLS connections to ${where} and cannot register. Automatic renewal normally replaces a certificate well before this point, so it may be failing, or renewing without reloading the SIP server.`,
        fix:
          first.index === 0
            ? `Renew the certificate for ${endpoint.host} and reload the SIP server; check the renewal job's logs and that its hook restarts or reloads the TLS listener.`
            : "Install the CA's current intermediate in the chain file the server sends.",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          now: input.now.toISOString(),
          served: hits.map((h) => ({
            ...servedEvidence(h.served),
            expiring: {
              index: h.index,
              subject: h.cert.subject,
              notAfter: h.cert.notAfter,
              daysLeft: Math.floor(h.daysLeft),
            },
          })),
        },
      },
    ];
  });
