import { type AuditReport, describeCandidate, type ProfileOutcome } from "@sipwatch/core";
import { type Paint, pad } from "./paint";

type Profiles = AuditReport["profiles"];

const STEP_WORDS: Record<string, string> = {
  first: "",
  "next-target": "next target",
  "next-transport": "new transport",
};

/**
 * "What phones will do": one line per modelled client, its attempts when any failed, then who
 * cannot register, who changes transport and who does not notice a problem.
 */
export function renderPhones(profiles: Profiles, probed: boolean, p: Paint): string[] {
  const out = [p.bold("What phones will do")];
  const labelWidth = Math.max(...profiles.map((o) => o.label.length));
  for (const o of profiles) {
    const mark = !o.outcome.registered
      ? p.red("✗")
      : o.outcome.afterMs > 0 || changed(o)
        ? p.yellow("~")
        : p.green("✓");
    out.push(`  ${mark} ${pad(o.label, labelWidth + 2)}${o.summary}`);
    if (o.attempts.length > 1 || o.attempts.some((a) => a.reachability !== "ok" && a.reachability !== "unknown")) {
      o.attempts.forEach((a, i) => {
        const cost = a.costMs > 0 ? `, ${Math.round(a.costMs / 1000)} s` : "";
        const step = STEP_WORDS[a.step] ? p.dim(` (${STEP_WORDS[a.step]})`) : "";
        out.push(p.dim(`      ${i + 1}. ${describeCandidate(a.candidate)}: ${a.why ?? a.reachability}${cost}`) + step);
      });
    }
    if (o.tie) out.push(p.dim(`      NAPTR tie between ${o.tie.services.join(" and ")}: ${o.tie.behaviour}`));
  }
  if (profiles.some((o) => o.outcome.assumed)) {
    const why = probed ? "some targets could not be probed from here" : "DNS only: targets were not probed";
    out.push(p.dim(`  (${why}, so their reachability is assumed)`));
  }
  const stranded = profiles.filter((o) => !o.outcome.registered);
  const moved = profiles.filter((o) => o.outcome.registered && changed(o));
  const unnoticed = profiles.filter((o) => o.outcome.registered && o.attempts.at(-1)?.why);
  if (stranded.length + moved.length + unnoticed.length > 0) {
    out.push(
      "",
      `  ${p.bold("Cannot register:")} ${labels(stranded)}`,
      `  ${p.bold("Move to another transport:")} ${labels(moved)}`,
      `  ${p.bold("Do not notice:")} ${
        unnoticed.map((o) => `${o.label} (${o.attempts.at(-1)?.why})`).join("; ") || "none"
      }`,
    );
  }
  return out;
}

function changed(o: ProfileOutcome): boolean {
  return o.attempts.some((a) => a.step === "next-transport");
}

function labels(list: readonly ProfileOutcome[]): string {
  return list.map((o) => o.label).join(", ") || "none";
}
