import { recordSetsHash, type SipResolution } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import type { AuditResult } from "../../src/probing/audit-job";
import { storeResults } from "../../src/probing/store-results";
import { api, signedUpWithToken } from "../api/accounts";
import { organisationOfMonitor } from "../history-db";
import { labServices } from "../pipeline/seed";
import {
  addressSets,
  asAgent,
  createAgent,
  createMonitor,
  historyDbOfMonitor,
  okSummary,
  report,
} from "./agent-fixtures";

/** A region's result as a tick stores it. */
async function regionResult(monitorId: string, address: string, outcome = "ok"): Promise<AuditResult> {
  const recordSets = addressSets(address);
  const summary = okSummary(address);
  summary.targets = summary.targets.map((t) => ({ ...t, outcome }));
  return {
    monitorId,
    vantageId: "region:weur",
    startedAt: Date.now(),
    durationMs: 20,
    summary,
    recordSets,
    hash: await recordSetsHash(recordSets),
    // A first snapshot needs its tree; the rules read only the record sets.
    resolution: { candidates: [] } as unknown as SipResolution,
    findings: [],
  };
}

/** Stores a region's result in the monitor's history shard, as the audit queue consumer does. */
async function storeRegion(monitorId: string, address: string, outcome?: string): Promise<void> {
  const organisation = await organisationOfMonitor(monitorId);
  await storeResults(
    await historyDbOfMonitor(monitorId, { write: true }),
    [await regionResult(monitorId, address, outcome)],
    {
      organisationOf: () => organisation,
      control: labServices().db,
    },
  );
}

interface CrossFinding {
  findingId: string;
  subject: string;
  evidence: Record<string, unknown>;
}
const crossOf = async (as: { token: string }, monitorId: string) =>
  ((await (await api(`/monitors/${monitorId}/report`, { as })).json()) as { crossVantage: CrossFinding[] })
    .crossVantage;

describe("cross-vantage findings over agents and regions", () => {
  it("opens split-dns.mismatch naming the record when the agent's answer differs from a region's", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    await storeRegion(monitorId, "192.0.2.10");
    await asAgent(agent.token, "/agent/reports", { reports: [await report(monitorId, "10.0.0.5")] });

    const cross = await crossOf(user, monitorId);
    expect(cross.map((f) => f.findingId)).toEqual(["split-dns.mismatch"]);
    expect(cross[0]?.evidence).toEqual({
      agent: agent.id,
      records: [
        { name: "sip.example.com", type: "A", inside: ["10.0.0.5"], outside: { "region:weur": ["192.0.2.10"] } },
      ],
    });

    // The next tick sees the agent's latest report too, so the finding stays open rather than flapping.
    await storeRegion(monitorId, "192.0.2.10");
    expect((await crossOf(user, monitorId)).map((f) => f.findingId)).toEqual(["split-dns.mismatch"]);

    // Once the inside answers like the outside, it resolves.
    await asAgent(agent.token, "/agent/reports", { reports: [await report(monitorId, "192.0.2.10")] });
    expect(await crossOf(user, monitorId)).toEqual([]);
  });

  it("opens vantage.edge-vs-agent when the server answers the agent but no region", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    await storeRegion(monitorId, "10.0.0.5", "timeout");
    await asAgent(agent.token, "/agent/reports", { reports: [await report(monitorId, "10.0.0.5")] });
    expect(await crossOf(user, monitorId)).toEqual([
      expect.objectContaining({
        findingId: "vantage.edge-vs-agent",
        subject: `tls sip.example.com:5061 ${agent.id}`,
        evidence: { agent: agent.id, inside: "ok", outside: { weur: "timeout" } },
      }),
    ]);
  });
});
