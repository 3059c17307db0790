import type { Schemas } from "../api/client";

export type Mute = Schemas["FindingMute"];
export type MuteBrief = NonNullable<Schemas["Finding"]["mute"]>;

const DAY_MS = 86_400_000;

/** The expiries the mute form offers; a mute "until ended" is for a deliberate, lasting choice. */
export const EXPIRY_CHOICES = [
  { value: "1d", label: "1 day", ms: DAY_MS },
  { value: "7d", label: "7 days", ms: 7 * DAY_MS },
  { value: "30d", label: "30 days", ms: 30 * DAY_MS },
  { value: "90d", label: "90 days", ms: 90 * DAY_MS },
  { value: "never", label: "Until someone ends it", ms: null },
] as const;

export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]["value"];

/** The API's expiresAt for a choice made at `now`: null mutes until someone ends it. */
export function expiresAtFor(choice: ExpiryChoice, now = Date.now()): string | null {
  const ms = EXPIRY_CHOICES.find((c) => c.value === choice)?.ms ?? null;
  return ms === null ? null : new Date(now + ms).toISOString();
}

/** "Alpha Ops", "an API token", or the user id of someone no longer in the organisation. */
export const actorName = (id: string | null, name: string | null) =>
  name ?? (id === "token" ? "an API token" : (id ?? "someone"));

/** "muted by Alpha Ops until 12/12/2026, 10:00:00: renewal booked" — the line beside a muted finding. */
export function mutedLine(mute: MuteBrief, when: (ms: number) => string): string {
  const until = mute.expiresAt ? `until ${when(Date.parse(mute.expiresAt))}` : "until someone ends it";
  return `Muted by ${actorName(mute.createdBy, mute.createdByName)} ${until}: ${mute.reason}`;
}

export type MuteState = "in-force" | "expired" | "ended";

/** Whether a listed mute still counts, or how it stopped. */
export function muteState(mute: Pick<Mute, "inForce" | "endedAt">): MuteState {
  if (mute.inForce) return "in-force";
  return mute.endedAt ? "ended" : "expired";
}
