import { describe, expect, it } from "vitest";
import { parseJobsPage } from "./protocol";

const job = { monitorId: "mon_a", target: "example.com", expectedTransports: ["tls"], slowMs: 500 };

describe("parseJobsPage", () => {
  it("takes each job's interval and phase, and the cursor to the next page", () => {
    const page = parseJobsPage({
      jobs: [{ ...job, intervalSeconds: 300, phaseSeconds: 120 }],
      intervalSeconds: 60,
      nextCursor: "mon_a",
    });
    expect(page).toEqual({
      ok: true,
      value: { jobs: [{ ...job, intervalSeconds: 300, phaseSeconds: 120 }], intervalSeconds: 60, nextCursor: "mon_a" },
    });
  });

  it("gives a job from a server that predates intervals the poll interval, and ends the list without a cursor", () => {
    const page = parseJobsPage({ jobs: [job], intervalSeconds: 120 });
    expect(page).toEqual({
      ok: true,
      value: { jobs: [{ ...job, intervalSeconds: 120, phaseSeconds: 0 }], intervalSeconds: 120, nextCursor: null },
    });
  });

  it.each([
    ["an interval of zero", { jobs: [{ ...job, intervalSeconds: 0 }] }, /^jobs\.0\.intervalSeconds: /],
    ["a negative interval", { jobs: [{ ...job, intervalSeconds: -60 }] }, /jobs\.0\.intervalSeconds/],
    ["an interval that is text", { jobs: [{ ...job, intervalSeconds: "60" }] }, /jobs\.0\.intervalSeconds/],
    ["a phase that is not a number", { jobs: [{ ...job, phaseSeconds: null }] }, /jobs\.0\.phaseSeconds/],
    [
      "a transport sipwatch does not probe",
      { jobs: [{ ...job, expectedTransports: ["carrier-pigeon"] }] },
      /expectedTransports/,
    ],
    ["a cursor that is a number", { jobs: [job], nextCursor: 7 }, /nextCursor/],
    ["an empty cursor", { jobs: [job], nextCursor: "" }, /nextCursor/],
    ["a cursor of a megabyte", { jobs: [job], nextCursor: "c".repeat(1 << 20) }, /nextCursor/],
  ])("refuses %s", (_label, body, error) => {
    const page = parseJobsPage(body);
    expect(page.ok).toBe(false);
    expect(page.ok ? "" : page.error).toMatch(error);
  });
});
