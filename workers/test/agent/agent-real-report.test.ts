import { describe, expect, it } from "vitest";
import { auditSettingsOf } from "../../src/probing/audit-settings";
import { runEdgeAudit } from "../../src/probing/edge-audit";
import { api, signedUpWithToken } from "../api/accounts";
import { labServices } from "../pipeline/seed";
import { asAgent, createAgent, createMonitor } from "./agent-fixtures";

/**
 * The report schemas against what core really produces: a full audit of lab domains (DNS tree,
 * probes, certificate findings), sent as an agent's report. A schema stricter than core would
 * refuse the agent's batches for good, so this guards the contract.
 */
describe("an agent's report built by core's audit", () => {
  it.each(["live.sipwatch.test", "expired.sipwatch.test"])("is accepted and shown for %s", async (domain) => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user, domain);
    const agent = await createAgent(user);
    const audit = await runEdgeAudit(
      { monitorId, vantageId: agent.id, target: domain, slowMs: 1000 },
      auditSettingsOf(labServices().config),
    );
    expect(audit.summary.status).not.toBe("error");
    const { vantageId: _vantage, ...fields } = audit;
    const posted = await asAgent(agent.token, "/agent/reports", {
      reports: [{ reportId: crypto.randomUUID(), ...fields }],
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({ results: [{ status: "stored" }] });
    const view = (await (await api(`/monitors/${monitorId}/report`, { as: user })).json()) as {
      vantages: { vantageId: string; dns: { resolution: unknown } | null; findings: unknown[] }[];
    };
    const mine = view.vantages.find((v) => v.vantageId === agent.id);
    expect(mine?.dns?.resolution).toEqual(JSON.parse(JSON.stringify(audit.resolution)));
    expect(mine?.findings).toHaveLength(audit.findings.length);
  });
});
