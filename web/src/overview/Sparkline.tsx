/**
 * 24 hours of availability as an SVG polyline. Hand-drawn rather than recharts: the overview
 * shows up to 1,000 of them, and recharts would put ~100 KB on the first page and a React tree
 * per row; this is one <path> each.
 */
export function Sparkline({
  points,
  width = 96,
  height = 24,
}: {
  points: Array<number | null>;
  width?: number;
  height?: number;
}) {
  const known = points.filter((p): p is number => p !== null);
  if (known.length === 0) return <span className="muted small">no data yet</span>;
  const step = points.length > 1 ? width / (points.length - 1) : width;
  let d = "";
  let pen = false;
  points.forEach((p, i) => {
    if (p === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (2 + (1 - p) * (height - 4)).toFixed(1);
    d += `${pen ? "L" : "M"}${x} ${y}`;
    pen = true;
  });
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const worst = Math.min(...known);
  const label = `Availability over 24 hours: ${(mean * 100).toFixed(1)}% on average, lowest hour ${(worst * 100).toFixed(0)}%`;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="sparkline">
      <title>{label}</title>
      <path d={d} fill="none" stroke={worst < 1 ? "var(--warn)" : "var(--ok)"} strokeWidth="1.5" />
      {known.length === 1 ? (
        <circle
          cx={points.findIndex((p) => p !== null) * step}
          cy={2 + (1 - (known[0] ?? 0)) * (height - 4)}
          r="2"
          fill="var(--ok)"
        />
      ) : null}
    </svg>
  );
}
