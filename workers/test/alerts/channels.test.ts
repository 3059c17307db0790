import { describe, expect, it } from "vitest";
import { api, signedUpWithToken } from "../api/accounts";
import { lab } from "../fixtures";
import { received, receiverPath } from "./receiver";

interface Channel {
  id: string;
  type: string;
  name: string;
  enabled: boolean;
  config: Record<string, unknown>;
  signingSecret?: string;
}

describe("/api/v1/channels", () => {
  it("creates, lists, reads, updates and deletes a Slack channel without returning its hook", async () => {
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const hook = receiverPath("slack");
    const created = await api("/channels", {
      method: "POST",
      as,
      body: { name: "#ops", config: { type: "slack", webhookUrl: hook.url } },
    });
    expect(created.status).toBe(201);
    const channel = (await created.json()) as Channel;
    expect(channel).toMatchObject({ type: "slack", name: "#ops", enabled: true, config: { type: "slack" } });
    expect(JSON.stringify(channel)).not.toContain(hook.name);

    const list = (await (await api("/channels", { as })).json()) as { channels: Channel[] };
    expect(list.channels.map((c) => c.id)).toEqual([channel.id]);
    expect((await api(`/channels/${channel.id}`, { as })).status).toBe(200);
    const paused = await api(`/channels/${channel.id}`, { method: "PATCH", as, body: { enabled: false } });
    expect(((await paused.json()) as Channel).enabled).toBe(false);
    expect((await api(`/channels/${channel.id}`, { method: "DELETE", as })).status).toBe(204);
    expect((await api(`/channels/${channel.id}`, { as })).status).toBe(404);
  });

  it("sends a test notification on request and reports a receiver that refuses it", async () => {
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const hook = receiverPath("slack");
    const { id } = (await (
      await api("/channels", {
        method: "POST",
        as,
        body: { name: "#ops", config: { type: "slack", webhookUrl: hook.url } },
      })
    ).json()) as Channel;
    const test = await api(`/channels/${id}/test`, { method: "POST", as });
    expect(await test.json()).toEqual({ delivered: true, error: null });
    const [message] = await received(hook.name);
    expect(JSON.parse(message?.body ?? "{}").text).toBe("Test notification for #ops");

    const failing = receiverPath("slack", 1);
    await api(`/channels/${id}`, { method: "PATCH", as, body: { config: { type: "slack", webhookUrl: failing.url } } });
    const refused = await api(`/channels/${id}/test`, { method: "POST", as });
    // The status code and a fixed reason: never the receiver's body ("try again").
    expect(await refused.json()).toEqual({ delivered: false, error: "The receiver answered HTTP 500" });
  });

  it("generates a webhook signing secret, shows it once, and signs the test message with it", async () => {
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const hook = receiverPath("webhook");
    const created = (await (
      await api("/channels", { method: "POST", as, body: { name: "hook", config: { type: "webhook", url: hook.url } } })
    ).json()) as Channel;
    expect(created.signingSecret).toMatch(/^whsec_[\w-]{32}$/);
    const read = (await (await api(`/channels/${created.id}`, { as })).json()) as Channel;
    expect(JSON.stringify(read)).not.toContain(created.signingSecret);

    const own = (await (
      await api("/channels", {
        method: "POST",
        as,
        body: { name: "signed", config: { type: "webhook", url: hook.url, secret: lab().webhookSecret } },
      })
    ).json()) as Channel;
    expect(await (await api(`/channels/${own.id}/test`, { method: "POST", as })).json()).toEqual({
      delivered: true,
      error: null,
    });
    expect((await received(hook.name)).map((r) => r.signatureValid)).toEqual([true]);
  });

  it("refuses invalid configurations with the field named", async () => {
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const bad = await api("/channels", {
      method: "POST",
      as,
      body: { name: "x", config: { type: "email", to: ["nope"] } },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe("config.to.0");
  });

  it("answers another organisation's channel exactly like a missing one", async () => {
    const owner = await signedUpWithToken();
    const stranger = await signedUpWithToken();
    const { id } = (await (
      await api("/channels", {
        method: "POST",
        as: { token: owner.token },
        body: { name: "mail", config: { type: "email", to: ["ops@example.test"] } },
      })
    ).json()) as Channel;
    const as = { token: stranger.token };
    for (const [method, path, body] of [
      ["GET", `/channels/${id}`, undefined],
      ["PATCH", `/channels/${id}`, { name: "mine" }],
      ["DELETE", `/channels/${id}`, undefined],
      ["POST", `/channels/${id}/test`, undefined],
      ["GET", `/channels/${id}/deliveries`, undefined],
    ] as const) {
      const response = await api(path, { method, as, body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect(((await (await api("/channels", { as })).json()) as { channels: unknown[] }).channels).toEqual([]);
    expect((await api(`/channels/${id}`, { as: { token: owner.token } })).status).toBe(200);
  });
});
