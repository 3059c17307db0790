import { useSpans } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { Pill, type Tone } from "../ui/status";
import { ago, when } from "../ui/time";
import { type SpanRow, spanText } from "./span-text";
import { useVantageLabel } from "./vantage-labels";

const TONE: Record<string, Tone> = { ok: "ok", warning: "warn", critical: "bad", error: "bad" };

/**
 * The run list: every change of outcome in the last day, per vantage, newest first; runs that
 * saw the same as the one before are one line ("unchanged for 3 h, 180 runs").
 */
export function SpanList({ monitorId }: { monitorId: string }) {
  const spans = useSpans(monitorId);
  const vantageLabel = useVantageLabel();
  if (spans.isPending) return <Loading what="runs" />;
  if (spans.isError) return <ErrorState error={spans.error} retry={() => spans.refetch()} />;
  const rows = spans.data.spans as SpanRow[];
  if (rows.length === 0) return <p className="muted">No runs in the last day.</p>;
  return (
    <table aria-label="Runs in the last day, newest first">
      <thead>
        <tr>
          <th scope="col">Since</th>
          <th scope="col">From</th>
          <th scope="col">Status</th>
          <th scope="col">Runs</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={`${s.vantageId} ${s.from}`}>
            <td>
              <time title={when(s.from)}>{ago(s.from)}</time>
            </td>
            <td>{vantageLabel(s.vantageId)}</td>
            <td>
              <Pill tone={TONE[s.status] ?? "idle"}>{s.status}</Pill>
            </td>
            <td>{spanText(s)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
