import { useState } from "react";
import { useEndMute } from "../api/queries";
import { IfCan } from "../app/caller-role";
import { ErrorState } from "../ui/states";
import { Pill, SeverityPill } from "../ui/status";
import { ago, when } from "../ui/time";
import { type GroupedFinding, groupFindings } from "./group-findings";
import { MuteFindingForm } from "./MuteFindingForm";
import { mutedLine } from "./mutes";
import type { Finding } from "./report-types";
import { useVantageLabel } from "./vantage-labels";

const where = (vantageIds: readonly string[], label: (id: string) => string) =>
  vantageIds.map((v) => (v === "cross" ? "comparing vantages" : label(v))).join(", ");

function MuteControls({ monitorId, finding }: { monitorId: string; finding: Finding }) {
  const [open, setOpen] = useState(false);
  const end = useEndMute(monitorId);
  if (finding.mute) {
    const mute = finding.mute;
    return (
      <div className="notice">
        <p className="row" style={{ margin: 0 }}>
          <Pill tone="idle" icon="–">
            Muted
          </Pill>
          <span>{mutedLine(mute, when)}</span>
          <IfCan operation="POST /api/v1/monitors/{id}/mutes/{muteId}/end">
            <button
              type="button"
              disabled={end.isPending}
              onClick={() => end.mutate(mute.id)}
              aria-label={`Unmute ${finding.title}`}
            >
              {end.isPending ? "Unmuting…" : "Unmute"}
            </button>
          </IfCan>
        </p>
        {end.isError ? <ErrorState error={end.error} /> : null}
      </div>
    );
  }
  if (!open) {
    return (
      <IfCan operation="POST /api/v1/monitors/{id}/mutes">
        <button type="button" onClick={() => setOpen(true)} aria-label={`Mute ${finding.title}`}>
          Mute…
        </button>
      </IfCan>
    );
  }
  return <MuteFindingForm monitorId={monitorId} finding={finding} onDone={() => setOpen(false)} />;
}

function FindingCard({
  group,
  label,
  monitorId,
}: {
  group: GroupedFinding;
  label: (vantageId: string) => string;
  monitorId: string;
}) {
  const f = group.finding;
  return (
    <li className="card" style={{ margin: 0, ...(f.mute ? { opacity: 0.85 } : {}) }}>
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
      <MuteControls monitorId={monitorId} finding={f} />
    </li>
  );
}

/**
 * Open findings, worst first, each once however many vantages see it: what is wrong, the
 * evidence, why it matters and how to fix it. Muted ones (known and accepted: they neither alert
 * nor lower the status) and info notes fold away: they are not today's trouble.
 */
export function FindingsList({ findings, monitorId }: { findings: readonly Finding[]; monitorId: string }) {
  const label = useVantageLabel();
  if (findings.length === 0) {
    return (
      <p className="muted">No open findings: discovery, transports and certificates look right from every vantage.</p>
    );
  }
  const groups = groupFindings(findings);
  const muted = groups.filter((g) => g.finding.mute);
  const problems = groups.filter((g) => !g.finding.mute && g.finding.severity !== "info");
  const notes = groups.filter((g) => !g.finding.mute && g.finding.severity === "info");
  const list = (items: GroupedFinding[], name: string) => (
    <ul className="stack" style={{ listStyle: "none", padding: 0 }} aria-label={name}>
      {items.map((g) => (
        <FindingCard
          key={`${g.finding.findingId} ${g.finding.subject}`}
          group={g}
          label={label}
          monitorId={monitorId}
        />
      ))}
    </ul>
  );
  const folded = (items: GroupedFinding[], name: string, summary: string) =>
    items.length > 0 ? (
      <details>
        <summary>{summary}</summary>
        {list(items, name)}
      </details>
    ) : null;
  return (
    <>
      {problems.length > 0 ? list(problems, "Open findings") : <p className="muted">No problems, only advice.</p>}
      {folded(muted, "Muted findings", `${muted.length} muted (not counted in status or alerts)`)}
      {folded(notes, "Notes", `${notes.length} note${notes.length > 1 ? "s" : ""} (info)`)}
    </>
  );
}
