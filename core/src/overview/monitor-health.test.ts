import { describe, expect, it } from "vitest";
import { monitorHealth, worstFinding } from "./monitor-health";

const up = { status: "ok" as const, transports: { tls: { ok: true, ms: 40 }, udp: { ok: true, ms: 12 } } };
const tlsDown = {
  status: "critical" as const,
  transports: { tls: { ok: false, ms: null }, udp: { ok: true, ms: 12 } },
};
const dead = {
  status: "critical" as const,
  transports: { tls: { ok: false, ms: null }, udp: { ok: false, ms: null } },
};
const failed = { status: "error" as const, transports: {} };

describe("monitorHealth", () => {
  it.each([
    ["paused when disabled, whatever the runs say", { enabled: false, vantages: [dead], openFindings: [] }, "paused"],
    ["pending before the first audit", { enabled: true, vantages: [], openFindings: [] }, "pending"],
    ["healthy when every vantage is clean", { enabled: true, vantages: [up, up], openFindings: [] }, "healthy"],
    ["healthy with only info findings", { enabled: true, vantages: [up], openFindings: ["info" as const] }, "healthy"],
    ["degraded by an open warning", { enabled: true, vantages: [up], openFindings: ["warning" as const] }, "degraded"],
    ["degraded when one transport fails", { enabled: true, vantages: [tlsDown], openFindings: [] }, "degraded"],
    ["degraded when one region cannot reach it", { enabled: true, vantages: [up, dead], openFindings: [] }, "degraded"],
    ["down when nothing answers anywhere", { enabled: true, vantages: [dead, dead], openFindings: [] }, "down"],
    ["down when every audit failed", { enabled: true, vantages: [failed, dead], openFindings: [] }, "down"],
    [
      "down when nothing could be probed and audits are critical",
      { enabled: true, vantages: [failed, { status: "critical" as const, transports: {} }], openFindings: [] },
      "down",
    ],
    [
      "degraded, not down, when only UDP is offered (the edge cannot probe it)",
      { enabled: true, vantages: [{ status: "warning" as const, transports: {} }], openFindings: ["warning" as const] },
      "degraded",
    ],
  ])("%s", (_name, input, expected) => {
    expect(monitorHealth(input)).toBe(expected);
  });
});

describe("worstFinding", () => {
  it("prefers severity, then the oldest", () => {
    const findings = [
      { id: "a", severity: "warning" as const, openedAt: 1 },
      { id: "b", severity: "critical" as const, openedAt: 9 },
      { id: "c", severity: "critical" as const, openedAt: 5 },
    ];
    expect(worstFinding(findings)?.id).toBe("c");
    expect(worstFinding([])).toBeNull();
  });
});
