import { describe, expect, it } from "vitest";
import { isoToLocalInput, localInputToIso, windowState } from "./maintenance";

describe("maintenance window times", () => {
  it("round-trips a datetime-local value through an ISO instant", () => {
    const iso = localInputToIso("2026-11-28T22:00");
    expect(iso).toMatch(/^2026-11-2[89]T\d{2}:00:00\.000Z$/);
    expect(isoToLocalInput(iso ?? "")).toBe("2026-11-28T22:00");
  });

  it("refuses what is not a datetime-local value", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("tomorrow")).toBeNull();
    expect(localInputToIso("2026-13-40T99:99")).toBeNull();
  });

  it("says whether a window is on, coming or over", () => {
    const w = { startsAt: "2026-11-28T22:00:00Z", endsAt: "2026-11-29T02:00:00Z" };
    expect(windowState(w, Date.parse("2026-11-28T21:00:00Z"))).toBe("upcoming");
    expect(windowState(w, Date.parse("2026-11-28T23:00:00Z"))).toBe("active");
    expect(windowState(w, Date.parse("2026-11-29T02:00:00Z"))).toBe("over");
  });
});
