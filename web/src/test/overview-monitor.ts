import type { OverviewMonitor } from "../overview/overview-rows";

/** An overview monitor for tests: healthy, checked a minute ago from weur, with `patch` applied. */
export const overviewMonitor = (id: string, patch: Partial<OverviewMonitor> = {}): OverviewMonitor => ({
  id,
  name: id,
  target: `sips:${id}.example.com`,
  enabled: true,
  isPublic: false,
  slug: null,
  intervalMinutes: 5,
  expectedTransports: ["udp", "tcp", "tls"],
  health: "healthy",
  worstFinding: null,
  openFindings: 0,
  mutedFindings: 0,
  certDaysLeft: 80,
  lastCheckedAt: Date.now() - 60_000,
  vantages: [
    {
      vantageId: "region:weur",
      label: "weur",
      startedAt: Date.now() - 60_000,
      status: "ok",
      transports: { tcp: { ok: true, ms: 20 }, tls: { ok: true, ms: 41 } },
    },
  ],
  ...patch,
});
