import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signUp } from "./accounts";

const json = async <T>(response: Response) => (await response.json()) as T;
const PASSWORD = "s3cret-test-account-pw";

async function monitor(as: Awaited<ReturnType<typeof signUp>>) {
  const created = await api("/monitors", { method: "POST", as, body: { name: "PBX", target: "sips:example.com" } });
  return (await json<{ id: string }>(created)).id;
}

const storedRow = (monitorId: string) =>
  env.DB.prepare("SELECT * FROM monitor_credential WHERE monitor_id = ?")
    .bind(monitorId)
    .first<Record<string, unknown>>();

describe("a monitor's test account (write-only password)", () => {
  it("sets, shows without the password, keeps it on an edit without one, replaces and removes it", async () => {
    const owner = await signUp();
    const id = await monitor(owner);
    expect((await api(`/monitors/${id}/credentials`, { as: owner })).status).toBe(404);

    const put = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", authUser: "monitor-auth", password: PASSWORD },
    });
    expect(put.status).toBe(200);
    const shown = await json<Record<string, unknown>>(put);
    expect(shown).toMatchObject({
      source: "stored",
      user: "monitor",
      authUser: "monitor-auth",
      expectContact: "as-sent",
      password: "set",
    });
    expect(JSON.stringify(shown)).not.toContain(PASSWORD);
    const first = await storedRow(id);
    expect(first).toMatchObject({ key_id: "lab1", user: "monitor" });
    expect(JSON.stringify(first)).not.toContain(PASSWORD);

    // An edit without a password keeps the stored ciphertext as it was.
    const edited = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", expectContact: "rewritten" },
    });
    expect(await json(edited)).toMatchObject({ expectContact: "rewritten", password: "set", authUser: null });
    expect((await storedRow(id))?.password_ciphertext).toBe(first?.password_ciphertext);

    // Replacing makes new ciphertext with a new nonce.
    await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", password: PASSWORD },
    });
    const replaced = await storedRow(id);
    expect(replaced?.password_iv).not.toBe(first?.password_iv);
    expect(replaced?.password_ciphertext).not.toBe(first?.password_ciphertext);

    expect((await api(`/monitors/${id}/credentials`, { method: "DELETE", as: owner })).status).toBe(204);
    expect(await storedRow(id)).toBeNull();
    expect((await api(`/monitors/${id}/credentials`, { method: "DELETE", as: owner })).status).toBe(404);
  });

  it("takes an outbound proxy as typed, stores and shows it as a SIP URI, and clears it with null", async () => {
    const owner = await signUp();
    const id = await monitor(owner);
    const put = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", password: PASSWORD, outboundProxy: "Proxy.Example.com:5070;transport=TCP" },
    });
    expect(await json(put)).toMatchObject({ outboundProxy: "sip:proxy.example.com:5070;transport=tcp" });
    expect(await storedRow(id)).toMatchObject({ outbound_proxy: "sip:proxy.example.com:5070;transport=tcp" });
    expect(await json(await api(`/monitors/${id}/credentials`, { as: owner }))).toMatchObject({
      outboundProxy: "sip:proxy.example.com:5070;transport=tcp",
    });
    const cleared = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", outboundProxy: null },
    });
    expect(await json(cleared)).toMatchObject({ outboundProxy: null, password: "set" });
  });

  it("agent-held accounts store no password and refuse one", async () => {
    const owner = await signUp();
    const id = await monitor(owner);
    const put = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { source: "agent", user: "office" },
    });
    expect(await json(put)).toMatchObject({ source: "agent", password: "agent" });
    expect(await storedRow(id)).toMatchObject({ password_ciphertext: null, key_id: null });
    const refused = await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { source: "agent", user: "office", password: PASSWORD },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).not.toContain(PASSWORD);
  });

  it.each([
    [{ user: "monitor" }, "password"],
    [{ user: "bad user", password: PASSWORD }, "user"],
    [{ user: "a\r\nVia: evil", password: PASSWORD }, "user"],
    [{ user: "monitor", password: "line\r\nbreak" }, "password"],
    [{ user: "monitor", password: PASSWORD, domain: "not a host" }, "domain"],
    [{ user: "monitor", password: PASSWORD, expectContact: "maybe" }, "expectContact"],
    [{ user: "monitor", password: PASSWORD, outboundProxy: "sip:bob@proxy.example.com" }, "outboundProxy"],
    [{ user: "monitor", password: PASSWORD, outboundProxy: "proxy.example.com\r\nVia: evil" }, "outboundProxy"],
    [{ user: "monitor", password: PASSWORD, outboundProxy: "sip:proxy.example.com;transport=sctp" }, "outboundProxy"],
  ])("refuses %o naming %s, never echoing the password", async (body, field) => {
    const owner = await signUp();
    const id = await monitor(owner);
    const response = await api(`/monitors/${id}/credentials`, { method: "PUT", as: owner, body });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(text).not.toContain("line\r\nbreak");
    expect(text).not.toContain(PASSWORD);
  });

  it("another organisation's monitor answers 404 and its account is untouched", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const id = await monitor(owner);
    await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", password: PASSWORD },
    });
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await api(`/monitors/${id}/credentials`, {
        method,
        as: stranger,
        ...(method === "PUT" ? { body: { user: "x", password: "y" } } : {}),
      });
      expect(response.status, method).toBe(404);
    }
    expect(await storedRow(id)).toMatchObject({ user: "monitor" });
  });

  it("deleting the monitor deletes its account", async () => {
    const owner = await signUp();
    const id = await monitor(owner);
    await api(`/monitors/${id}/credentials`, {
      method: "PUT",
      as: owner,
      body: { user: "monitor", password: PASSWORD },
    });
    expect((await api(`/monitors/${id}`, { method: "DELETE", as: owner })).status).toBe(204);
    expect(await storedRow(id)).toBeNull();
  });
});

describe("per-monitor response handling", () => {
  it("defaults to nothing but 2xx, takes up and maintenance statuses, and refuses one status in both", async () => {
    const owner = await signUp();
    const created = await api("/monitors", {
      method: "POST",
      as: owner,
      body: { name: "PBX", target: "example.com", responseHandling: { options: { upStatuses: [401, 407] } } },
    });
    expect(await json(created)).toMatchObject({
      responseHandling: {
        options: { upStatuses: [401, 407], maintenanceStatuses: [] },
        register: { upStatuses: [], maintenanceStatuses: [] },
      },
    });
    const { id } = await json<{ id: string }>(
      await api("/monitors", { method: "POST", as: owner, body: { name: "B", target: "example.org" } }),
    );
    const patched = await api(`/monitors/${id}`, {
      method: "PATCH",
      as: owner,
      body: { responseHandling: { register: { maintenanceStatuses: [503] } } },
    });
    expect(await json(patched)).toMatchObject({
      responseHandling: { options: { upStatuses: [] }, register: { maintenanceStatuses: [503], upStatuses: [] } },
    });
    const both = await api(`/monitors/${id}`, {
      method: "PATCH",
      as: owner,
      body: { responseHandling: { register: { upStatuses: [503] } } },
    });
    expect(both.status).toBe(400);
    const twice = await api(`/monitors/${id}`, {
      method: "PATCH",
      as: owner,
      body: { responseHandling: { options: { upStatuses: [200] } } },
    });
    expect(twice.status).toBe(400);
  });
});
