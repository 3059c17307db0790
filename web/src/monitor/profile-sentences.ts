import type { ProfileSummary } from "@sipwatch/core";
import { profileSentence } from "@sipwatch/core/simulation/profiles";

export interface ProfileSentence {
  profile: string;
  sentence: string;
  /** Which real clients the profile models and how they behave, from core's catalogue. */
  behaviour: string;
  tone: "ok" | "warn" | "bad";
}

const joinNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/**
 * One sentence per client profile, in core's words (the CLI, alerts and the status page say the
 * same): "Linphone set to TLS registers over TLS to sip1.example.com:5061 from weur and enam."
 * Vantages where a profile ends the same way share a sentence; where they differ (split DNS, a
 * region that cannot connect) each outcome gets its own.
 */
export function profileSentences(
  byVantage: ReadonlyArray<{ vantage: string; profiles: readonly ProfileSummary[] }>,
): ProfileSentence[] {
  const groups = new Map<string, { summary: ProfileSummary; vantages: string[] }>();
  for (const { vantage, profiles } of byVantage) {
    for (const p of profiles) {
      const key = `${p.profile}\u0000${p.final}\u0000${p.delayed}\u0000${p.changedTransport ?? false}`;
      const group = groups.get(key) ?? { summary: p, vantages: [] };
      group.vantages.push(vantage);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ summary, vantages }) => {
    const { sentence, behaviour, tone } = profileSentence(summary, `from ${joinNames(vantages)}`);
    return { profile: summary.profile, sentence, behaviour, tone };
  });
}
