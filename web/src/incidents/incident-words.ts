import type { Schemas } from "../api/client";
import type { Tone } from "../ui/status";

type Incident = Schemas["Incident"];
type IncidentEvent = Schemas["IncidentEvent"];

export const STATUS_LOOK: Record<Incident["status"], { tone: Tone; icon: string; label: string }> = {
  open: { tone: "bad", icon: "✕", label: "Open" },
  acknowledged: { tone: "warn", icon: "!", label: "Acknowledged" },
  resolved: { tone: "ok", icon: "✓", label: "Resolved" },
};

/** Who did it, in words: the alert policy, a person by name, or an API token. */
export function authorLabel(event: Pick<IncidentEvent, "author" | "authorName">): string {
  if (event.author === "system") return "sipwatch";
  if (event.author.startsWith("token:")) return `API token ${event.author.slice("token:".length)}`;
  return event.authorName ?? event.author;
}

/** One line per timeline event: what happened, by whom. */
export function eventSentence(event: IncidentEvent): string {
  const who = authorLabel(event);
  switch (event.kind) {
    case "opened":
      return "Opened: the alert policy saw the monitor fail";
    case "acknowledged":
      return `Acknowledged by ${who}`;
    case "update":
      return `${who} posted ${event.public ? "a public update" : "an internal note"}`;
    case "resolved":
      return event.author === "system" ? "Resolved: the monitor recovered" : `Resolved by ${who}`;
    case "reopened":
      return `Reopened by ${who}`;
    // The body names the finding and, for a mute, the reason and expiry (db mute-incident-events).
    case "muted":
      return `${who} muted a finding: ${event.body ?? ""}`;
    case "unmuted":
      return `${who} ended a mute: ${event.body ?? ""}`;
  }
}

/** "42 min", "3 h 5 min": how long an incident lasted, or has lasted so far. */
export function lasted(fromIso: string, toIso: string | null, now = Date.now()): string {
  const minutes = Math.max(0, Math.round(((toIso ? Date.parse(toIso) : now) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
