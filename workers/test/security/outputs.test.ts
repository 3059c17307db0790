import { SELF } from "cloudflare:test";
import { findings, vantageStates } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { emailContent } from "../../src/notify/email";
import { historyDbOfMonitor } from "../agent/agent-fixtures";
import { received, receiverPath } from "../alerts/receiver";
import { api, ORIGIN, signUp } from "../api/accounts";
import { organisationOfMonitor } from "../history-db";
import { latestRunRow } from "../pipeline/seed";
import { expectProblem, withNothingStored } from "./stored";

const owner = await signUp("Output Owner");
const json = async <T>(response: Response) => (await response.json()) as T;

describe("what sipwatch writes to others", () => {
  it("escapes Slack's top-level text like its blocks: a channel named <!channel> pings no one", async () => {
    const hook = receiverPath("slack");
    const { id } = await json<{ id: string }>(
      await api("/channels", {
        method: "POST",
        as: owner,
        body: { name: "<!channel> <http://evil.example|click>", config: { type: "slack", webhookUrl: hook.url } },
      }),
    );
    expect(await json(await api(`/channels/${id}/test`, { method: "POST", as: owner }))).toMatchObject({
      delivered: true,
    });
    const [message] = await received(hook.name);
    const text = JSON.parse(message?.body ?? "{}").text as string;
    expect(text).toBe("Test notification for &lt;!channel&gt; &lt;http://evil.example|click&gt;");
  });

  it("keeps email subjects on one line even for a name stored with CR/LF", () => {
    const content = emailContent(
      {
        monitor: { id: "mon_x", name: "pbx\r\nBcc: victim@example.test", target: "example.com" },
        action: { kind: "test", monitorId: "mon_x", key: "k", at: 0 },
        link: ORIGIN,
        idempotencyKey: "k",
      },
      "alerts@sipwatch.test",
      ["ops@example.test"],
    );
    expect(content.subject).not.toMatch(/[\r\n]/);
    expect(content.subject).toBe("[sipwatch] Test notification for pbx Bcc: victim@example.test");
  });

  it("shows on a public status page nothing an agent saw (its findings carry internal addresses)", async () => {
    const slug = `pbx-${crypto.randomUUID().slice(0, 8)}`;
    const { id } = await json<{ id: string }>(
      await api("/monitors", {
        method: "POST",
        as: owner,
        body: { name: "PBX", target: "example.com", isPublic: true, slug },
      }),
    );
    // Into the organisation's history shard, where the status page reads (the control db has no history).
    const db = await historyDbOfMonitor(id, { write: true });
    const now = Date.now();
    await db.insert(vantageStates).values(
      latestRunRow({
        monitorId: id,
        organisationId: await organisationOfMonitor(id),
        vantageId: "agt_office",
        startedAt: now,
        summary: {
          v: 1,
          status: "critical",
          transports: {},
          targets: [],
          profiles: [],
          certDaysLeft: null,
          findings: { critical: 1, warning: 0, info: 0 },
        },
      }),
    );
    await db.insert(findings).values({
      monitorId: id,
      vantageId: "agt_office",
      findingId: "transport.udp.silent",
      subject: "udp pbx.corp.internal:5060",
      severity: "critical",
      title: "UDP to pbx.corp.internal (10.1.2.3) is silent",
      detail: "d",
      fix: "f",
      evidence: {},
      openedAt: now,
    });
    const body = await (await SELF.fetch(`${ORIGIN}/status/${slug}`)).text();
    expect(body).not.toContain("10.1.2.3");
    expect(body).not.toContain("pbx.corp.internal");
    expect(JSON.parse(body)).toMatchObject({ status: "unknown", findings: [], lastCheckedAt: null });
  });

  it("answers a flood of status and badge requests from the cache: one D1 read per URL and minute", async () => {
    const slug = `flood-${crypto.randomUUID().slice(0, 8)}`;
    const { id } = await json<{ id: string }>(
      await api("/monitors", {
        method: "POST",
        as: owner,
        body: { name: "Flooded", target: "example.com", isPublic: true, slug },
      }),
    );
    const paths = [`/status/${slug}`, `/badge/${slug}.svg`];
    const first = await Promise.all(paths.map(async (p) => (await SELF.fetch(`${ORIGIN}${p}`)).text()));
    // Without the monitor's row, any request that read D1 would answer 404.
    const { env } = await import("cloudflare:workers");
    await env.DB.prepare("DELETE FROM monitor WHERE id = ?").bind(id).run();
    for (let i = 0; i < 20; i++) {
      const again = await Promise.all(paths.map(async (p) => SELF.fetch(`${ORIGIN}${p}`)));
      expect(again.map((r) => r.status)).toEqual([200, 200]);
      expect(await Promise.all(again.map((r) => r.text()))).toEqual(first);
    }
  });

  it("does not reveal another organisation's private slug: the same slug is free here", async () => {
    const other = await signUp("Slug Holder");
    const slug = `secret-${crypto.randomUUID().slice(0, 8)}`;
    const hidden = await api("/monitors", {
      method: "POST",
      as: other,
      body: { name: "hidden", target: "example.com", slug },
    });
    expect(hidden.status).toBe(201);
    const mine = await api("/monitors", {
      method: "POST",
      as: owner,
      body: { name: "mine", target: "example.com", slug, isPublic: true },
    });
    expect(mine.status).toBe(201);
    // Once public, the slug is taken for everyone: that reveals only what /status/{slug} shows anyway.
    const clash = await withNothingStored(() =>
      api("/monitors", {
        method: "POST",
        as: other,
        body: { name: "again", target: "example.com", slug: `${slug}`, isPublic: true },
      }),
    );
    await expectProblem(clash, 409, "conflict");
  });
});
