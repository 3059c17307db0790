import { SeverityPill } from "../ui/status";
import { ago, when } from "../ui/time";
import { type GroupedFinding, groupFindings } from "./group-findings";
import type { Finding } from "./report-types";
import { useVantageLabel } from "./vantage-labels";

const where = (vantageIds: readonly string[], label: (id: string) => string) =>
  vantageIds.map((v) => (v === "cross" ? "comparing vantages" : label(v))).join(", ");

function FindingCard({ group, label }: { group: GroupedFinding; label: (vantageId: string) => string }) {
  const f = group.finding;
  return (
    <li className="card" style={{ margin: 0 }}>
      <div className="row">
        <SeverityPill severity={f.severity} />
        <strong>{f.title}</strong>
      </div>
      <div className="muted small">
        <code>{f.findingId}</code> · seen from {where(group.vantageIds, label)} · open since{" "}
        <time title={when(group.openedAt)}>{ago(group.openedAt)}</time>
        {f.lastSeenAt ? <> · last seen {ago(f.lastSeenAt)}</> : null}
      </div>
      <p>{f.detail}</p>
      <p>
        <strong>Fix: </strong>
        {f.fix}
      </p>
      <details>
        <summary>Evidence</summary>
        <pre className="small" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          {JSON.stringify(f.evidence, null, 2)}
        </pre>
      </details>
    </li>
  );
}

/**
 * Open findings, worst first, each once however many vantages see it: what is wrong, the
 * evidence, why it matters and how to fix it. Info notes fold away: they are advice, not trouble.
 */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const label = useVantageLabel();
  if (findings.length === 0) {
    return (
      <p className="muted">No open findings: discovery, transports and certificates look right from every vantage.</p>
    );
  }
  const groups = groupFindings(findings);
  const problems = groups.filter((g) => g.finding.severity !== "info");
  const notes = groups.filter((g) => g.finding.severity === "info");
  const list = (items: GroupedFinding[], name: string) => (
    <ul className="stack" style={{ listStyle: "none", padding: 0 }} aria-label={name}>
      {items.map((g) => (
        <FindingCard key={`${g.finding.findingId} ${g.finding.subject}`} group={g} label={label} />
      ))}
    </ul>
  );
  return (
    <>
      {problems.length > 0 ? list(problems, "Open findings") : <p className="muted">No problems, only advice.</p>}
      {notes.length > 0 ? (
        <details>
          <summary>
            {notes.length} note{notes.length > 1 ? "s" : ""} (info)
          </summary>
          {list(notes, "Notes")}
        </details>
      ) : null}
    </>
  );
}
