import type { OverviewMonitor } from "./overview-rows";
import { type CellState, stripCells } from "./transport-strip";

const LOOK: Record<CellState, { tone: string; mark: string }> = {
  up: { tone: "tone-ok", mark: "✓" },
  down: { tone: "tone-bad", mark: "✕" },
  missing: { tone: "tone-warn", mark: "?" },
  unprobed: { tone: "tone-idle", mark: "·" },
};

/** UDP, TCP, TLS and WSS for one vantage, each with a mark as well as a colour. */
export function TransportStrip({
  vantage,
  expected,
}: {
  vantage: OverviewMonitor["vantages"][number];
  expected: readonly string[];
}) {
  return (
    <div className="row small" style={{ gap: "0.35rem", flexWrap: "nowrap" }}>
      <span className="muted" style={{ minWidth: "3.2rem" }}>
        {vantage.label}
      </span>
      <span className="strip">
        {stripCells(vantage, expected).map((cell) => (
          <span key={cell.transport} className={`strip-cell ${LOOK[cell.state].tone}`} title={cell.text}>
            <span aria-hidden="true">
              {cell.transport.toUpperCase()} {LOOK[cell.state].mark}
            </span>
            <span className="visually-hidden">{cell.text}</span>
          </span>
        ))}
      </span>
    </div>
  );
}
