import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, ORIGIN, type SignedUp, signUp } from "./accounts";

let user: SignedUp;
beforeAll(async () => {
  user = await signUp();
});

const VALID = { name: "PBX", target: "example.com" };

async function rejected(body: unknown, method = "POST", path = "/monitors") {
  const response = await api(path, { method, as: user, body });
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const problem = (await response.json()) as { code: string; errors: Array<{ field: string; message: string }> };
  expect(problem.code).toBe("validation_failed");
  return problem.errors.map((e) => e.field);
}

describe("monitor validation", () => {
  it.each([
    ["a target that is not a SIP URI or domain", { ...VALID, target: "http://example.com" }, "target"],
    ["a target with a bad port", { ...VALID, target: "sip:example.com:99999" }, "target"],
    ["an interval the scheduler does not run", { ...VALID, intervalMinutes: 7 }, "intervalMinutes"],
    ["an unknown region", { ...VALID, regions: ["weur", "mars"] }, "regions.1"],
    ["an unknown transport", { ...VALID, expectedTransports: ["sctp"] }, "expectedTransports.0"],
    ["a repeated region", { ...VALID, regions: ["weur", "weur"] }, "regions"],
    ["a public monitor without a slug", { ...VALID, isPublic: true }, "slug"],
    ["a slug with capitals", { ...VALID, isPublic: true, slug: "Acme" }, "slug"],
    ["a threshold out of bounds", { ...VALID, thresholds: { slowMs: 5 } }, "thresholds.slowMs"],
    ["no name", { target: "example.com" }, "name"],
  ])("rejects %s", async (_, body, field) => {
    expect(await rejected(body)).toContain(field);
  });

  it("checks a patch against the monitor it produces", async () => {
    const created = await api("/monitors", { method: "POST", as: user, body: VALID });
    const { id } = (await created.json()) as { id: string };
    expect(await rejected({ isPublic: true }, "PATCH", `/monitors/${id}`)).toEqual(["slug"]);
    expect(await rejected({ target: "sip:" }, "PATCH", `/monitors/${id}`)).toEqual(["target"]);
    expect(await rejected({ intervalMinutes: 0 }, "PATCH", `/monitors/${id}`)).toEqual(["intervalMinutes"]);
  });

  it("rejects a body that is not JSON, or no body, as a 400 problem", async () => {
    for (const body of ["{not json", undefined]) {
      const response = await SELF.fetch(`${ORIGIN}/api/v1/monitors`, {
        method: "POST",
        headers: { cookie: user.cookie, "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "validation_failed", errors: [expect.any(Object)] });
    }
  });

  it("refuses a body that is not declared as JSON with a 415 problem", async () => {
    const response = await SELF.fetch(`${ORIGIN}/api/v1/monitors`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: ORIGIN, "content-type": "text/plain" },
      body: JSON.stringify(VALID),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ status: 415, code: "bad_request" });
  });
});
