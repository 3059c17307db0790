import { describe, expect, it } from "vitest";
import { type OutcomeInput, outcomeHash, outcomeKey } from "./outcome-key";
import { failedRunSummary } from "./summarise-run";
import type { RunSummary } from "./types";

const summary = (patch: Partial<RunSummary> = {}): RunSummary => ({
  ...failedRunSummary("x"),
  status: "ok",
  error: undefined,
  transports: { tls: { ok: true, ms: 40 }, tcp: { ok: true, ms: 30 } },
  profiles: [
    { profile: "rfc3263", final: "tls sip1.example.com:5061", delayed: false },
    { profile: "srv-only", final: "tls sip1.example.com:5061", delayed: false },
  ],
  ...patch,
});
const base: OutcomeInput = {
  summary: summary(),
  findings: [{ id: "tls.cert.expiring", subject: "sip1", severity: "warning" }],
  recordSetsHash: "abc",
};
const key = (patch: Partial<OutcomeInput>) => outcomeKey({ ...base, ...patch });

describe("outcomeKey", () => {
  it.each([
    ["round trips", { summary: summary({ transports: { tls: { ok: true, ms: 99 }, tcp: { ok: true, ms: 1 } } }) }],
    ["transport order", { summary: summary({ transports: { tcp: { ok: true, ms: 30 }, tls: { ok: true, ms: 40 } } }) }],
    ["profile order", { summary: summary({ profiles: [...summary().profiles].reverse() }) }],
    ["certificate days", { summary: summary({ certDaysLeft: 3 }) }],
    ["finding order and repeats", { findings: [...base.findings, ...base.findings] }],
  ])("ignores %s", (_, patch) => {
    expect(key(patch)).toBe(outcomeKey(base));
  });

  it.each([
    ["status", { summary: summary({ status: "warning" }) }],
    [
      "a transport's reachability",
      { summary: summary({ transports: { tls: { ok: false, ms: null }, tcp: { ok: true, ms: 30 } } }) },
    ],
    [
      "a profile's final target",
      { summary: summary({ profiles: [{ profile: "rfc3263", final: null, delayed: false }] }) },
    ],
    [
      "a profile's delay",
      { summary: summary({ profiles: [{ profile: "rfc3263", final: "tls sip1.example.com:5061", delayed: true }] }) },
    ],
    [
      "a finding opening",
      { findings: [...base.findings, { id: "dns.address.no-ipv6" as const, subject: "a", severity: "info" as const }] },
    ],
    [
      "a finding's severity",
      { findings: [{ ...base.findings[0], severity: "critical" as const }] as OutcomeInput["findings"] },
    ],
    ["the DNS answers", { recordSetsHash: "def" }],
  ])("changes with %s", (_, patch) => {
    expect(key(patch as Partial<OutcomeInput>)).not.toBe(outcomeKey(base));
  });

  it("an error run is the same outcome whatever findings it carried", () => {
    const error = failedRunSummary("resolver down");
    expect(key({ summary: error, findings: [] })).toBe(key({ summary: error }));
  });
});

describe("outcomeHash", () => {
  it("is stable, short and different for different keys", () => {
    expect(outcomeHash("a")).toBe(outcomeHash("a"));
    expect(outcomeHash("a")).toMatch(/^[0-9a-f]{14}$/);
    const hashes = new Set(Array.from({ length: 5000 }, (_, i) => outcomeHash(`key ${i}`)));
    expect(hashes.size).toBe(5000);
  });
});
