import { MonitorRow } from "./MonitorRow";
import type { OverviewMonitor } from "./overview-rows";

/** The list itself, separate from data fetching so the render benchmark can mount it with local data. */
export function OverviewList({
  monitors,
  sparklines,
}: {
  monitors: readonly OverviewMonitor[];
  sparklines: Record<string, Array<number | null>> | undefined;
}) {
  return (
    <div className="card" style={{ padding: 0 }}>
      <div className="monitor-row monitor-list-head" aria-hidden="true">
        <span className="th">Monitor</span>
        <span className="th">Status</span>
        <span className="th">Worst finding</span>
        <span className="th">Transports per vantage</span>
        <span className="th">Certificate</span>
        <span className="th">Availability</span>
      </div>
      <ul className="monitor-list" aria-label="Monitors">
        {monitors.map((m) => (
          <MonitorRow key={m.id} monitor={m} sparkline={sparklines?.[m.id]} />
        ))}
      </ul>
    </div>
  );
}
