import { beforeAll, describe, expect, it } from "vitest";
import { api, type SignedUp, signedUpWithToken } from "./accounts";

/** Organisation A owns a monitor and mutes its findings; B (a separate sign-up) must see none of it. */
let a: SignedUp & { token: string };
let b: SignedUp & { token: string };
let monitorOfA: string;
let monitorOfB: string;

interface Mute {
  id: string;
  findingId: string;
  subject: string | null;
  reason: string;
  createdBy: string;
  createdByName: string | null;
  expiresAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  endedByName: string | null;
  inForce: boolean;
}

const create = async (owner: SignedUp & { token: string }, name: string) => {
  const response = await api("/monitors", { method: "POST", as: owner, body: { name, target: `${name}.example.com` } });
  return ((await response.json()) as { id: string }).id;
};

beforeAll(async () => {
  a = await signedUpWithToken("Alpha Ops");
  b = await signedUpWithToken("Bravo Ops");
  monitorOfA = await create(a, "alpha");
  monitorOfB = await create(b, "bravo");
});

const mute = (body: Record<string, unknown>, as: { cookie: string } | { token: string } = { cookie: a.cookie }) =>
  api(`/monitors/${monitorOfA}/mutes`, { method: "POST", as, body });

const fieldsOf = async (response: Response) => {
  expect(response.status).toBe(400);
  return ((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
};

describe("finding mutes through the API", () => {
  it("creates a mute of one subject with a reason and an expiry, naming who muted it", async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const response = await mute({
      findingId: "dns.srv.single-target",
      subject: "_sip._udp.alpha.example.com",
      reason: "One SBC on purpose until the second site opens",
      expiresAt,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      findingId: "dns.srv.single-target",
      subject: "_sip._udp.alpha.example.com",
      createdBy: a.userId,
      createdByName: "Alpha Ops",
      expiresAt,
      endedAt: null,
      inForce: true,
    });
  });

  it("mutes every subject of an id when no subject is given; a token's mute is the organisation's", async () => {
    const response = await mute(
      { findingId: "dns.address.no-ipv6", reason: "No IPv6 at this site" },
      { token: a.token },
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      subject: null,
      createdBy: "token",
      createdByName: null,
      expiresAt: null,
    });
  });

  it("refuses ids outside the finding registry, control characters, long reasons and odd expiries", async () => {
    expect(await fieldsOf(await mute({ findingId: "dns.srv.made-up", reason: "x" }))).toEqual(["findingId"]);
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "line\nbreak" }))).toEqual(["reason"]);
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "x".repeat(501) }))).toEqual(["reason"]);
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "" }))).toEqual(["reason"]);
    expect(
      await fieldsOf(await mute({ findingId: "tls.cert.expired", subject: "sip1\u202Eevil", reason: "bidi" })),
    ).toEqual(["subject"]);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "x", expiresAt: past }))).toEqual([
      "expiresAt",
    ]);
    const farOff = new Date(Date.now() + 400 * 86_400_000).toISOString();
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "x", expiresAt: farOff }))).toEqual([
      "expiresAt",
    ]);
    expect(await fieldsOf(await mute({ findingId: "tls.cert.expired", reason: "x", expiresAt: "tomorrow" }))).toEqual([
      "expiresAt",
    ]);
  });

  it("refuses a second mute of the same finding and subject while the first is in force", async () => {
    const again = await mute({ findingId: "dns.address.no-ipv6", reason: "said twice" });
    expect(again.status).toBe(409);
  });

  it("ends a mute, keeps it in the trail with who ended it, and refuses to end it twice", async () => {
    const list = (await (await api(`/monitors/${monitorOfA}/mutes`, { as: a })).json()) as { mutes: Mute[] };
    expect(list.mutes.map((m) => m.findingId)).toEqual(["dns.address.no-ipv6", "dns.srv.single-target"]);
    const target = list.mutes[1] as Mute;
    const session = { cookie: a.cookie };
    const ended = await api(`/monitors/${monitorOfA}/mutes/${target.id}/end`, { method: "POST", as: session });
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({
      id: target.id,
      endedBy: a.userId,
      endedByName: "Alpha Ops",
      inForce: false,
    });
    const twice = await api(`/monitors/${monitorOfA}/mutes/${target.id}/end`, { method: "POST", as: a });
    expect(twice.status).toBe(409);
    const after = (await (await api(`/monitors/${monitorOfA}/mutes`, { as: a })).json()) as { mutes: Mute[] };
    expect(after.mutes.map((m) => [m.findingId, m.inForce])).toEqual([
      ["dns.address.no-ipv6", true],
      ["dns.srv.single-target", false],
    ]);
    // Ended, so the same finding may be muted again.
    expect((await mute({ findingId: "dns.srv.single-target", subject: target.subject, reason: "again" })).status).toBe(
      201,
    );
  });

  it("answers another organisation's list, create and end exactly like a missing monitor", async () => {
    const [someMute] = ((await (await api(`/monitors/${monitorOfA}/mutes`, { as: a })).json()) as { mutes: Mute[] })
      .mutes;
    for (const as of [{ cookie: b.cookie }, { token: b.token }]) {
      for (const response of [
        await api(`/monitors/${monitorOfA}/mutes`, { as }),
        await api(`/monitors/${monitorOfA}/mutes`, {
          method: "POST",
          as,
          body: { findingId: "tls.cert.expired", reason: "mine" },
        }),
        await api(`/monitors/${monitorOfA}/mutes/${someMute?.id}/end`, { method: "POST", as }),
      ]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ code: "not_found", detail: `No monitor ${monitorOfA}` });
      }
      // A's mute through B's own monitor: no such mute there.
      const viaOwn = await api(`/monitors/${monitorOfB}/mutes/${someMute?.id}/end`, { method: "POST", as });
      expect(viaOwn.status).toBe(404);
      expect(await viaOwn.json()).toMatchObject({ detail: `No mute ${someMute?.id}` });
      const own = (await (await api(`/monitors/${monitorOfB}/mutes`, { as })).json()) as { mutes: Mute[] };
      expect(own.mutes).toEqual([]);
    }
    const still = (await (await api(`/monitors/${monitorOfA}/mutes`, { as: a })).json()) as { mutes: Mute[] };
    expect(still.mutes.find((m) => m.id === someMute?.id)?.inForce).toBe(true);
  });
});
