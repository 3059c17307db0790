import type { RunSummary } from "@sipwatch/core";
import { monitorHealth } from "@sipwatch/core/overview";
import type { UseMutationResult } from "@tanstack/react-query";
import type { Schemas } from "../api/client";
import { ErrorState } from "../ui/states";
import { HealthPill, SeverityPill } from "../ui/status";
import { profileSentences } from "./profile-sentences";
import { vantageLabel } from "./report-types";

type RunNow = UseMutationResult<Schemas["RunNowResult"], Error, void>;

/** The result of "check now", region by region: status, where phones end up, what is wrong. */
export function FirstReport({ run }: { run: RunNow }) {
  if (run.isIdle || run.isPending) {
    return (
      <div className="card" role="status" aria-live="polite">
        <span className="spinner" aria-hidden="true" /> Resolving NAPTR, SRV and addresses, then connecting over each
        transport… (up to 20 seconds)
      </div>
    );
  }
  if (run.isError) return <ErrorState error={run.error} retry={() => run.mutate()} />;
  return (
    <div className="stack" aria-live="polite">
      {run.data.reports.map((r) => {
        const summary: RunSummary = r.summary;
        const findings = r.findings;
        // The overview's own rule, over this one run and its findings.
        const health = monitorHealth({
          enabled: true,
          vantages: [summary],
          openFindings: findings.map((f) => f.severity),
        });
        return (
          <section key={r.vantageId} className="card" aria-label={`Report from ${vantageLabel(r.vantageId)}`}>
            <div className="card-header">
              <h2>From {vantageLabel(r.vantageId)}</h2>
              <HealthPill health={health} />
            </div>
            {summary.error ? <p className="field-error">{summary.error}</p> : null}
            <ul>
              {profileSentences([{ vantage: vantageLabel(r.vantageId), profiles: summary.profiles }]).map((s) => (
                <li key={s.profile}>{s.sentence}</li>
              ))}
            </ul>
            {findings.length > 0 ? (
              <ul style={{ listStyle: "none", paddingLeft: 0 }}>
                {findings.map((f) => (
                  <li key={`${f.id} ${f.subject}`} className="row" style={{ marginBottom: "0.4rem" }}>
                    <SeverityPill severity={f.severity} /> <span>{f.title}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No findings.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
