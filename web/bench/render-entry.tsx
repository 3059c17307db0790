/**
 * Bundled by overview.bench.ts into the page Chromium runs: mounts the overview list with local
 * data and times it to the end of layout. The baseline mounts the same rows with recharts
 * sparklines, the obvious way to draw them, to show what the hand-drawn SVG saves.
 */
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { Line, LineChart } from "recharts";
import { OverviewList } from "../src/overview/OverviewList";
import { TransportStrip } from "../src/overview/TransportStrip";
import "../src/ui/theme.css";
import { fleet } from "./fleet";

/** The baseline row: the same content, with a recharts chart per sparkline. */
function RechartsList({ monitors, sparklines }: ReturnType<typeof fleet>) {
  return (
    <ul className="monitor-list">
      {monitors.map((m) => (
        <li key={m.id} className="monitor-row">
          <div>
            <a className="monitor-name" href={`/monitors/${m.id}`}>
              {m.name}
            </a>
            <div className="muted small mono">{m.target}</div>
          </div>
          <div>{m.health}</div>
          <div>{m.worstFinding?.title ?? "none"}</div>
          <div>
            {m.vantages.map((v) => (
              <TransportStrip key={v.vantageId} vantage={v} expected={m.expectedTransports} />
            ))}
          </div>
          <div>{m.certDaysLeft} days</div>
          <LineChart width={96} height={24} data={(sparklines[m.id] ?? []).map((v, i) => ({ i, v }))}>
            <Line dataKey="v" dot={false} isAnimationActive={false} />
          </LineChart>
        </li>
      ))}
    </ul>
  );
}

let root: Root | null = null;
const host = () => document.getElementById("root") as HTMLElement;

/** Mounts `n` monitors and returns milliseconds until React committed and the browser laid out. */
function renderOnce(variant: "sipwatch" | "recharts-sparklines", n: number): number {
  root?.unmount();
  root = createRoot(host());
  const data = fleet(n);
  const started = performance.now();
  flushSync(() => {
    root?.render(
      variant === "sipwatch" ? (
        <OverviewList monitors={data.monitors} sparklines={data.sparklines} />
      ) : (
        <RechartsList {...data} />
      ),
    );
  });
  void host().getBoundingClientRect().height; // forces style and layout
  return performance.now() - started;
}

(window as unknown as { renderOnce: typeof renderOnce }).renderOnce = renderOnce;
