import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditResult } from "../../src/probing/audit-job";
import type { RegionProber } from "../../src/probing/region-prober";
import { lab } from "../fixtures";
import { countRows, insertMonitor, insertOrganisation, labServices, testApp } from "./seed";

describe("RegionProber", () => {
  it("audits a batch over RPC and returns compact results, an error run for a bad target", async () => {
    const stub = env.REGION_PROBER.get(env.REGION_PROBER.idFromName("weur:test"), { locationHint: "weur" });
    const settings = {
      resolvers: [lab().dohUrl],
      extraCaPems: lab().liveCaPems,
      allowLoopback: true,
      probeTimeoutMs: 2000,
      deadlineMs: 10_000,
    };
    // workers-types maps `unknown` (finding evidence) to a non-serialisable type, so the stub's result reads as never.
    const results = (await stub.audit(
      [
        { monitorId: "a", vantageId: "region:weur", target: "live.sipwatch.test", slowMs: 1000 },
        { monitorId: "b", vantageId: "region:weur", target: "sip:", slowMs: 1000 },
      ],
      settings,
    )) as AuditResult[];
    expect(results.map((r) => r.summary.status)).toEqual(["warning", "error"]);
    expect(results[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(results[0]?.resolution?.target.host).toBe("live.sipwatch.test");
    const known = await runInDurableObject(stub, (instance: RegionProber) =>
      instance.audit(
        [
          {
            monitorId: "a",
            vantageId: "region:weur",
            target: "live.sipwatch.test",
            slowMs: 1000,
            knownSnapshotHash: results[0]?.hash ?? "",
          },
        ],
        settings,
      ),
    );
    // DNS unchanged: the tree is not sent back again.
    expect(known[0]?.resolution).toBeNull();
    expect(known[0]?.recordSets).toEqual(results[0]?.recordSets);
  });
});

describe("POST /monitors/{id}/run", () => {
  it("audits from every region now, stores like the scheduler and returns the reports", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const id = await insertMonitor(services, org, { target: "expired.sipwatch.test", regions: ["weur", "apac"] });
    const response = await testApp(services, { organisationId: org }).request(`/api/v1/monitors/${id}/run`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      reports: Array<{ vantageId: string; findings: Array<{ id: string }>; resolution: unknown }>;
    };
    expect(body.reports.map((r) => r.vantageId)).toEqual(["region:apac", "region:weur"]);
    expect(body.reports[0]?.findings.map((f) => f.id)).toContain("tls.cert.expired");
    expect(body.reports[0]?.resolution).not.toBeNull();
    expect(await countRows("vantage_state", id)).toBe(2);
    expect(await countRows("dns_snapshot", id)).toBe(2);
  });
});
