import { beforeAll, describe, expect, it } from "vitest";
import {
  AGENT_LAST_SEEN_RESOLUTION_MS,
  agentJobs,
  type Db,
  insertAgent,
  listAgents,
  ownedMonitorIds,
  revokeAgent,
  useAgentToken,
} from "../src/index";
import { monitor, NOW, organisation, testDb } from "./fixtures";

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await organisation(db, "org-b");
  await monitor(db, "org-a", "mon_a1");
  await monitor(db, "org-a", "mon_a2", { enabled: false });
  await monitor(db, "org-a", "mon_a3");
  await monitor(db, "org-b", "mon_b1");
  await insertAgent(db, { id: "agt_a", organisationId: "org-a", name: "office", tokenHash: "hash-a", createdAt: NOW });
  await insertAgent(db, { id: "agt_b", organisationId: "org-b", name: "lab", tokenHash: "hash-b", createdAt: NOW });
});

describe("agent queries", () => {
  it("lists only the organisation's agents", async () => {
    expect((await listAgents(db, "org-a")).map((a) => a.id)).toEqual(["agt_a"]);
  });

  it("knows a live token, notes when it was seen at most once a minute, and at once on a new version", async () => {
    const first = await useAgentToken(db, "hash-a", { now: NOW, version: "0.1.0" });
    expect(first).toMatchObject({ id: "agt_a", organisationId: "org-a", lastSeenAt: NOW, version: "0.1.0" });
    const soon = await useAgentToken(db, "hash-a", { now: NOW + 1000, version: "0.1.0" });
    expect(soon?.lastSeenAt).toBe(NOW);
    const upgraded = await useAgentToken(db, "hash-a", { now: NOW + 2000, version: "0.2.0" });
    expect(upgraded).toMatchObject({ lastSeenAt: NOW + 2000, version: "0.2.0" });
    const later = await useAgentToken(db, "hash-a", { now: NOW + 2000 + AGENT_LAST_SEEN_RESOLUTION_MS, version: null });
    expect(later).toMatchObject({ lastSeenAt: NOW + 2000 + AGENT_LAST_SEEN_RESOLUTION_MS, version: "0.2.0" });
    expect(await useAgentToken(db, "no-such-hash", { now: NOW, version: null })).toBeNull();
  });

  it("pages the organisation's enabled monitors as jobs", async () => {
    const first = await agentJobs(db, "org-a", { limit: 1 });
    expect(first).toMatchObject({ jobs: [{ id: "mon_a1", target: "mon_a1.sipwatch.test" }], nextCursor: "mon_a1" });
    const rest = await agentJobs(db, "org-a", { limit: 5, after: "mon_a1" });
    expect(rest).toMatchObject({ jobs: [{ id: "mon_a3" }], nextCursor: null });
  });

  it("says which monitor ids the organisation owns", async () => {
    expect(await ownedMonitorIds(db, "org-a", ["mon_a1", "mon_b1", "mon_none"])).toEqual(new Set(["mon_a1"]));
  });

  it("revokes only the organisation's live agent, whose token then stops working", async () => {
    expect(await revokeAgent(db, "org-a", "agt_b", NOW)).toBe(false);
    expect(await useAgentToken(db, "hash-b", { now: NOW, version: null })).not.toBeNull();
    expect(await revokeAgent(db, "org-b", "agt_b", NOW)).toBe(true);
    expect(await revokeAgent(db, "org-b", "agt_b", NOW)).toBe(false);
    expect(await useAgentToken(db, "hash-b", { now: NOW, version: null })).toBeNull();
    // Revoked agents stay listed: their runs stay in the history.
    expect(await listAgents(db, "org-b")).toMatchObject([{ id: "agt_b", revokedAt: NOW }]);
  });
});
