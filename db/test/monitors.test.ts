import { beforeAll, describe, expect, it } from "vitest";
import {
  alertSettingsOf,
  countMonitors,
  type Db,
  deleteMonitorLater,
  findMonitor,
  insertMonitor,
  listMemberships,
  listMonitors,
  pendingPurges,
  phaseMinuteFor,
  updateMonitor,
} from "../src/index";
import { monitor, monitorInput, organisation, testDb } from "./fixtures";

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await organisation(db, "org-b");
  for (const id of ["mon_a1", "mon_a2", "mon_a3"]) await monitor(db, "org-a", id);
  await monitor(db, "org-b", "mon_b1", { slug: "shared" });
});

describe("monitor queries", () => {
  it("count, list and find only the organisation's own monitors", async () => {
    expect(await countMonitors(db, "org-a")).toBe(3);
    expect(await countMonitors(db, "org-b")).toBe(1);
    expect(await findMonitor(db, "org-a", "mon_b1")).toBeNull();
    expect((await findMonitor(db, "org-b", "mon_b1"))?.target).toBe("mon_b1.sipwatch.test");
    const { monitors } = await listMonitors(db, "org-a", { limit: 10 });
    expect(monitors.map((m) => m.id)).toEqual(["mon_a1", "mon_a2", "mon_a3"]);
  });

  it("pages in id order with a cursor that ends on the last page", async () => {
    const first = await listMonitors(db, "org-a", { limit: 2 });
    expect(first.monitors.map((m) => m.id)).toEqual(["mon_a1", "mon_a2"]);
    expect(first.nextCursor).toBe("mon_a2");
    const second = await listMonitors(db, "org-a", { limit: 2, after: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ monitors: [{ id: "mon_a3" }], nextCursor: null });
  });

  it("stores the JSON columns and the phase derived from the id", async () => {
    const row = await findMonitor(db, "org-a", "mon_a1");
    expect(row).toMatchObject({
      expectedTransports: ["udp", "tls"],
      regions: ["weur", "enam"],
      thresholds: { slowMs: 1000 },
      phaseMinute: phaseMinuteFor("mon_a1", 5),
      enabled: true,
      isPublic: false,
    });
  });

  it("refuses a slug taken in the organisation, or by a public monitor, but not another's private slug", async () => {
    expect(await insertMonitor(db, monitorInput("org-a", "mon_dup", { slug: "mon_a1" }))).toEqual({
      ok: false,
      reason: "slug_taken",
    });
    // org-b holds "shared" privately: org-a may use it, and learns nothing.
    const mine = await insertMonitor(db, monitorInput("org-a", "mon_shared", { slug: "shared", isPublic: true }));
    expect(mine.ok).toBe(true);
    const other = await findMonitor(db, "org-b", "mon_b1");
    if (!other) throw new Error("mon_b1 is gone");
    // Now that org-a's "shared" is public, org-b cannot make its own public too.
    expect(await updateMonitor(db, other, { isPublic: true })).toEqual({ ok: false, reason: "slug_taken" });
    await deleteMonitorLater(db, "org-a", "mon_shared", [], Date.now());
  });

  it("updates within the organisation and moves the phase only with the interval", async () => {
    const current = await findMonitor(db, "org-a", "mon_a2");
    if (!current) throw new Error("mon_a2 is gone");
    const renamed = await updateMonitor(db, current, { name: "renamed" });
    expect(renamed).toMatchObject({ ok: true, monitor: { name: "renamed", phaseMinute: current.phaseMinute } });
    const hourly = await updateMonitor(db, current, { intervalMinutes: 60 });
    expect(hourly).toMatchObject({ ok: true, monitor: { phaseMinute: phaseMinuteFor("mon_a2", 60) } });
  });

  it("gives alert settings and deletes only for the owning organisation", async () => {
    const settings = await alertSettingsOf(db, "org-a", ["mon_a1", "mon_b1", "mon_a1"]);
    expect(settings.map((s) => s.id)).toEqual(["mon_a1"]);
    expect(await deleteMonitorLater(db, "org-a", "mon_b1", ["HISTORY_1"], 1)).toBe(false);
    expect(await findMonitor(db, "org-b", "mon_b1")).not.toBeNull();
    expect(await deleteMonitorLater(db, "org-a", "mon_a3", ["HISTORY_1", "HISTORY_2"], 1)).toBe(true);
    expect(await findMonitor(db, "org-a", "mon_a3")).toBeNull();
    // Its history, on the shard and the one it moves to, is queued; the refused delete queued none.
    expect(await pendingPurges(db, "HISTORY_1")).toBe(1);
    expect(await pendingPurges(db, "HISTORY_2")).toBe(1);
  });

  it("lists a user's memberships with the owner role", async () => {
    expect(await listMemberships(db, "usr_org-a")).toMatchObject([{ id: "org-a", role: "owner" }]);
  });
});
