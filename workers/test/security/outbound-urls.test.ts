import { describe, expect, it } from "vitest";
import { checkOutboundUrl, OUTBOUND_REFUSALS } from "../../src/notify/outbound-url";
import { received, receiverPath } from "../alerts/receiver";
import { api, signedUpWithToken } from "../api/accounts";
import { lab } from "../fixtures";
import { expectProblem, withNothingStored } from "./stored";

/**
 * Alert destinations are URLs the Worker POSTs to on a customer's say-so: each attack tries to
 * make it POST inside someone's network, or to read what lies there through "send test".
 */
const user = await signedUpWithToken("Mallory");
const as = { token: user.token };

const createWebhook = (url: string) =>
  api("/channels", { method: "POST", as, body: { name: "hook", config: { type: "webhook", url } } });

async function refusedField(response: Response, field: string): Promise<string> {
  const body = await expectProblem(response, 400, "validation_failed");
  const errors = body.errors as Array<{ field: string; message: string }>;
  expect(errors.map((e) => e.field)).toEqual([field]);
  return errors[0]?.message ?? "";
}

describe("outbound URLs refuse internal destinations", () => {
  it.each([
    ["the cloud metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["an RFC 1918 address", "https://10.0.0.1/hook"],
    ["a CGNAT address", "https://100.64.0.1/hook"],
    ["NAT64 of a link-local address", "https://[64:ff9b::a9fe:a9fe]/hook"],
    ["6to4 of an RFC 1918 address", "https://[2002:c0a8:101::1]/hook"],
    ["IPv4-compatible IPv6 of an RFC 1918 address", "https://[::10.0.0.1]/hook"],
    ["a decimal IPv4 literal", "https://2852039166/hook"],
    ["localhost", "https://localhost/hook"],
    ["a name under .localhost", "https://evil.localhost/hook"],
    ["an internal name", "https://metadata.google.internal/computeMetadata/v1/"],
    ["a single-label name", "https://intranet/hook"],
    ["file:", "file:///etc/passwd"],
    ["javascript:", "javascript:alert(1)"],
    ["plain http to a public name", "http://hooks.example.com/hook"],
    ["credentials in the URL", "https://user:pass@hooks.example.com/hook"],
  ])("refuses a webhook to %s, storing nothing", async (_, url) => {
    const response = await withNothingStored(() => createWebhook(url));
    expect(await refusedField(response, "config.url")).not.toBe("");
  });

  it("refuses a Slack channel whose URL is not on Slack's webhook host", async () => {
    const response = await withNothingStored(() =>
      api("/channels", {
        method: "POST",
        as,
        body: { name: "slack", config: { type: "slack", webhookUrl: "https://evil.example.com/services/T0/B0/x" } },
      }),
    );
    expect(await refusedField(response, "config.webhookUrl")).toContain("hooks.slack.com");
  });

  it("refuses a host name that resolves to a non-public address (asked through the deployment's resolvers)", async () => {
    // The lab's DNS answers sip1.live.sipwatch.test with 127.0.0.1: outside the lab that is refused.
    const resolvers = [`tcp://127.0.0.1:${lab().dnsTcpPort}`];
    const production = await checkOutboundUrl("https://sip1.live.sipwatch.test/hook", "webhook", {
      lab: false,
      resolvers,
    });
    expect(production).toEqual({ ok: false, reason: OUTBOUND_REFUSALS.notPublic, retryable: false });
    const labMode = await checkOutboundUrl("https://sip1.live.sipwatch.test/hook", "webhook", { lab: true, resolvers });
    expect(labMode.ok).toBe(true);
    const missing = await checkOutboundUrl("https://nothing-here.live.sipwatch.test/", "webhook", {
      lab: false,
      resolvers,
    });
    expect(missing).toMatchObject({ ok: false, reason: OUTBOUND_REFUSALS.unresolved });
  });

  it("refuses re-pointing an existing channel at an internal address, leaving it as it was", async () => {
    const hook = receiverPath("webhook");
    const created = await createWebhook(hook.url);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const response = await withNothingStored(() =>
      api(`/channels/${id}`, {
        method: "PATCH",
        as,
        body: { config: { type: "webhook", url: "https://169.254.169.254/" } },
      }),
    );
    await refusedField(response, "config.url");
  });
});

describe("sending reveals nothing about the receiver beyond its status code", () => {
  async function webhookChannel(url: string): Promise<string> {
    const created = await createWebhook(url);
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  it("reports a refusing receiver's status code and a fixed reason, never its body", async () => {
    const hook = receiverPath("webhook", 1);
    const id = await webhookChannel(hook.url);
    const result = await withNothingStored(async () =>
      (await api(`/channels/${id}/test`, { method: "POST", as })).json(),
    );
    // The receiver answered 500 with the body "try again".
    expect(result).toEqual({ delivered: false, error: "The receiver answered HTTP 500" });
  });

  it("reports an unreachable port with a fixed reason, not the network's error text", async () => {
    // Port 9 (discard) on loopback: nothing listens there in the lab.
    const id = await webhookChannel("http://127.0.0.1:9/hook");
    const result = await withNothingStored(async () =>
      (await api(`/channels/${id}/test`, { method: "POST", as })).json(),
    );
    expect(result).toEqual({ delivered: false, error: "The receiver could not be reached" });
  });

  it("does not follow a redirect, so a public receiver cannot bounce the POST inward", async () => {
    const inner = receiverPath("inner");
    const bouncer = `${receiverPath("bouncer").url}?redirect=${encodeURIComponent(inner.url)}`;
    const id = await webhookChannel(bouncer);
    const result = await withNothingStored(async () =>
      (await api(`/channels/${id}/test`, { method: "POST", as })).json(),
    );
    expect(result).toMatchObject({ delivered: false, error: expect.stringContaining("HTTP 307") });
    expect(await received(inner.name)).toEqual([]);
  });

  it("checks the URL again at send time: a stored internal URL is never fetched", async () => {
    const id = await webhookChannel(receiverPath("webhook").url);
    // A row written before the check existed (or a name re-pointed since): patched in D1 directly.
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare("UPDATE alert_channel SET config = json_set(config, '$.url', ?) WHERE id = ?")
      .bind("https://169.254.169.254/latest/meta-data/", id)
      .run();
    const result = await withNothingStored(async () =>
      (await api(`/channels/${id}/test`, { method: "POST", as })).json(),
    );
    expect(result).toEqual({ delivered: false, error: "The URL must name a host, not an IP address" });
  });
});
