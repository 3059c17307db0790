import { beforeAll, describe, expect, it } from "vitest";
import { api, type SignedUp, signedUpWithToken } from "./accounts";

/** Organisation A owns a monitor; B (a separate sign-up) must not learn it exists. */
let a: SignedUp & { token: string };
let b: SignedUp & { token: string };
let monitorOfA: string;

beforeAll(async () => {
  a = await signedUpWithToken("Alpha");
  b = await signedUpWithToken("Bravo");
  const created = await api("/monitors", { method: "POST", as: a, body: { name: "A's PBX", target: "a.example.com" } });
  monitorOfA = ((await created.json()) as { id: string }).id;
});

async function expectNotFound(response: Response) {
  expect(response.status).toBe(404);
  const problem = (await response.json()) as { code: string; detail: string };
  expect(problem.code).toBe("not_found");
  return problem.detail;
}

describe("organisation isolation", () => {
  it("answers B's read, patch and delete of A's monitor exactly like a missing monitor", async () => {
    for (const as of [{ cookie: b.cookie }, { token: b.token }]) {
      const missing = await expectNotFound(await api("/monitors/mon_doesnotexist", { as }));
      expect(missing).toBe("No monitor mon_doesnotexist");
      expect(await expectNotFound(await api(`/monitors/${monitorOfA}`, { as }))).toBe(`No monitor ${monitorOfA}`);
      await expectNotFound(await api(`/monitors/${monitorOfA}`, { method: "PATCH", as, body: { name: "mine now" } }));
      await expectNotFound(await api(`/monitors/${monitorOfA}`, { method: "DELETE", as }));
    }
    const untouched = await api(`/monitors/${monitorOfA}`, { as: { token: a.token } });
    expect(await untouched.json()).toMatchObject({ name: "A's PBX" });
  });

  it("never lists A's monitors to B's session or token", async () => {
    for (const as of [{ cookie: b.cookie }, { token: b.token }]) {
      const list = (await (await api("/monitors", { as })).json()) as { monitors: unknown[] };
      expect(list.monitors).toEqual([]);
    }
    const own = (await (await api("/monitors", { as: { token: a.token } })).json()) as {
      monitors: Array<{ id: string }>;
    };
    expect(own.monitors.map((m) => m.id)).toEqual([monitorOfA]);
  });
});
