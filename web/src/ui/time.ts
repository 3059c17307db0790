/** "3 min ago", "2 h ago", "5 days ago": how long since an epoch-ms time, for "last checked" and findings. */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** An absolute time in the reader's locale, for tooltips and tables. */
export const when = (ms: number) => new Date(ms).toLocaleString();
