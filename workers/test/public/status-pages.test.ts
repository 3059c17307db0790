import { SELF } from "cloudflare:test";
import type { RunSummary } from "@sipwatch/core";
import { PublicStatusPageSchema } from "@sipwatch/core/contract";
import { incidentEvents, incidents, maintenanceWindows, rollups, vantageStates } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { api, ORIGIN, type SignedUp, signUp } from "../api/accounts";
import { historyDbOfMonitor, organisationOfMonitor } from "../history-db";
import { labServices, latestRunRow } from "../pipeline/seed";

const DAY = 86_400_000;
const HOSTILE = `<script>alert("x")</script> & <img src=x onerror=alert(1)> ]]> '"`;

const summary = (status: RunSummary["status"], profiles: RunSummary["profiles"]): RunSummary => ({
  v: 1,
  status,
  transports: { tls: { ok: status === "ok", ms: 40 } },
  targets: [
    {
      transport: "tls",
      host: "sip1.example.com",
      port: 5061,
      address: "192.0.2.10",
      outcome: status === "ok" ? "ok" : "refused",
      connectMs: 10,
      sipMs: 30,
      sipStatus: 200,
      certDaysLeft: 40,
    },
  ],
  profiles,
  certDaysLeft: 40,
  findings: { critical: status === "critical" ? 1 : 0, warning: 0, info: 0 },
});

const unique = () => crypto.randomUUID().slice(0, 8);
const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`${ORIGIN}${path}`, { headers });

let owner: SignedUp;
let stranger: SignedUp;
let monitorId = "";
let monitorName = "";
let privateMonitorId = "";
let strangerMonitorName = "";
let pageSlug = "";
let pageId = "";
let incidentId = "";
let orgPagePath = "";

