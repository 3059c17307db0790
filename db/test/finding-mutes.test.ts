import { beforeAll, describe, expect, it } from "vitest";
import {
  countMutesInForce,
  type Db,
  endFindingMute,
  type FindingMuteRow,
  findingMutesOfMonitor,
  insertFindingMute,
  mutesInForceOf,
} from "../src/index";
import { incidentEvents, incidents } from "../src/schema/index";
import { monitor, NOW, organisation, testDb } from "./fixtures";

const MIN = 60_000;
let db: Db;

const mute = (id: string, over: Partial<FindingMuteRow> = {}): FindingMuteRow => ({
  id,
  organisationId: "org-a",
  monitorId: "mon_a1",
  findingId: "tls.cert.expired",
  subject: "sip1.example.com",
  reason: "renewal booked",
  createdBy: "usr_org-a",
  createdAt: NOW,
  expiresAt: null,
  endedAt: null,
  endedBy: null,
  ...over,
});

const incident = (id: string, monitorId: string, status: "open" | "resolved") => ({
  id,
  organisationId: "org-a",
  monitorId,
  status,
  title: "down",
  findings: [],
  vantageIds: [],
  openedAt: NOW - 10 * MIN,
  updatedAt: NOW - 10 * MIN,
});

const eventsOf = async (incidentId: string) =>
  (await db.select().from(incidentEvents))
    .filter((e) => e.incidentId === incidentId)
    .map((e) => [e.kind, e.author, e.body]);

beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await monitor(db, "org-a", "mon_a1");
  await monitor(db, "org-a", "mon_a2");
  await monitor(db, "org-a", "mon_a3");
  await db
    .insert(incidents)
    .values([incident("inc_open", "mon_a1", "open"), incident("inc_old", "mon_a2", "resolved")]);
});

describe("finding mutes", () => {
  it("are listed newest first with the name of who created and ended them", async () => {
    await insertFindingMute(db, mute("mut_1"));
    await insertFindingMute(db, mute("mut_2", { subject: null, createdAt: NOW + MIN, expiresAt: NOW + 60 * MIN }));
    expect(await endFindingMute(db, "mon_a1", "mut_1", "usr_org-a", NOW + 2 * MIN)).toMatchObject({
      ended: { id: "mut_1", endedAt: NOW + 2 * MIN },
    });
    const rows = await findingMutesOfMonitor(db, "mon_a1");
    expect(rows.map((r) => [r.id, r.createdByName, r.endedByName])).toEqual([
      ["mut_2", "org-a", null],
      ["mut_1", "org-a", "org-a"],
    ]);
  });

  it("append muted and unmuted events to the monitor's incident that is not resolved", async () => {
    expect(await eventsOf("inc_open")).toEqual([
      ["muted", "usr_org-a", "tls.cert.expired sip1.example.com until ended: renewal booked"],
      [
        "muted",
        "usr_org-a",
        `tls.cert.expired (every subject) until ${new Date(NOW + 60 * MIN).toISOString()}: renewal booked`,
      ],
      ["unmuted", "usr_org-a", "tls.cert.expired sip1.example.com"],
    ]);
  });

  it("leave a resolved incident's timeline alone", async () => {
    await insertFindingMute(db, mute("mut_3", { monitorId: "mon_a2" }));
    expect(await eventsOf("inc_old")).toEqual([]);
  });

  it("ending twice or after expiry says it is over, without a second event; another monitor's is not found", async () => {
    expect(await endFindingMute(db, "mon_a1", "mut_1", "usr_org-a", NOW + 3 * MIN)).toMatchObject({
      alreadyOver: { id: "mut_1" },
    });
    expect(await endFindingMute(db, "mon_a1", "mut_2", "usr_org-a", NOW + 60 * MIN)).toMatchObject({
      alreadyOver: { id: "mut_2" },
    });
    expect(await endFindingMute(db, "mon_a3", "mut_2", "usr_org-a", NOW)).toEqual({ notFound: true });
    expect((await eventsOf("inc_open")).filter(([kind]) => kind === "unmuted")).toHaveLength(1);
  });

  it("in force: not ended and not expired, per monitor, in one read", async () => {
    const at = NOW + 30 * MIN;
    const byMonitor = await mutesInForceOf(db, ["mon_a1", "mon_a2", "mon_a3"], at);
    expect(byMonitor.get("mon_a1")?.map((m) => m.id)).toEqual(["mut_2"]);
    expect(byMonitor.get("mon_a2")?.map((m) => m.id)).toEqual(["mut_3"]);
    expect(byMonitor.has("mon_a3")).toBe(false);
    expect(await countMutesInForce(db, "mon_a1", at)).toBe(1);
    expect(await countMutesInForce(db, "mon_a1", NOW + 60 * MIN)).toBe(0);
  });
});
