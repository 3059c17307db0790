import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Schemas } from "../api/client";
import { useRollups, type Window } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { type CertificateBar, type Percentile, rollupSeries } from "./chart-series";

// Distinguishable in both themes and for common colour-vision deficiencies (Okabe-Ito), and each
// line also gets its own dash pattern so the legend does not rely on hue alone.
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3"];

const tick = (window: Window) => (t: number) =>
  window === "90d"
    ? new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" })
    : window === "7d"
      ? new Date(t).toLocaleDateString(undefined, { weekday: "short", hour: "2-digit" })
      : new Date(t).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

function SeriesChart({
  rows,
  measure,
  window,
  span,
  unit,
}: {
  rows: Schemas["RollupBucket"][];
  measure: "availability" | Percentile;
  window: Window;
  /** The whole window, so a new monitor's few buckets sit at the right end, not stretched across. */
  span: [number, number];
  unit: string;
}) {
  const data = rollupSeries(rows, measure, { includeOverall: measure === "availability" });
  if (data.points.length === 0) {
    return <p className="muted">No runs in this window yet.</p>;
  }
  return (
    <div className="chart-box">
      <ResponsiveContainer>
        <LineChart data={data.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="t"
            type="number"
            domain={span}
            scale="time"
            ticks={[0, 1, 2, 3, 4].map((i) => span[0] + ((span[1] - span[0]) * i) / 4)}
            tickFormatter={tick(window)}
            stroke="var(--muted)"
          />
          <YAxis
            unit={unit}
            stroke="var(--muted)"
            width={64}
            allowDecimals={false}
            domain={measure === "availability" ? [0, 100] : [0, "auto"]}
          />
          <Tooltip
            labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }}
          />
          <Legend />
          {data.series.map((s, i) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.key}
              stroke={COLOURS[i % COLOURS.length]}
              strokeDasharray={DASHES[i % DASHES.length]}
              dot={data.points.length < 3}
              connectNulls={false}
              isAnimationActive={false}
              unit={unit}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function HistoryCharts({ monitorId, certificates }: { monitorId: string; certificates: CertificateBar[] }) {
  const [range, setRange] = useState<Window>("24h");
  const [percentile, setPercentile] = useState<Percentile>("p50");
  const rollups = useRollups(monitorId, range);
  const rows: Schemas["RollupBucket"][] = rollups.data?.buckets ?? [];
  const span: [number, number] = [rollups.data?.from ?? 0, rollups.data?.to ?? 0];
  return (
    <div className="stack">
      <div className="row">
        <fieldset className="tabs">
          <legend className="visually-hidden">Window</legend>
          {(["24h", "7d", "90d"] as const).map((w) => (
            <button key={w} type="button" aria-pressed={range === w} onClick={() => setRange(w)}>
              {w}
            </button>
          ))}
        </fieldset>
      </div>
      {rollups.isPending ? <Loading what="history" /> : null}
      {rollups.isError ? <ErrorState error={rollups.error} retry={() => rollups.refetch()} /> : null}
      {rollups.isSuccess ? (
        <div className="grid-2">
          <section aria-label="Availability per transport and region">
            <h3>Availability</h3>
            <SeriesChart rows={rows} measure="availability" window={range} span={span} unit="%" />
          </section>
          <section aria-label={`Round trip ${percentile} per transport and region`}>
            <div className="row">
              <h3>Round trip ({percentile === "p50" ? "median" : percentile})</h3>
              <fieldset className="tabs">
                <legend className="visually-hidden">Percentile</legend>
                {(["p50", "p95", "p99"] as const).map((p) => (
                  <button key={p} type="button" aria-pressed={percentile === p} onClick={() => setPercentile(p)}>
                    {p}
                  </button>
                ))}
              </fieldset>
            </div>
            <SeriesChart rows={rows} measure={percentile} window={range} span={span} unit=" ms" />
          </section>
        </div>
      ) : null}
      <section aria-label="Certificate expiry">
        <h3>Certificate expiry</h3>
        {certificates.length === 0 ? (
          <p className="muted">No TLS certificate was read.</p>
        ) : (
          <>
            <div className="chart-box" style={{ height: 60 + certificates.length * 36 }}>
              <ResponsiveContainer>
                <BarChart data={certificates} layout="vertical" margin={{ top: 8, right: 24, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                  <XAxis type="number" unit=" d" stroke="var(--muted)" />
                  <YAxis
                    type="category"
                    dataKey="target"
                    width={window.innerWidth < 600 ? 110 : 260}
                    stroke="var(--muted)"
                    tick={{ fontSize: 12 }}
                  />
                  <ReferenceLine x={14} stroke="var(--warn)" strokeDasharray="4 2" label="14 d" />
                  <ReferenceLine x={0} stroke="var(--bad)" />
                  <Tooltip contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)" }} />
                  <Bar dataKey="daysLeft" name="days left" fill="#0072B2" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <ul className="small">
              {certificates.map((c) => (
                <li key={c.target}>
                  <code>{c.target}</code>:{" "}
                  {c.daysLeft < 0 ? `expired ${-c.daysLeft} days ago` : `${c.daysLeft} days left`}, expires{" "}
                  {new Date(c.expiresAt).toLocaleDateString()}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

export default HistoryCharts;
