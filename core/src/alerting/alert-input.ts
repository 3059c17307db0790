import type { Finding } from "../findings/types";
import type { AlertFinding, AlertInput } from "./types";

/** One vantage's latest audit as the alert policy needs it. */
export interface VantageAudit {
  vantageId: string;
  status: "ok" | "warning" | "critical" | "error";
  certDaysLeft: number | null;
  findings: readonly Pick<Finding, "id" | "severity" | "subject" | "title" | "fix">[];
}

/**
 * A round of audits as one alert input: a vantage fails on critical findings, a vantage without
 * a report ("error") is left out, and the critical findings are grouped by id and subject so one
 * broken SRV target seen from three regions is one line of one message.
 */
export function alertInputOf(monitorId: string, audits: readonly VantageAudit[]): AlertInput {
  const reported = audits.filter((a) => a.status !== "error");
  const grouped = new Map<string, AlertFinding>();
  for (const audit of reported) {
    for (const f of audit.findings) {
      if (f.severity !== "critical") continue;
      const key = `${f.id}\u0000${f.subject}`;
      const seen = grouped.get(key);
      if (seen) seen.vantageIds.push(audit.vantageId);
      else
        grouped.set(key, { id: f.id, subject: f.subject, title: f.title, fix: f.fix, vantageIds: [audit.vantageId] });
    }
  }
  const certs = reported.map((a) => a.certDaysLeft).filter((d): d is number => d !== null);
  return {
    monitorId,
    vantages: reported.map((a) => ({ vantageId: a.vantageId, failing: a.status === "critical" })),
    findings: [...grouped.values()],
    certDaysLeft: certs.length > 0 ? Math.min(...certs) : null,
  };
}
