import { type Finding, failedRunSummary, type RunSummary } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import type { AuditResult } from "../../src/probing/audit-job";
import { storeResults } from "../../src/probing/store-results";
import { historyD1OfOrganisation } from "../history-db";
import { countRows, insertMonitor, insertOrganisation, labServices } from "./seed";

const text = (subject: string) => ({
  subject,
  severity: "warning" as const,
  title: `t ${subject}`,
  detail: "d".repeat(400),
  fix: "f",
});
/** Findings of a few ids, each with evidence of its id's shape. */
const evidence = {
  "dns.srv.single-target": { srv: ["_sip._udp.example.com SRV 10 10 5060 sip1.example.com"] },
  "dns.address.no-ipv6": { ipv4Hosts: ["sip1.example.com"] },
  "tls.cert.expiring": { transport: "tls" as const, host: "x", port: 5061, now: "2026-01-01T00:00:00Z", served: [] },
};
const finding = (id: keyof typeof evidence, subject: string): Finding =>
  id === "tls.cert.expiring"
    ? { id, ...text(subject), evidence: evidence[id] }
    : id === "dns.address.no-ipv6"
      ? { id, ...text(subject), evidence: evidence[id] }
      : { id, ...text(subject), evidence: evidence[id] };

function summary(outcome: string): RunSummary {
  return {
    ...failedRunSummary(""),
    status: "ok",
    error: undefined,
    transports: { tls: { ok: outcome === "ok", ms: outcome === "ok" ? 40 : null } },
    targets: [
      {
        transport: "tls",
        host: "sip.example.com",
        port: 5061,
        address: "198.51.100.7",
        outcome,
        connectMs: null,
        sipMs: null,
        sipStatus: null,
        certDaysLeft: 60,
      },
    ],
  } as RunSummary;
}

// Each result a millisecond after the one before: a pair's runs must move forward in time
// (recording one at or before the pair's last run is a no-op).
let clock = Date.now();

function result(
  monitorId: string,
  vantageId: string,
  outcome: string,
  findings: Finding[] = [],
  hash = "h1",
): AuditResult {
  const recordSets = [{ name: "example.com", type: "NAPTR", data: [hash], status: "answer" }];
  return {
    monitorId,
    vantageId,
    startedAt: ++clock,
    durationMs: 12,
    summary: summary(outcome),
    recordSets,
    hash,
    resolution: null,
    findings,
  };
}

describe("storeResults", () => {
  it("records a fleet's results in chunks D1 accepts (100 parameters per statement)", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const db = await services.historyDbOf(org, { write: true });
    const history = await historyD1OfOrganisation(org, services);
    const store = (results: readonly AuditResult[]) =>
      storeResults(db, results, { organisationOf: () => org, control: services.db });
    const ids = await Promise.all(
      Array.from({ length: 30 }, () => insertMonitor(services, org, { target: "example.com" })),
    );
    const results = ids.map((id) =>
      result(id, "region:weur", "ok", [
        finding("dns.srv.single-target", "a"),
        finding("dns.srv.single-target", "b"),
        finding("dns.address.no-ipv6", "c"),
      ]),
    );
    const stored = await store(results);
    expect(stored).toMatchObject({ runs: 30, opened: 90, resolved: 0, snapshots: 0 });
    const total = await history
      .prepare(`SELECT count(*) AS n FROM finding WHERE monitor_id IN (${ids.map(() => "?").join(",")})`)
      .bind(...ids)
      .first<{ n: number }>();
    expect(total?.n).toBe(90);
    // Every new finding points at the span its run opened.
    const orphans = await history
      .prepare("SELECT count(*) AS n FROM finding WHERE monitor_id = ? AND opened_span_id IS NULL")
      .bind(ids[0])
      .first<{ n: number }>();
    expect(orphans?.n).toBe(0);
  });

  it("opens vantage.region-only under 'cross' when one region fails, and resolves it when it recovers", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const db = await services.historyDbOf(org, { write: true });
    const history = await historyD1OfOrganisation(org, services);
    const store = (results: readonly AuditResult[]) =>
      storeResults(db, results, { organisationOf: () => org, control: services.db });
    const id = await insertMonitor(services, org, { target: "example.com", regions: ["weur", "apac"] });
    await store([result(id, "region:weur", "ok"), result(id, "region:apac", "timeout")]);
    const cross = () =>
      history
        .prepare("SELECT finding_id, resolved_at FROM finding WHERE monitor_id = ? AND vantage_id = 'cross'")
        .bind(id)
        .all<{ finding_id: string; resolved_at: number | null }>();
    expect((await cross()).results).toEqual([{ finding_id: "vantage.region-only", resolved_at: null }]);
    await store([result(id, "region:weur", "ok"), result(id, "region:apac", "timeout")]);
    expect((await cross()).results).toHaveLength(1);
    await store([result(id, "region:weur", "ok"), result(id, "region:apac", "ok")]);
    expect((await cross()).results[0]?.resolved_at).toBeGreaterThan(0);
  });

  it("keeps findings open through a run that produced no report", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const db = await services.historyDbOf(org, { write: true });
    const history = await historyD1OfOrganisation(org, services);
    const store = (results: readonly AuditResult[]) =>
      storeResults(db, results, { organisationOf: () => org, control: services.db });
    const id = await insertMonitor(services, org, { target: "example.com" });
    await store([result(id, "region:weur", "ok", [finding("tls.cert.expiring", "tls x")])]);
    const down: AuditResult = {
      ...result(id, "region:weur", "ok"),
      summary: failedRunSummary("resolver down"),
      recordSets: null,
      hash: null,
    };
    expect(await store([down])).toMatchObject({ runs: 1, resolved: 0 });
    // The failed audit is a change of outcome: a second span.
    expect(await countRows("state_span", id)).toBe(2);
    const open = await history
      .prepare("SELECT count(*) AS n FROM finding WHERE monitor_id = ? AND resolved_at IS NULL")
      .bind(id)
      .first<{ n: number }>();
    expect(open?.n).toBe(1);
  });

  it("a run like the one before writes only its state row; a change opens a span; a redelivery writes nothing", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const db = await services.historyDbOf(org, { write: true });
    const history = await historyD1OfOrganisation(org, services);
    const store = (results: readonly AuditResult[]) =>
      storeResults(db, results, { organisationOf: () => org, control: services.db });
    const id = await insertMonitor(services, org, { target: "example.com" });
    const spanState = () =>
      history
        .prepare("SELECT span_runs AS runs, last_run_at AS lastRunAt FROM vantage_state WHERE monitor_id = ?")
        .bind(id)
        .first<{ runs: number; lastRunAt: number }>();
    for (let i = 0; i < 3; i++) await store([result(id, "region:weur", "ok")]);
    expect(await countRows("state_span", id)).toBe(1);
    expect(await spanState()).toMatchObject({ runs: 3 });
    const refused = result(id, "region:weur", "refused");
    await store([refused]);
    expect(await countRows("state_span", id)).toBe(2);
    // The same result again (a queue redelivery, a tick replayed after dying halfway): nothing changes.
    const before = await spanState();
    expect(await store([refused])).toMatchObject({ runs: 0, opened: 0 });
    expect(await store([{ ...refused, startedAt: refused.startedAt - 5 }])).toMatchObject({
      runs: 0,
    });
    expect(await spanState()).toEqual(before);
    expect(await countRows("state_span", id)).toBe(2);
  });
});
