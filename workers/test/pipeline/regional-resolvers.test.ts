import { describe, expect, it } from "vitest";
import type { AuditSettings } from "../../src/probing/audit-job";
import { settingsForRegion } from "../../src/probing/audit-settings";

const settings: AuditSettings = {
  dohEndpoints: ["https://a.example/dns-query", "https://b.example/dns-query"],
  extraCaPems: [],
  allowLoopback: false,
  probeTimeoutMs: 5000,
  deadlineMs: 20_000,
};

describe("each region asks a different public resolver first", () => {
  it("gives the default regions different first resolvers and keeps the rest as fallbacks", () => {
    const weur = settingsForRegion(settings, "weur").dohEndpoints;
    const enam = settingsForRegion(settings, "enam").dohEndpoints;
    expect(weur).toEqual(["https://a.example/dns-query", "https://b.example/dns-query"]);
    expect(enam).toEqual(["https://b.example/dns-query", "https://a.example/dns-query"]);
  });

  it("leaves a single resolver and unknown regions alone", () => {
    const one = { ...settings, dohEndpoints: ["https://a.example/dns-query"] };
    expect(settingsForRegion(one, "enam")).toBe(one);
    expect(settingsForRegion(settings, "mars")).toBe(settings);
  });
});
