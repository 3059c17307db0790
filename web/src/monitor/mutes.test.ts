import { describe, expect, it } from "vitest";
import { actorName, expiresAtFor, mutedLine, muteState } from "./mutes";

const NOW = Date.UTC(2026, 11, 6, 12, 0);

describe("mute helpers", () => {
  it("turns an expiry choice into the API's instant, or null until ended", () => {
    expect(expiresAtFor("7d", NOW)).toBe("2026-12-13T12:00:00.000Z");
    expect(expiresAtFor("never", NOW)).toBeNull();
  });
  it("names who muted, with tokens and departed users said plainly", () => {
    expect(actorName("usr_1", "Alpha Ops")).toBe("Alpha Ops");
    expect(actorName("token", null)).toBe("an API token");
    expect(actorName("usr_gone", null)).toBe("usr_gone");
  });
  it("says who, until when and why", () => {
    const brief = {
      id: "mut_1",
      reason: "renewal booked",
      createdBy: "usr_1",
      createdByName: "Alpha Ops",
      createdAt: "2026-12-06T11:00:00.000Z",
      expiresAt: "2026-12-13T12:00:00.000Z",
      subject: null,
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(mutedLine(brief, iso)).toBe("Muted by Alpha Ops until 2026-12-13T12:00:00.000Z: renewal booked");
    expect(mutedLine({ ...brief, expiresAt: null }, iso)).toBe(
      "Muted by Alpha Ops until someone ends it: renewal booked",
    );
  });
  it("tells a mute in force from an expired or ended one", () => {
    expect(muteState({ inForce: true, endedAt: null })).toBe("in-force");
    expect(muteState({ inForce: false, endedAt: null })).toBe("expired");
    expect(muteState({ inForce: false, endedAt: "2026-12-06T11:00:00.000Z" })).toBe("ended");
  });
});