async function createMonitor(as: SignedUp, name: string, isPublic: boolean): Promise<string> {
  const slug = `sp-${unique()}`;
  const response = await api("/monitors", {
    method: "POST",
    as,
    body: { name, target: "sips:example.com", isPublic, slug, regions: ["weur", "enam"] },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/**
 * One organisation with a public monitor seen from two regions and an agent (whose run names an
 * internal host), 90 days of rollups, an incident with a public and a private update; another
 * organisation with a public monitor of its own that must never appear on the first one's pages.
 */
beforeAll(async () => {
  owner = await signUp();
  stranger = await signUp();
  monitorName = `Voice ${unique()}`;
  monitorId = await createMonitor(owner, monitorName, true);
  privateMonitorId = await createMonitor(owner, `Hidden ${unique()}`, false);
  strangerMonitorName = `Stranger ${unique()}`;
  await createMonitor(stranger, strangerMonitorName, true);
  const now = Date.now();
  const history = await historyDbOfMonitor(monitorId, labServices(), { write: true });
  const organisationId = await organisationOfMonitor(monitorId);
  const ok = [{ profile: "linphone-tls", final: "tls sip1.example.com:5061", delayed: false }];
  await history.insert(vantageStates).values([
    {
      ...latestRunRow({
        monitorId,
        organisationId,
        vantageId: "region:weur",
        startedAt: now - 60_000,
        summary: summary("ok", [...ok, { profile: "fixed-udp", final: "udp sip1.example.com:5060", delayed: true }]),
      }),
      // The hour still counting: today's bar shows it before any rollup row is written.
      hourAcc: { all: { runs: 4, ok: 4, timed: 0, sumMs: 0, h: {} } },
    },
    latestRunRow({
      monitorId,
      organisationId,
      vantageId: "region:enam",
      startedAt: now - 30_000,
      summary: summary("critical", [...ok, { profile: "fixed-udp", final: null, delayed: false }]),
    }),
    latestRunRow({
      monitorId,
      organisationId,
      vantageId: "agent:agt_backoffice",
      startedAt: now - 20_000,
      summary: summary("ok", [{ profile: "linphone-tls", final: "tls pbx.internal.corp:5061", delayed: false }]),
    }),
  ]);
  const today = Math.floor(now / DAY) * DAY;
  const day = (ago: number, vantageId: string, runs: number, successes: number) => ({
    monitorId,
    vantageId,
    granularity: "day" as const,
    bucketStart: today - ago * DAY,
    runs,
    successes,
    transports: { all: { runs, ok: successes, timed: 0, sumMs: 0, h: {} } },
  });
  await history
    .insert(rollups)
    .values([
      day(1, "region:weur", 100, 100),
      day(1, "region:enam", 100, 50),
      day(2, "region:weur", 100, 100),
      day(2, "agent:agt_backoffice", 100, 0),
      day(120, "region:weur", 100, 0),
    ]);
  const { db } = labServices();
  incidentId = `inc_${unique()}`;
  await db.insert(incidents).values({
    id: incidentId,
    organisationId,
    monitorId,
    status: "acknowledged",
    title: "INTERNAL-TITLE sip1 192.0.2.10 from agt_backoffice",
    findings: [],
    vantageIds: ["region:enam"],
    openedAt: now - 3_600_000,
    updatedAt: now - 3_000_000,
  });
  await db.insert(incidentEvents).values([
    { incidentId, organisationId, at: now - 3_600_000, kind: "opened", author: "system", body: null, public: false },
    {
      incidentId,
      organisationId,
      at: now - 3_500_000,
      kind: "update",
      author: "u",
      body: "PRIVATE-NOTE",
      public: false,
    },
    { incidentId, organisationId, at: now - 3_400_000, kind: "update", author: "u", body: HOSTILE, public: true },
  ]);
  const created = await api("/status-pages", {
    method: "POST",
    as: owner,
    body: { slug: `page-${unique()}`, title: HOSTILE, description: "Trunks & phones", monitorIds: [monitorId] },
  });
  expect(created.status).toBe(201);
  const page = (await created.json()) as { id: string; slug: string; path: string };
  pageSlug = page.slug;
  pageId = page.id;
  expect(page.path).toBe(`/pages/${pageSlug}`);
  const list = (await (await api("/status-pages", { as: owner })).json()) as { defaultPagePath: string };
  orgPagePath = list.defaultPagePath;
});

const PRIVATE = ["192.0.2.10", "sip1.example.com", "internal.corp", "agt_", "agent", "region:", "mon_", "org_", "inc_"];

describe("public status page", () => {
  it("renders HTML without script: plain phone words, bars, incidents with public updates only", async () => {
    const response = await get(`/pages/${pageSlug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const page = await response.text();
    // No script, no inline style or handler attribute (quoted values, escaped text, taken out first).
    expect(page.replace(/"[^"]*"/g, '""')).not.toMatch(/<script|<[^>]*\s(style|on[a-z]+)=/i);
    expect(page).toContain(monitorName);
    expect(page).toContain("Linphone set to TLS registers over TLS.");
    expect(page).toContain(
      "Fixed UDP phone registers over UDP from some places but cannot register from 1 of 2 regions.",
    );
    expect(page).toContain(`${monitorName}: disruption, being worked on`);
    expect(page.match(/<rect /g)?.length).toBe(90);
    expect(page).not.toContain("INTERNAL-TITLE");
    expect(page).not.toContain("PRIVATE-NOTE");
    expect(page).not.toContain(strangerMonitorName);
    for (const secret of PRIVATE) expect(page).not.toContain(secret);
  });

  it("escapes hostile operator text in HTML, JSON and Atom", async () => {
    const page = await (await get(`/pages/${pageSlug}`)).text();
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
    );
    // The JSON twin is exactly the contract's shape (what third parties code against).
    const json = PublicStatusPageSchema.strict().parse(await (await get(`/pages/${pageSlug}.json`)).json());
    expect(json.title).toBe(HOSTILE);
    expect(json.incidents[0]?.updates.map((u) => u.body)).toEqual([HOSTILE]);
    // Regions only: the agent's failing day is not counted, the 120-day-old day is out of the window.
    expect(json.monitors[0]?.availability90d).toBeCloseTo(254 / 304, 5);
    expect(json.monitors[0]?.days).toHaveLength(90);
    expect(json.monitors[0]?.days.slice(-3)).toEqual([
      { day: expect.any(String), availability: 1 },
      { day: expect.any(String), availability: 0.75 },
      { day: new Date().toISOString().slice(0, 10), availability: 1 },
    ]);
    const feed = await get(`/pages/${pageSlug}.atom`);
    expect(feed.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const atom = await feed.text();
    expect(atom).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; ]]&gt; &apos;&quot;",
    );
    expect(atom).not.toContain("<script");
    expect(atom).not.toContain("PRIVATE-NOTE");
    for (const secret of PRIVATE) expect(atom).not.toContain(secret);
    for (const secret of PRIVATE) expect(JSON.stringify(json)).not.toContain(secret);
  });

  it("refuses control characters and overlong text at write", async () => {
    const bad = [
      { title: "Bell\u0007" },
      { title: "Two\nlines" },
      { description: "Trojan \u202Esource" },
      { title: "x".repeat(121) },
      { description: "y".repeat(1001) },
    ];
    for (const body of bad) {
      const response = await api(`/status-pages/${pageId}`, { method: "PATCH", as: owner, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("answers missing, disabled, deleted and empty pages with the same 404", async () => {
    const disabled = await api("/status-pages", {
      method: "POST",
      as: owner,
      body: { slug: `off-${unique()}`, title: "Off", monitorIds: [monitorId], enabled: false },
    });
    const disabledSlug = ((await disabled.json()) as { slug: string }).slug;
    const gone = await api("/status-pages", {
      method: "POST",
      as: owner,
      body: { slug: `gone-${unique()}`, title: "Gone", monitorIds: [monitorId] },
    });
    const goneBody = (await gone.json()) as { id: string; slug: string };
    expect((await get(`/pages/${goneBody.slug}`)).status).toBe(200);
    expect((await api(`/status-pages/${goneBody.id}`, { method: "DELETE", as: owner })).status).toBe(204);
    const strangerList = (await (await api("/status-pages", { as: stranger })).json()) as { defaultPagePath: string };
    const answers = await Promise.all(
      [
        `/pages/${disabledSlug}`,
        `/pages/${goneBody.slug}`,
        `/pages/nope-${unique()}`,
        `/pages/nope-${unique()}.json`,
      ].map((path) => get(path)),
    );
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(new Set(answers.map((r) => [...r.headers.keys()].sort().join())).size).toBe(1);
    // The stranger's organisation has a public monitor, so its default page exists; a made-up one does not.
    expect((await get(strangerList.defaultPagePath)).status).toBe(200);
    const noOrg = await get(`/pages/org/nobody-${unique()}`);
    expect(noOrg.status).toBe(404);
    expect(await noOrg.text()).toBe(bodies[0]);
  });

  it("refuses another organisation's monitor and never shows one", async () => {
    const strangerIds = (await (await api("/monitors", { as: stranger })).json()) as {
      monitors: Array<{ id: string }>;
    };
    const foreign = strangerIds.monitors[0]?.id ?? "";
    const response = await api("/status-pages", {
      method: "POST",
      as: owner,
      body: { slug: `steal-${unique()}`, title: "Steal", monitorIds: [monitorId, foreign] },
    });
    expect(response.status).toBe(400);
    const orgPage = await (await get(orgPagePath)).text();
    expect(orgPage).toContain(monitorName);
    expect(orgPage).not.toContain(strangerMonitorName);
    // The default page lists public monitors only.
    expect(orgPage).not.toContain("Hidden ");
    expect(privateMonitorId).toMatch(/^mon_/);
  });

  it("a page slug is taken across organisations (409)", async () => {
    const response = await api("/status-pages", {
      method: "POST",
      as: stranger,
      body: { slug: pageSlug, title: "Mine", monitorIds: [] },
    });
    expect(response.status).toBe(409);
  });

  it("invalidates the edge cache when an update, a window or the page changes", async () => {
    const before = await (await get(`/pages/${pageSlug}.json`)).text();
    expect(await (await get(`/pages/${pageSlug}.json`)).text()).toBe(before);
    const { db } = labServices();
    const organisationId = (await db.query.incidents.findFirst({ where: (i, { eq }) => eq(i.id, incidentId) }))
      ?.organisationId as string;
    // Written the way the incident code writes it, with no call into the cache.
    await db.insert(incidentEvents).values({
      incidentId,
      organisationId,
      at: Date.now(),
      kind: "update",
      author: "u",
      body: "Fixed the TLS certificate",
      public: true,
    });
    const afterUpdate = await (await get(`/pages/${pageSlug}.json`)).text();
    expect(afterUpdate).toContain("Fixed the TLS certificate");
    await db.insert(maintenanceWindows).values({
      id: `mnt_${unique()}`,
      monitorId,
      startsAt: Date.now() + DAY,
      endsAt: Date.now() + DAY + 3_600_000,
      reason: "Firmware upgrade",
      announce: true,
      createdAt: Date.now(),
    });
    const html = await (await get(`/pages/${pageSlug}`)).text();
    expect(html).toContain("Firmware upgrade");
    const patched = await api(`/status-pages/${pageId}`, { method: "PATCH", as: owner, body: { title: "Renamed" } });
    expect(patched.status).toBe(200);
    expect(((await (await get(`/pages/${pageSlug}.json`)).json()) as { title: string }).title).toBe("Renamed");
    expect(await (await get(`/pages/${pageSlug}`)).text()).toContain("<title>Renamed</title>");
    await api(`/status-pages/${pageId}`, { method: "PATCH", as: owner, body: { title: HOSTILE } });
  });

  it("an unannounced window stays off the page", async () => {
    const response = await api(`/monitors/${monitorId}/maintenance`, {
      method: "POST",
      as: owner,
      body: {
        startsAt: new Date(Date.now() + DAY).toISOString(),
        endsAt: new Date(Date.now() + 2 * DAY).toISOString(),
        reason: "Quiet internal work",
      },
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { announce: boolean }).announce).toBe(false);
    expect(await (await get(`/pages/${pageSlug}`)).text()).not.toContain("Quiet internal work");
  });
});
