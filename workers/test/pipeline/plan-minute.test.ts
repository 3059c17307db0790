import { phaseDueIn } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { JOBS_PER_BATCH, planMinute } from "../../src/scheduled/plan-minute";

const monitor = (id: string, regions: string[]) => ({
  id,
  organisationId: "org",
  target: `${id}.example.com`,
  expectedTransports: ["tls" as const],
  regions,
  intervalMinutes: 1,
  thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 800, certExpiryDays: 14 },
  alertPolicy: null,
});

describe("planMinute", () => {
  it("fans monitors out to their regions in shards of at most JOBS_PER_BATCH jobs", () => {
    const fleet = Array.from({ length: 45 }, (_, i) => monitor(`m${i}`, i < 5 ? ["weur", "apac"] : ["weur"]));
    const batches = planMinute(fleet, new Map([["m0 region:weur", "hash0"]]), { defaultRegions: ["weur"] });
    expect(batches.map((b) => `${b.region}:${b.shard}=${b.jobs.length}`)).toEqual([
      "weur:0=20",
      "weur:1=20",
      "weur:2=5",
      "apac:0=5",
    ]);
    expect(batches.every((b) => b.jobs.length <= JOBS_PER_BATCH)).toBe(true);
    expect(batches[0]?.jobs[0]).toEqual({
      monitorId: "m0",
      vantageId: "region:weur",
      target: "m0.example.com",
      slowMs: 800,
      knownSnapshotHash: "hash0",
    });
  });

  it("uses the default regions when a monitor names none, and ignores unknown ones", () => {
    const batches = planMinute([monitor("a", []), monitor("b", ["mars", "enam"])], new Map(), {
      defaultRegions: ["weur", "enam"],
    });
    expect(batches.flatMap((b) => b.jobs.map((j) => `${j.monitorId} ${j.vantageId}`)).sort()).toEqual([
      "a region:enam",
      "a region:weur",
      "b region:enam",
    ]);
  });
});

describe("phaseDueIn", () => {
  it.each([
    { minute: 0, interval: 5, phase: 0 },
    { minute: 1, interval: 5, phase: 4 },
    { minute: 29_922_390, interval: 60, phase: 30 },
    { minute: 7, interval: 1, phase: 0 },
  ])("a monitor every $interval min is due in minute $minute with phase $phase", ({ minute, interval, phase }) => {
    expect(phaseDueIn(minute, interval)).toBe(phase);
    expect((minute + phase) % interval).toBe(0);
  });
});
