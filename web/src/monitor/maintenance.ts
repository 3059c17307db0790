/**
 * <input type="datetime-local"> speaks the reader's local wall-clock time without a zone; the
 * API speaks ISO 8601 instants. These convert between the two in the browser's time zone.
 */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime(); // no zone: parsed as local time (ECMA-262 Date.parse)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type WindowState = "active" | "upcoming" | "over";

export function windowState(window: { startsAt: string; endsAt: string }, now = Date.now()): WindowState {
  if (Date.parse(window.endsAt) <= now) return "over";
  return Date.parse(window.startsAt) <= now ? "active" : "upcoming";
}
