import { SELF } from "cloudflare:test";
import type { RunSummary } from "@sipwatch/core";
import { findings, rollups, vantageStates } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { api, ORIGIN, signUp } from "../api/accounts";
import { historyDbOfMonitor, organisationOfMonitor } from "../history-db";
import { labServices, latestRunRow } from "../pipeline/seed";

const summary = (status: RunSummary["status"], tls: boolean, certDaysLeft: number): RunSummary => ({
  v: 1,
  status,
  transports: { tls: { ok: tls, ms: tls ? 42 : null }, tcp: { ok: true, ms: 20 } },
  targets: [],
  profiles: [],
  certDaysLeft,
  findings: { critical: status === "critical" ? 1 : 0, warning: 0, info: 0 },
});

const unique = () => crypto.randomUUID().slice(0, 8);
let publicSlug = "";
let privateSlug = "";

/** A public monitor seen failing TLS from one of two regions, and a private one with a slug. */
beforeAll(async () => {
  const user = await signUp();
  const create = async (isPublic: boolean) => {
    const slug = `pbx-${unique()}`;
    const response = await api("/monitors", {
      method: "POST",
      as: user,
      body: { name: `PBX ${slug}`, target: "sips:example.com", isPublic, slug, regions: ["weur", "enam"] },
    });
    expect(response.status).toBe(201);
    return { slug, id: ((await response.json()) as { id: string }).id };
  };
  const shown = await create(true);
  const hidden = await create(false);
  publicSlug = shown.slug;
  privateSlug = hidden.slug;
  const db = await historyDbOfMonitor(shown.id, labServices(), { write: true });
  const now = Date.now();
  const organisationId = await organisationOfMonitor(shown.id);
  await db.insert(vantageStates).values([
    latestRunRow({
      monitorId: shown.id,
      organisationId,
      vantageId: "region:weur",
      startedAt: now - 60_000,
      summary: summary("ok", true, 45),
    }),
    latestRunRow({
      monitorId: shown.id,
      organisationId,
      vantageId: "region:enam",
      startedAt: now - 30_000,
      summary: summary("critical", false, 44),
    }),
  ]);
  await db.insert(findings).values({
    monitorId: shown.id,
    vantageId: "region:enam",
    findingId: "transport.tls.handshake-failed",
    subject: "sip1.example.com:5061",
    severity: "critical",
    title: "TLS handshake with sip1.example.com fails",
    detail: "TLS clients fall back to TCP",
    fix: "Renew the certificate",
    evidence: { address: "192.0.2.10", secret: "evidence-not-public" },
    openedAt: now - 30_000,
  });
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  await db.insert(rollups).values([
    {
      monitorId: shown.id,
      vantageId: "region:weur",
      granularity: "hour",
      bucketStart: hour - 3_600_000,
      runs: 100,
      successes: 100,
      transports: { all: { runs: 100, ok: 100, timed: 0, sumMs: 0, h: {} } },
    },
    {
      monitorId: shown.id,
      vantageId: "region:enam",
      granularity: "hour",
      bucketStart: hour - 3_600_000,
      runs: 100,
      successes: 98,
      transports: { all: { runs: 100, ok: 98, timed: 0, sumMs: 0, h: {} } },
    },
  ]);
});

const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`${ORIGIN}${path}`, { headers });

describe("GET /status/{slug}", () => {
  it("shows state, transports, certificate, finding titles and last check, without signing in", async () => {
    const response = await get(`/status/${publicSlug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const body = await response.json();
    expect(body).toEqual({
      slug: publicSlug,
      name: `PBX ${publicSlug}`,
      status: "down",
      transports: { tcp: "up", tls: "partial" },
      certificate: { daysLeft: 44 },
      availability30d: 0.99,
      findings: [{ severity: "critical", title: "TLS handshake with sip1.example.com fails" }],
      lastCheckedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const text = JSON.stringify(body);
    for (const internal of ["192.0.2.10", "evidence-not-public", "region:", "mon_", "org_"]) {
      expect(text).not.toContain(internal);
    }
  });

  it("answers a private monitor's slug exactly like a missing one", async () => {
    const hidden = await get(`/status/${privateSlug}`);
    const missing = await get(`/status/${privateSlug}x`);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (text: string) => text.replaceAll(`${privateSlug}x`, "SLUG").replaceAll(privateSlug, "SLUG");
    expect(strip(await hidden.text())).toBe(strip(await missing.text()));
    expect([...hidden.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());
  });

  it("revalidates with an ETag: 304 without a body", async () => {
    const first = await get(`/status/${publicSlug}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await get(`/status/${publicSlug}`, { "if-none-match": `W/"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
  });
});

describe("GET /badge/{slug}.svg and .json", () => {
  it("renders a well-formed SVG badge with label and message", async () => {
    const response = await get(`/badge/${publicSlug}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20"[^>]*>/);
    expect(svg).toContain("<title>sip: down</title>");
    expect(svg.endsWith("</svg>")).toBe(true);
    // Every element opened is closed: a crude well-formedness check without a DOM parser in workerd.
    const opened = [...svg.matchAll(/<([a-zA-Z]+)[^>]*?(\/?)>/g)].filter((m) => m[2] !== "/").length;
    expect([...svg.matchAll(/<\/[a-zA-Z]+>/g)].length).toBe(opened);
  });

  it.each([
    { query: "", expected: { label: "sip", message: "down", color: "red" } },
    { query: "?show=transport&transport=tls", expected: { label: "sip tls", message: "partial", color: "yellow" } },
    { query: "?show=transport&transport=tcp", expected: { label: "sip tcp", message: "up", color: "brightgreen" } },
    { query: "?show=cert", expected: { label: "certificate", message: "44 days", color: "brightgreen" } },
    { query: "?show=availability", expected: { label: "availability 30d", message: "99.00%", color: "green" } },
  ])("shields endpoint JSON $query", async ({ query, expected }) => {
    const response = await get(`/badge/${publicSlug}.json${query}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ schemaVersion: 1, ...expected });
  });

  it("a private or missing slug is the same 404, and a bad variant a 400", async () => {
    const hidden = await get(`/badge/${privateSlug}.svg`);
    const missing = await get(`/badge/${privateSlug}x.svg`);
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect((await get(`/badge/${publicSlug}.svg?show=secrets`)).status).toBe(400);
  });

  it("revalidates with an ETag", async () => {
    const etag = (await get(`/badge/${publicSlug}.svg`)).headers.get("etag") ?? "";
    expect((await get(`/badge/${publicSlug}.svg`, { "if-none-match": etag })).status).toBe(304);
    expect((await get(`/badge/${publicSlug}.svg?show=cert`, { "if-none-match": etag })).status).toBe(200);
  });
});
