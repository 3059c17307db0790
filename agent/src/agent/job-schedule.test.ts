import { describe, expect, it } from "vitest";
import { JobSchedule, slotAtOrAfter } from "./job-schedule";
import type { AgentJob } from "./protocol";

const MIN = 60_000;
const job = (intervalMinutes: number, phaseMinutes = 0, monitorId = "mon_a"): AgentJob => ({
  monitorId,
  target: "example.com",
  expectedTransports: [],
  slowMs: 1000,
  intervalSeconds: intervalMinutes * 60,
  phaseSeconds: phaseMinutes * 60,
});

describe("slotAtOrAfter", () => {
  it.each([
    // (minute + phase) % interval == 0, as the edge's dispatcher picks minutes (db schedule.ts).
    { t: 0, interval: 5, phase: 0, slot: 0 },
    { t: 1, interval: 5, phase: 0, slot: 5 },
    { t: 6, interval: 5, phase: 2, slot: 8 },
    { t: 8, interval: 5, phase: 2, slot: 8 },
    { t: 61, interval: 60, phase: 59, slot: 61 },
  ])("minute $t, every $interval with phase $phase -> minute $slot", ({ t, interval, phase, slot }) => {
    expect(slotAtOrAfter(t * MIN, interval * MIN, phase * MIN)).toBe(slot * MIN);
    expect((slot + phase) % interval).toBe(0);
  });
});

describe("JobSchedule", () => {
  it("runs a new job at once, then not before a whole interval has passed, in the edge's slots", () => {
    const schedule = new JobSchedule(MIN);
    const hourly = job(60, 20);
    expect(schedule.due([hourly], 1_000)).toEqual([hourly]);
    // Started at minute 30: that run stands for minute 40 (40 + 20 = 60), so the next is at 100.
    schedule.ran(hourly, 30 * MIN);
    expect(schedule.dueAt(hourly)).toBe(100 * MIN);
    expect(schedule.due([hourly], 99 * MIN)).toEqual([]);
    expect(schedule.due([hourly], 100 * MIN)).toEqual([hourly]);
    // A little late (the agent woke 3 s after the slot): the next slot stays on the grid.
    schedule.ran(hourly, 100 * MIN + 3_000);
    expect(schedule.dueAt(hourly)).toBe(160 * MIN);
  });

  it("runs once after sleeping through several slots, not once per missed slot", () => {
    const schedule = new JobSchedule(MIN);
    const every5 = job(5);
    schedule.ran(every5, 0);
    schedule.ran(every5, 23 * MIN);
    expect(schedule.dueAt(every5)).toBe(25 * MIN);
    expect(schedule.due([every5], 24 * MIN)).toEqual([]);
  });

  it("follows a changed interval from the last run, and forgets monitors no longer assigned", () => {
    const schedule = new JobSchedule(MIN);
    schedule.ran(job(5), 0);
    expect(schedule.dueAt(job(15))).toBe(15 * MIN);
    schedule.keepOnly([job(5, 0, "mon_other")]);
    expect(schedule.dueAt(job(5))).toBe(0);
  });

  it("holds a server's zero or tiny interval to the floor, so the agent cannot spin", () => {
    const schedule = new JobSchedule(MIN);
    const silly = { ...job(1), intervalSeconds: 0.001 };
    schedule.ran(silly, 0);
    expect(schedule.dueAt(silly)).toBe(MIN);
  });

  it("says when the next job is due, and Infinity with none", () => {
    const schedule = new JobSchedule(MIN);
    const a = job(5, 0, "mon_a");
    const b = job(1, 0, "mon_b");
    schedule.ran(a, 0);
    schedule.ran(b, 0);
    expect(schedule.nextDueAt([a, b])).toBe(MIN);
    expect(schedule.nextDueAt([])).toBe(Number.POSITIVE_INFINITY);
  });
});
