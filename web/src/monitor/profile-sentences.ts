import type { ProfileSummary } from "@sipwatch/core";
import { PROFILES } from "@sipwatch/core/simulation/profiles";

const WHO: Record<ProfileSummary["profile"], string> = {
  rfc3263: "Phones that follow RFC 3263",
  "srv-preferring": "Phones that skip NAPTR and ask SRV",
  "tcp-first-30s": "Desk phones set to TCP then UDP",
  "fixed-udp": "Phones configured with the domain over UDP",
};

const TRANSPORT = /^(udp|tcp|tls|sctp|tls-sctp|ws|wss) /;

export interface ProfileSentence {
  profile: string;
  sentence: string;
  /** How that kind of client behaves, from core's profile definition. */
  behaviour: string;
  tone: "ok" | "warn" | "bad";
}

const joinNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

/**
 * One sentence per client profile: where it ends up ("Phones that follow RFC 3263 use TLS to
 * sip1.example.com:5061 from weur and enam"), or that it reaches nothing. Vantages where a
 * profile ends the same way share a sentence; where they differ (split DNS, a region that
 * cannot connect) each outcome gets its own. Plaintext endings for a profile that was not
 * configured for plaintext read as a warning: that is the silent fallback.
 */
export function profileSentences(
  byVantage: ReadonlyArray<{ vantage: string; profiles: readonly ProfileSummary[] }>,
): ProfileSentence[] {
  const groups = new Map<string, { summary: ProfileSummary; vantages: string[] }>();
  for (const { vantage, profiles } of byVantage) {
    for (const p of profiles) {
      const key = `${p.profile}\u0000${p.final}\u0000${p.delayed}`;
      const group = groups.get(key) ?? { summary: p, vantages: [] };
      group.vantages.push(vantage);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ summary, vantages }) => sentenceOf(summary, joinNames(vantages)));
}

function sentenceOf(p: ProfileSummary, vantage: string): ProfileSentence {
  {
    const definition = PROFILES.find((d) => d.id === p.profile);
    const who = WHO[p.profile] ?? definition?.label ?? p.profile;
    const behaviour = definition ? `${definition.label}: ${definition.description}.` : "";
    if (!p.final) {
      return { profile: p.profile, sentence: `${who} reach nothing from ${vantage}.`, behaviour, tone: "bad" };
    }
    const transport = p.final.match(TRANSPORT)?.[1] ?? "";
    const where = p.final.replace(TRANSPORT, "");
    const plaintext = transport === "udp" || transport === "tcp" || transport === "ws";
    const fellBack = plaintext && !definition?.configuredPlaintext;
    const delay = p.delayed ? ", after waiting for earlier attempts to time out" : "";
    return {
      profile: p.profile,
      sentence: `${who} use ${transport.toUpperCase()} to ${where} from ${vantage}${delay}.`,
      behaviour,
      tone: p.delayed || fellBack ? "warn" : "ok",
    };
  }
}
