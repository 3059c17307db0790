import type { Schemas } from "../api/client";
import { useDnsHistory } from "../api/queries";
import { ErrorState, Loading } from "../ui/states";
import { ago, when } from "../ui/time";
import { useVantageLabel } from "./vantage-labels";

type DnsChange = Schemas["DnsChange"];

function Diff({ diff }: { diff: NonNullable<DnsChange["diff"]> }) {
  return (
    <ul className="rr" style={{ margin: "0.25rem 0", paddingLeft: "1.1rem" }}>
      {diff.added.map((s) => (
        <li key={`+${s.name}${s.type}`} className="diff-add">
          + {s.name} {s.type} {s.data.join(" | ") || s.status}
        </li>
      ))}
      {diff.removed.map((s) => (
        <li key={`-${s.name}${s.type}`} className="diff-del">
          − {s.name} {s.type} {s.data.join(" | ") || s.status}
        </li>
      ))}
      {diff.changed.map((c) => (
        <li key={`~${c.name}${c.type}`}>
          ~ {c.name} {c.type}
          {c.removed.map((d) => (
            <div key={`-${d}`} className="diff-del">
              − {d}
            </div>
          ))}
          {c.added.map((d) => (
            <div key={`+${d}`} className="diff-add">
              + {d}
            </div>
          ))}
          {c.before.status !== c.after.status ? (
            <div>
              status {c.before.status} → {c.after.status}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** What DNS answered differently, when, and seen from where; the first snapshot of each vantage is the baseline. */
export function DnsHistory({ monitorId }: { monitorId: string }) {
  const history = useDnsHistory(monitorId);
  const vantageLabel = useVantageLabel();
  if (history.isPending) return <Loading what="DNS history" />;
  if (history.isError) return <ErrorState error={history.error} retry={() => history.refetch()} />;
  const changes: DnsChange[] = history.data.changes;
  if (changes.length === 0) return <p className="muted">No DNS answers recorded yet.</p>;
  return (
    <ol style={{ paddingLeft: "1.1rem" }} aria-label="DNS changes, newest first">
      {changes.map((c) => (
        <li key={c.snapshotId} style={{ marginBottom: "0.6rem" }}>
          <strong>
            <time title={when(c.takenAt)}>{ago(c.takenAt)}</time>
          </strong>{" "}
          from {vantageLabel(c.vantageId)}:{" "}
          {c.diff === null ? (
            <span className="muted">first answers seen ({c.recordSets.length} record sets)</span>
          ) : (
            <Diff diff={c.diff} />
          )}
        </li>
      ))}
    </ol>
  );
}
