import { memo } from "react";
import { Link } from "wouter";
import { HealthPill, SeverityPill } from "../ui/status";
import { ago } from "../ui/time";
import { certDays, type OverviewMonitor } from "./overview-rows";
import { Sparkline } from "./Sparkline";
import { TransportStrip } from "./TransportStrip";

/** One monitor on the overview. Memoised: a refetch that changes one monitor re-renders one row. */
export const MonitorRow = memo(function MonitorRow({
  monitor,
  sparkline,
}: {
  monitor: OverviewMonitor;
  sparkline: Array<number | null> | undefined;
}) {
  const cert = certDays(monitor.certDaysLeft);
  return (
    <li className="monitor-row">
      <div>
        <Link href={`/monitors/${monitor.id}`} className="monitor-name">
          {monitor.name}
        </Link>
        <div className="muted small mono">{monitor.target}</div>
      </div>
      <div>
        <span className="label">Status</span>
        <HealthPill health={monitor.health} />
      </div>
      <div className="small">
        <span className="label">Worst finding</span>
        {monitor.worstFinding ? (
          <span className="row" style={{ gap: "0.35rem" }}>
            <SeverityPill severity={monitor.worstFinding.severity} />
            <span>{monitor.worstFinding.title}</span>
            {monitor.openFindings > 1 ? <span className="muted">+{monitor.openFindings - 1} more</span> : null}
          </span>
        ) : (
          <span className="muted">{monitor.health === "pending" ? "waiting for the first audit" : "none"}</span>
        )}
        {monitor.mutedFindings > 0 ? <span className="muted"> · {monitor.mutedFindings} muted</span> : null}
      </div>
      <div>
        <span className="label">Transports</span>
        {monitor.vantages.length === 0 ? <span className="muted small">not audited yet</span> : null}
        {monitor.vantages.map((v) => (
          <TransportStrip key={v.vantageId} vantage={v} expected={monitor.expectedTransports} />
        ))}
      </div>
      <div className="small">
        <span className="label">Certificate</span>
        <span className={`pill tone-${cert.tone}`}>{cert.text}</span>
      </div>
      <div className="small">
        <span className="label">Availability, 24 h</span>
        <Sparkline points={sparkline ?? []} />
        <div className="muted">{monitor.lastCheckedAt ? `checked ${ago(monitor.lastCheckedAt)}` : ""}</div>
      </div>
    </li>
  );
});
