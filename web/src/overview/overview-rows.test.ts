import { describe, expect, it } from "vitest";
import { certDays, healthCounts, type OverviewMonitor, visibleMonitors } from "./overview-rows";

const monitor = (id: string, patch: Partial<OverviewMonitor>): OverviewMonitor => ({
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
  certDaysLeft: 60,
  lastCheckedAt: 1_000,
  vantages: [],
  ...patch,
});

const fleet = [
  monitor("alpha", {}),
  monitor("bravo", {
    health: "down",
    worstFinding: { findingId: "x", severity: "critical", title: "TLS port closed" },
  }),
  monitor("charlie", {
    health: "degraded",
    certDaysLeft: 3,
    worstFinding: { findingId: "y", severity: "warning", title: "Certificate expires soon" },
  }),
  monitor("delta", { health: "paused", certDaysLeft: null, lastCheckedAt: null }),
  monitor("echo", {
    health: "degraded",
    worstFinding: { findingId: "z", severity: "critical", title: "SRV target has no address" },
  }),
];
const ids = (ms: OverviewMonitor[]) => ms.map((m) => m.id);

describe("visibleMonitors", () => {
  it("puts the worst first: down, then degraded by worst severity, healthy, paused", () => {
    expect(ids(visibleMonitors(fleet, { text: "", health: "all", sort: "health" }))).toEqual([
      "bravo",
      "echo",
      "charlie",
      "alpha",
      "delta",
    ]);
  });

  it("filters by name, target and finding title, case-insensitively", () => {
    expect(ids(visibleMonitors(fleet, { text: "CERTIFICATE", health: "all", sort: "name" }))).toEqual(["charlie"]);
    expect(ids(visibleMonitors(fleet, { text: "alpha.example", health: "all", sort: "name" }))).toEqual(["alpha"]);
  });

  it("shows only what needs attention", () => {
    expect(ids(visibleMonitors(fleet, { text: "", health: "attention", sort: "name" }))).toEqual([
      "bravo",
      "charlie",
      "echo",
    ]);
    expect(ids(visibleMonitors(fleet, { text: "", health: "paused", sort: "name" }))).toEqual(["delta"]);
  });

  it("sorts by certificate expiry with no certificate last, and stalest check first", () => {
    expect(ids(visibleMonitors(fleet, { text: "", health: "all", sort: "cert" })).at(0)).toBe("charlie");
    expect(ids(visibleMonitors(fleet, { text: "", health: "all", sort: "cert" })).at(-1)).toBe("delta");
    expect(ids(visibleMonitors(fleet, { text: "", health: "all", sort: "checked" })).at(0)).toBe("delta");
  });
});

describe("healthCounts and certDays", () => {
  it("counts each health", () => {
    expect(healthCounts(fleet)).toEqual({ down: 1, degraded: 2, pending: 0, healthy: 1, paused: 1 });
  });
  it("words certificate days with a tone", () => {
    expect(certDays(null)).toEqual({ text: "no TLS", tone: "idle" });
    expect(certDays(-2)).toEqual({ text: "expired 2 d ago", tone: "bad" });
    expect(certDays(5)).toEqual({ text: "5 days", tone: "warn" });
    expect(certDays(90)).toEqual({ text: "90 days", tone: "ok" });
  });
});
