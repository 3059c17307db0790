import { describe, expect, it } from "vitest";
import { api, signedUpWithToken } from "../api/accounts";
import { asAgent, createAgent } from "./agent-fixtures";

interface Job {
  monitorId: string;
  target: string;
  intervalSeconds: number;
  phaseSeconds: number;
}
interface JobsPage {
  jobs: Job[];
  intervalSeconds: number;
  nextCursor: string | null;
}

async function monitor(as: { token: string }, target: string, body: Record<string, unknown> = {}) {
  const response = await api("/monitors", { method: "POST", as, body: { name: target, target, ...body } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; intervalMinutes: number; phaseMinute: number };
}

const page = async (token: string, query: string) => {
  const response = await asAgent(token, `/agent/jobs${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as JobsPage;
};

describe("GET /agent/jobs, a page at a time", () => {
  it("pages through every enabled monitor once, each with its interval and phase in seconds", async () => {
    const user = await signedUpWithToken();
    const created = [];
    for (const [i, interval] of [1, 5, 15, 60, 5].entries()) {
      created.push(await monitor(user, `pbx${i}.example.com`, { intervalMinutes: interval }));
    }
    await monitor(user, "off.example.com", { enabled: false });
    const agent = await createAgent(user);

    const seen: Job[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const answer: JobsPage = await page(agent.token, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(answer.jobs.length).toBeLessThanOrEqual(2);
      expect(answer.intervalSeconds).toBe(60);
      seen.push(...answer.jobs);
      cursor = answer.nextCursor;
      cursors.push(cursor);
    } while (cursor !== null);

    expect(cursors).toHaveLength(3);
    expect(seen.map((j) => j.monitorId)).toEqual(created.map((m) => m.id).sort());
    for (const m of created) {
      expect(seen.find((j) => j.monitorId === m.id)).toMatchObject({
        intervalSeconds: m.intervalMinutes * 60,
        phaseSeconds: m.phaseMinute * 60,
      });
    }
    expect(seen.some((j) => j.target === "off.example.com")).toBe(false);
  });

  it("answers a whole small fleet in one page by default, and bounds the page size", async () => {
    const user = await signedUpWithToken();
    await monitor(user, "a.example.com");
    await monitor(user, "b.example.com");
    const agent = await createAgent(user);
    const all = await page(agent.token, "");
    expect(all.jobs).toHaveLength(2);
    expect(all.nextCursor).toBeNull();

    for (const limit of ["0", "501", "ten"]) {
      const refused = await asAgent(agent.token, `/agent/jobs?limit=${limit}`);
      expect(refused.status, `limit=${limit}`).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "validation_failed", errors: [{ field: "limit" }] });
    }
    expect((await page(agent.token, "?limit=500")).jobs).toHaveLength(2);
  });

  it("answers a cursor it never gave with a 400 that says what to pass", async () => {
    const user = await signedUpWithToken();
    await monitor(user, "a.example.com");
    const agent = await createAgent(user);
    const refused = await asAgent(agent.token, "/agent/jobs?cursor=%27%20OR%201%3D1--");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ field: "cursor", message: "is not a jobs cursor: pass nextCursor from the previous page" }],
    });
  });

  it("never pages into another organisation's monitors", async () => {
    const mine = await signedUpWithToken();
    const theirs = await signedUpWithToken();
    const own = await monitor(mine, "mine.example.com");
    await monitor(theirs, "theirs.example.com");
    const agent = await createAgent(mine);
    const first = await page(agent.token, "?limit=1");
    expect(first.jobs.map((j) => j.monitorId)).toEqual([own.id]);
    // A page ends where the organisation's monitors end, not where the table does.
    expect(first.nextCursor).toBeNull();
    const after = await page(agent.token, `?limit=1&cursor=${own.id}`);
    expect(after).toEqual({ jobs: [], intervalSeconds: 60, nextCursor: null });
  });
});
