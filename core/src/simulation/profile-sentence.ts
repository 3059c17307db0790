import { CLIENT_PROFILES } from "./clients/index";

/** What the history keeps of a profile's outcome (see `ProfileSummary`). */
export interface ProfileSentenceInput {
  profile: string;
  /** "tls sip1.example.com:5061", or null when it registers nowhere. */
  final: string | null;
  delayed: boolean;
  changedTransport?: boolean;
}

const TRANSPORT = /^(udp|tcp|tls|sctp|tls-sctp|ws|wss) /;

/**
 * The words every view uses for one profile's outcome, so the CLI, the dashboard, alerts and
 * the status page say the same thing: "Linphone set to TLS cannot register from weur."
 * `where` is appended as written ("from weur and enam").
 */
export function profileSentence(
  p: ProfileSentenceInput,
  where = "",
): { label: string; sentence: string; behaviour: string; tone: "ok" | "warn" | "bad" } {
  const definition = CLIENT_PROFILES.find((d) => d.id === p.profile);
  const label = definition?.label ?? p.profile;
  const behaviour = definition ? `${definition.clients.join(", ")}: ${definition.description}.` : "";
  const suffix = where ? ` ${where}` : "";
  if (!p.final) return { label, sentence: `${label} cannot register${suffix}.`, behaviour, tone: "bad" };
  const transport = (p.final.match(TRANSPORT)?.[1] ?? "").toUpperCase();
  const target = p.final.replace(TRANSPORT, "");
  const how = p.changedTransport
    ? ", after giving up on its first transport"
    : p.delayed
      ? ", after waiting for earlier targets to time out"
      : "";
  return {
    label,
    sentence: `${label} registers over ${transport} to ${target}${suffix}${how}.`,
    behaviour,
    tone: p.delayed || p.changedTransport ? "warn" : "ok",
  };
}
