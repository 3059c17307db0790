import type { AlertAction } from "@sipwatch/core";
import { INITIAL_ALERT_STATE } from "@sipwatch/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  alertRoundStatements,
  alertStatesOf,
  channelsById,
  channelsOfOrganisation,
  claimDueDeliveries,
  type Db,
  deleteChannel,
  deliveriesOfChannel,
  enabledChannelsOf,
  findChannel,
  insertChannel,
  markAttemptFailed,
  markDelivered,
  updateChannel,
} from "../src/index";
import { monitor, NOW, organisation, testDb } from "./fixtures";

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await organisation(db, "org-b");
  await monitor(db, "org-a", "mon_a1");
  const slack = { type: "slack", webhookUrl: "https://hooks.slack.test/a" } as const;
  await insertChannel(db, {
    id: "ch_a1",
    organisationId: "org-a",
    type: "slack",
    name: "ops",
    config: slack,
    createdAt: NOW,
  });
  await insertChannel(db, {
    id: "ch_a2",
    organisationId: "org-a",
    type: "email",
    name: "off",
    config: { type: "email", to: ["ops@sipwatch.test"] },
    enabled: false,
    createdAt: NOW + 1,
  });
  await insertChannel(db, {
    id: "ch_b1",
    organisationId: "org-b",
    type: "slack",
    name: "b",
    config: slack,
    createdAt: NOW,
  });
});

const opened = (key: string): AlertAction => ({
  kind: "opened",
  monitorId: "mon_a1",
  key,
  at: NOW,
  since: NOW,
  findings: [],
  failingVantages: ["weur"],
});

describe("alert channel queries", () => {
  it("list, find and change only the organisation's channels", async () => {
    expect((await channelsOfOrganisation(db, "org-a")).map((c) => c.id)).toEqual(["ch_a1", "ch_a2"]);
    expect(await findChannel(db, "org-a", "ch_b1")).toBeNull();
    expect((await findChannel(db, "org-b", "ch_b1"))?.config).toEqual({
      type: "slack",
      webhookUrl: "https://hooks.slack.test/a",
    });
    expect(await deleteChannel(db, "org-a", "ch_b1")).toBe(false);
    const current = await findChannel(db, "org-a", "ch_a1");
    if (!current) throw new Error("ch_a1 is gone");
    expect(await updateChannel(db, current, { name: "on call" })).toMatchObject({ id: "ch_a1", name: "on call" });
  });

  it("gives each organisation's enabled channels, and any channel by id for the deliverer", async () => {
    const enabled = await enabledChannelsOf(db, ["org-a", "org-b"]);
    expect(enabled.get("org-a")?.map((c) => c.id)).toEqual(["ch_a1"]);
    expect(enabled.get("org-b")?.map((c) => c.id)).toEqual(["ch_b1"]);
    expect([...(await channelsById(db, ["ch_a2", "ch_b1", "ch_none"])).keys()].sort()).toEqual(["ch_a2", "ch_b1"]);
  });
});

describe("alert state and outbox queries", () => {
  it("stores states and actions in one batch, and an action enqueued twice once", async () => {
    const enqueued = [{ organisationId: "org-a", monitorId: "mon_a1", channelId: "ch_a1", action: opened("open-1") }];
    const state = { ...INITIAL_ALERT_STATE, open: true, openedAt: NOW };
    const [first, ...more] = alertRoundStatements(db, [{ monitorId: "mon_a1", state }], enqueued, NOW);
    if (!first) throw new Error("no statements");
    await db.batch([first, ...more]);
    const [again, ...rest] = alertRoundStatements(db, [{ monitorId: "mon_a1", state }], enqueued, NOW + 1);
    if (!again) throw new Error("no statements");
    await db.batch([again, ...rest]);
    expect((await alertStatesOf(db, ["mon_a1", "mon_none"])).get("mon_a1")).toEqual(state);
    expect(await deliveriesOfChannel(db, "ch_a1")).toMatchObject([{ status: "pending", attempts: 0 }]);
  });

  it("claims a due delivery once per lease, retries a failure, and marks it delivered", async () => {
    const [claimed, ...others] = await claimDueDeliveries(db, NOW, 10, 30_000);
    expect(others).toEqual([]);
    expect(claimed).toMatchObject({ channelId: "ch_a1", attempts: 1, nextAttemptAt: NOW + 30_000 });
    if (!claimed) throw new Error("nothing claimed");
    expect(await claimDueDeliveries(db, NOW + 1000, 10, 30_000)).toEqual([]);

    await markAttemptFailed(db, claimed.id, "HTTP 500", NOW + 5000);
    expect(await claimDueDeliveries(db, NOW + 4999, 10, 30_000)).toEqual([]);
    const [retried] = await claimDueDeliveries(db, NOW + 5000, 10, 30_000);
    expect(retried).toMatchObject({ id: claimed.id, attempts: 2, lastError: "HTTP 500" });

    await markDelivered(db, claimed.id, NOW + 6000);
    expect(await deliveriesOfChannel(db, "ch_a1")).toMatchObject([
      { status: "delivered", deliveredAt: NOW + 6000, lastError: null },
    ]);
    expect(await claimDueDeliveries(db, NOW + 3_600_000, 10, 30_000)).toEqual([]);
  });

  it("deletes a channel with its deliveries", async () => {
    expect(await deleteChannel(db, "org-a", "ch_a1")).toBe(true);
    expect(await deliveriesOfChannel(db, "ch_a1")).toEqual([]);
  });
});
