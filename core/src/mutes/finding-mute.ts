import type { FindingId } from "../findings/types";

/**
 * An operator's "we know, stop counting it" for one finding of one monitor: one subject, or every
 * subject of the id when `subject` is null. Mutes are never deleted (they are the monitor's audit
 * trail); one stops counting when it expires or someone ends it, whichever comes first.
 */
export interface FindingMute {
  id: string;
  findingId: FindingId;
  /** null: every subject of `findingId` ("dns.srv.single-target" wherever it shows up). */
  subject: string | null;
  reason: string;
  createdBy: string;
  createdAt: number;
  /** Exclusive: at `expiresAt` the finding counts again. null: until someone ends it. */
  expiresAt: number | null;
  endedAt: number | null;
  endedBy: string | null;
}

/** The part of a mute that decides what it covers and when. */
export type MuteScope = Pick<FindingMute, "findingId" | "subject" | "createdAt" | "expiresAt" | "endedAt">;

/** The part of a finding a mute is matched on. */
export interface MutableFinding {
  id: string;
  subject: string;
}

/**
 * Whether a mute counts at `now`: from its creation until it expires or is ended, both exclusive,
 * so a round judged at the expiry instant already counts the finding again.
 *
 * @example muteInForce({ createdAt: 0, expiresAt: 60_000, endedAt: null, ... }, 60_000) // false
 */
export function muteInForce(mute: MuteScope, now: number): boolean {
  return (
    now >= mute.createdAt &&
    (mute.expiresAt === null || now < mute.expiresAt) &&
    (mute.endedAt === null || now < mute.endedAt)
  );
}

/**
 * The mute that covers a finding at `now`, or null. A mute of this very subject wins over one of
 * every subject, so the dashboard shows the reason written for this host when there is one.
 */
export function muteOf<M extends MuteScope>(finding: MutableFinding, mutes: readonly M[], now: number): M | null {
  let wildcard: M | null = null;
  for (const mute of mutes) {
    if (mute.findingId !== finding.id || !muteInForce(mute, now)) continue;
    if (mute.subject === finding.subject) return mute;
    if (mute.subject === null) wildcard ??= mute;
  }
  return wildcard;
}

/** Whether some mute in force covers the finding. */
export const isMuted = (finding: MutableFinding, mutes: readonly MuteScope[], now: number): boolean =>
  muteOf(finding, mutes, now) !== null;

/** When a mute stops counting (its expiry or its end, whichever is first); null while it has neither. */
export function muteEndsAt(mute: Pick<FindingMute, "expiresAt" | "endedAt">): number | null {
  if (mute.expiresAt === null) return mute.endedAt;
  if (mute.endedAt === null) return mute.expiresAt;
  return Math.min(mute.expiresAt, mute.endedAt);
}

/**
 * The mutes as an alert round applies them. A round is judged at its own time (the tick's
 * scheduled minute, an agent report's start), which can precede its evaluation by a queue delay or
 * an offline agent's backlog; a mute that exists when the round is evaluated already covers it,
 * so nothing alerts about a finding after someone muted it. Expiry and end are still judged at
 * the round's time.
 */
export function mutesForRound<M extends MuteScope>(mutes: readonly M[], roundAt: number): M[] {
  return mutes.map((m) => (m.createdAt > roundAt ? { ...m, createdAt: roundAt } : m));
}
