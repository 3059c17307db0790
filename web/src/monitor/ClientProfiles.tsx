import { Pill } from "../ui/status";
import { profileSentences } from "./profile-sentences";
import { summaryOf, type VantageReport, vantageLabel } from "./report-types";

const MARK = { ok: "✓", warn: "!", bad: "✕" } as const;
const SAY = { ok: "fine", warn: "warning", bad: "fails" } as const;

/** Where each kind of phone ends up, one sentence per profile and outcome, naming the vantages. */
export function ClientProfiles({ vantages }: { vantages: readonly VantageReport[] }) {
  const unfinished = vantages.filter((v) => (summaryOf(v).profiles ?? []).length === 0);
  const sentences = profileSentences(
    vantages.map((v) => ({ vantage: vantageLabel(v.vantageId), profiles: summaryOf(v).profiles ?? [] })),
  );
  return (
    <>
      <ul style={{ paddingLeft: 0, listStyle: "none", margin: 0 }} aria-label="Client profiles">
        {sentences.map((s) => (
          <li
            key={s.sentence}
            className="row"
            style={{ alignItems: "baseline", flexWrap: "nowrap", marginBottom: "0.3rem" }}
          >
            <Pill tone={s.tone} icon={MARK[s.tone]}>
              <span className="visually-hidden">{SAY[s.tone]}</span>
            </Pill>
            <span title={s.behaviour}>{s.sentence}</span>
          </li>
        ))}
      </ul>
      {unfinished.map((v) => (
        <p key={v.vantageId} className="muted">
          {vantageLabel(v.vantageId)}: the audit did not finish ({summaryOf(v).error ?? "no report"}).
        </p>
      ))}
    </>
  );
}
