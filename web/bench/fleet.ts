import type { OverviewMonitor } from "../src/overview/overview-rows";

/** A fleet of monitors as the overview API returns it: mixed health, three regions, 24-hour sparklines. */
const TRANSPORT_STATES = [
  { udp: { ok: true, ms: 12 }, tcp: { ok: true, ms: 30 }, tls: { ok: true, ms: 41 } },
  { tcp: { ok: true, ms: 30 }, tls: { ok: false, ms: null } },
  { tls: { ok: true, ms: 55 } },
];
const HEALTH = ["healthy", "healthy", "healthy", "degraded", "down", "pending"] as const;

export function fleet(n: number): { monitors: OverviewMonitor[]; sparklines: Record<string, Array<number | null>> } {
  const monitors: OverviewMonitor[] = [];
  const sparklines: Record<string, Array<number | null>> = {};
  for (let i = 0; i < n; i++) {
    const id = `mon_${i.toString().padStart(5, "0")}`;
    const health = HEALTH[i % HEALTH.length] ?? "healthy";
    monitors.push({
      id,
      name: `PBX ${i}`,
      target: `sips:pbx${i}.example.com`,
      enabled: true,
      isPublic: false,
      slug: null,
      intervalMinutes: 5,
      expectedTransports: ["udp", "tcp", "tls"],
      health,
      worstFinding:
        health === "healthy"
          ? null
          : {
              findingId: "tls.cert.expired",
              severity: "critical",
              title: `Certificate of sip1.pbx${i}.example.com expired`,
            },
      openFindings: health === "healthy" ? 0 : 3,
      mutedFindings: 0,
      certDaysLeft: (i * 7) % 120,
      lastCheckedAt: Date.now() - 60_000,
      vantages: ["weur", "enam", "apac"].map((r, j) => ({
        vantageId: `region:${r}`,
        label: r,
        startedAt: Date.now() - 60_000,
        status: "ok",
        transports: TRANSPORT_STATES[(i + j) % TRANSPORT_STATES.length] ?? {},
      })),
    });
    sparklines[id] = Array.from({ length: 24 }, (_, h) => ((i + h) % 17 === 0 ? 0.75 : 1));
  }
  return { monitors, sparklines };
}
