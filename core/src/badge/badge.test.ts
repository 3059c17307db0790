import { describe, expect, it } from "vitest";
import type { RunSummary } from "../history/types";
import { badgeOf } from "./badge-content";
import { type PublicStatus, publicStatusOf } from "./public-status";
import { renderBadgeSvg, shieldsEndpoint } from "./render-badge";
import { verdanaWidth } from "./text-width";

const summary = (status: RunSummary["status"], extra: Partial<RunSummary> = {}): RunSummary => ({
  v: 1,
  status,
  transports: {},
  targets: [],
  profiles: [],
  certDaysLeft: null,
  findings: { critical: 0, warning: 0, info: 0 },
  ...extra,
});

describe("renderBadgeSvg", () => {
  it("sizes each half to its text and carries label and message", () => {
    const svg = renderBadgeSvg({ label: "sip", message: "ok", color: "brightgreen" });
    const labelWidth = Math.round(verdanaWidth("sip")) + 10;
    const total = labelWidth + Math.round(verdanaWidth("ok")) + 10;
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20"`));
    expect(svg).toContain(`<rect width="${labelWidth}" height="20" fill="#555"/>`);
    expect(svg).toContain('fill="#4c1"');
    expect(svg).toContain("<title>sip: ok</title>");
    expect(svg.endsWith("</svg>")).toBe(true);
  });

  it("escapes XML in label and message", () => {
    const svg = renderBadgeSvg({ label: "a<b", message: `"x" & 'y'`, color: "red" });
    expect(svg).toContain("a&lt;b");
    expect(svg).toContain("&quot;x&quot; &amp; &apos;y&apos;");
    expect(svg).not.toMatch(/a<b|& '/);
  });

  it("measures wide letters wider than narrow ones, as Verdana does", () => {
    expect(verdanaWidth("mmmm")).toBeGreaterThan(verdanaWidth("iiii") * 3);
    expect(verdanaWidth("")).toBe(0);
  });
});

describe("publicStatusOf", () => {
  it("takes the worst vantage, combines transports and keeps only titles", () => {
    const status = publicStatusOf(
      [
        {
          startedAt: 1000,
          summary: summary("ok", {
            transports: { tls: { ok: true, ms: 40 }, tcp: { ok: true, ms: 20 } },
            certDaysLeft: 60,
          }),
        },
        {
          startedAt: 2000,
          summary: summary("critical", {
            transports: { tls: { ok: false, ms: null }, tcp: { ok: true, ms: 25 } },
            certDaysLeft: 59,
          }),
        },
        { startedAt: 3000, summary: summary("error") },
      ],
      [
        { severity: "critical", title: "TLS fails from enam" },
        { severity: "critical", title: "TLS fails from enam" },
        { severity: "info", title: "No IPv6" },
      ],
      { runs: 200, successes: 199 },
    );
    expect(status).toEqual<PublicStatus>({
      state: "down",
      transports: { tcp: "up", tls: "partial" },
      certDaysLeft: 59,
      findings: [{ severity: "critical", title: "TLS fails from enam" }],
      lastCheckedAt: 3000,
      availability: 0.995,
    });
  });

  it("is unknown before any report", () => {
    expect(publicStatusOf([], [], { runs: 0, successes: 0 })).toMatchObject({ state: "unknown", availability: null });
  });
});

describe("badgeOf", () => {
  const status: PublicStatus = {
    state: "degraded",
    transports: { tls: "down", tcp: "up" },
    certDaysLeft: 12,
    findings: [],
    lastCheckedAt: 0,
    availability: 0.99995,
  };

  it.each([
    { variant: { show: "status" as const }, expected: { label: "sip", message: "degraded", color: "yellow" } },
    {
      variant: { show: "transport" as const, transport: "tls" },
      expected: { label: "sip tls", message: "down", color: "red" },
    },
    {
      variant: { show: "transport" as const, transport: "wss" },
      expected: { label: "sip wss", message: "not probed", color: "lightgrey" },
    },
    { variant: { show: "cert" as const }, expected: { label: "certificate", message: "12 days", color: "orange" } },
    {
      variant: { show: "availability" as const },
      expected: { label: "availability 30d", message: "99.99%", color: "brightgreen" },
    },
  ])("$variant.show $expected.message", ({ variant, expected }) => {
    expect(badgeOf(status, variant)).toEqual(expected);
    expect(shieldsEndpoint(badgeOf(status, variant))).toEqual({ schemaVersion: 1, ...expected });
  });

  it("an expired certificate and a service without data", () => {
    expect(badgeOf({ ...status, certDaysLeft: -3 }, { show: "cert" }).message).toBe("expired");
    expect(badgeOf({ ...status, availability: null }, { show: "availability" }).message).toBe("no data");
    expect(badgeOf({ ...status, availability: 0.9 }, { show: "availability" })).toMatchObject({
      message: "90.0%",
      color: "orange",
    });
  });
});
