import { phaseMinuteFor } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { api, signUp } from "./accounts";

interface Monitor {
  id: string;
  name: string;
  target: string;
  expectedTransports: string[];
  regions: string[];
  intervalMinutes: number;
  phaseMinute: number;
  thresholds: Record<string, number>;
  isPublic: boolean;
  slug: string | null;
  enabled: boolean;
}

describe("monitors", () => {
  it("creates a monitor with defaults, reads, lists, patches and deletes it", async () => {
    const user = await signUp();
    const created = await api("/monitors", {
      method: "POST",
      as: user,
      body: { name: "PBX", target: "sips:example.com" },
    });
    expect(created.status).toBe(201);
    const monitor = (await created.json()) as Monitor;
    expect(monitor).toMatchObject({
      name: "PBX",
      target: "sips:example.com",
      expectedTransports: ["udp", "tcp", "tls"],
      // The test Worker's DEFAULT_REGIONS.
      regions: ["weur", "enam"],
      intervalMinutes: 5,
      thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
      isPublic: false,
      slug: null,
      enabled: true,
    });
    expect(monitor.id).toMatch(/^mon_/);
    expect(monitor.phaseMinute).toBeGreaterThanOrEqual(0);
    expect(monitor.phaseMinute).toBe(phaseMinuteFor(monitor.id, 5));

    expect(await (await api(`/monitors/${monitor.id}`, { as: user })).json()).toEqual(monitor);
    const list = (await (await api("/monitors", { as: user })).json()) as { monitors: Monitor[]; nextCursor: null };
    expect(list).toEqual({ monitors: [monitor], nextCursor: null });

    const patched = await api(`/monitors/${monitor.id}`, {
      method: "PATCH",
      as: user,
      body: { intervalMinutes: 60, thresholds: { slowMs: 400 }, isPublic: true, slug: "acme-pbx", enabled: false },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: "PBX",
      intervalMinutes: 60,
      thresholds: { failuresToOpen: 2, slowMs: 400, certExpiryDays: 14 },
      isPublic: true,
      slug: "acme-pbx",
      enabled: false,
      // The slot moves with the interval: the scheduler reads (m + phase) % 60 from now on.
      phaseMinute: phaseMinuteFor(monitor.id, 60),
    });

    expect((await api(`/monitors/${monitor.id}`, { method: "DELETE", as: user })).status).toBe(204);
    expect((await api(`/monitors/${monitor.id}`, { as: user })).status).toBe(404);
    expect((await api(`/monitors/${monitor.id}`, { method: "DELETE", as: user })).status).toBe(404);
  });

  it("takes explicit transports, regions and interval, and keeps the phase inside the interval", async () => {
    const user = await signUp();
    for (const intervalMinutes of [1, 10, 15, 30, 60]) {
      const response = await api("/monitors", {
        method: "POST",
        as: user,
        body: {
          name: "x",
          target: "sip:pbx.example.com:5080;transport=tcp",
          expectedTransports: ["tcp"],
          regions: ["apac"],
          intervalMinutes,
        },
      });
      const monitor = (await response.json()) as Monitor;
      expect(monitor).toMatchObject({ expectedTransports: ["tcp"], regions: ["apac"], intervalMinutes });
      expect(monitor.phaseMinute).toBeLessThan(intervalMinutes);
    }
  });

  it("answers 409 when a public slug is taken, by anyone", async () => {
    const first = await signUp();
    const second = await signUp();
    const body = { name: "public", target: "example.com", isPublic: true, slug: "shared-status" };
    expect((await api("/monitors", { method: "POST", as: first, body })).status).toBe(201);
    const clash = await api("/monitors", { method: "POST", as: second, body });
    expect(clash.status).toBe(409);
    expect(await clash.json()).toMatchObject({ code: "conflict", errors: [{ field: "slug" }] });

    const other = (await (
      await api("/monitors", { method: "POST", as: second, body: { name: "mine", target: "example.org" } })
    ).json()) as Monitor;
    const patch = await api(`/monitors/${other.id}`, {
      method: "PATCH",
      as: second,
      body: { slug: "shared-status", isPublic: true },
    });
    expect(patch.status).toBe(409);
  });
});
