import type { PhoneWords } from "../contract/status-page";
import type { ProfileSummary } from "../history/types";
import { CLIENT_PROFILES } from "../simulation/clients/index";

const TRANSPORT = /^(udp|tcp|tls|sctp|tls-sctp|ws|wss) /;

/**
 * What phones can and cannot do, in the words of core's phone profiles, for a public page:
 * one sentence per profile over the latest run of every cloud region, naming transports but
 * never hosts, ports or regions (`profileSentence` names the target; a status page must not).
 * `publicPhoneWords([[{ profile: "linphone-tls", final: null, delayed: false }]])`
 *   -> [{ tone: "bad", sentence: "Linphone set to TLS cannot register." }]
 */
export function publicPhoneWords(runs: ReadonlyArray<readonly ProfileSummary[]>): PhoneWords[] {
  const byProfile = new Map<string, ProfileSummary[]>();
  for (const profiles of runs) {
    for (const p of profiles) byProfile.set(p.profile, [...(byProfile.get(p.profile) ?? []), p]);
  }
  const order = (id: string) => {
    const at = CLIENT_PROFILES.findIndex((d) => d.id === id);
    return at < 0 ? CLIENT_PROFILES.length : at;
  };
  return [...byProfile]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .flatMap(([id, outcomes]) => {
      const definition = CLIENT_PROFILES.find((d) => d.id === id);
      // A profile retired since the run was stored has no public words; skip it rather than show an id.
      return definition ? [wordsOf(definition.label, outcomes, runs.length)] : [];
    });
}

function wordsOf(label: string, outcomes: readonly ProfileSummary[], regions: number): PhoneWords {
  const failing = outcomes.filter((o) => o.final === null).length;
  if (failing === outcomes.length) return { tone: "bad", sentence: `${label} cannot register.` };
  const transports = [
    ...new Set(outcomes.flatMap((o) => (o.final ? [(o.final.match(TRANSPORT)?.[1] ?? "").toUpperCase()] : []))),
  ].filter(Boolean);
  const over = transports.length > 0 ? ` over ${transports.join(" or ")}` : "";
  if (failing > 0) {
    return {
      tone: "bad",
      sentence: `${label} registers${over} from some places but cannot register from ${failing} of ${Math.max(regions, outcomes.length)} regions.`,
    };
  }
  if (outcomes.some((o) => o.changedTransport)) {
    return { tone: "warn", sentence: `${label} registers${over}, after giving up on its first transport.` };
  }
  if (outcomes.some((o) => o.delayed)) {
    return { tone: "warn", sentence: `${label} registers${over}, after waiting for earlier servers to time out.` };
  }
  return { tone: "ok", sentence: `${label} registers${over}.` };
}
