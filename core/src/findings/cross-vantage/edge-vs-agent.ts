import type { RunSummary } from "../../history/types";
import { formatHostPort } from "../../sip/host-port";
import { TRANSPORT_LABEL } from "../../sip/transports";
import type { Transport } from "../../sip/types";
import type { Finding } from "../types";
import { regionName, type VantageRun } from "./region-only";
import { isAgentVantage, isRegionVantage } from "./vantage-kind";

interface Endpoint {
  transport: Transport;
  host: string;
  port: number;
  ok: boolean;
  outcome: string;
}

/** Per server (transport host:port) probed by this run: up when any of its addresses answered. */
function endpointsOf(summary: RunSummary): Map<string, Endpoint> {
  const out = new Map<string, Endpoint>();
  if (summary.status === "error") return out;
  for (const t of summary.targets) {
    if (t.outcome.startsWith("skipped-")) continue;
    const key = `${t.transport} ${formatHostPort(t.host, t.port)}`;
    const was = out.get(key);
    out.set(key, {
      transport: t.transport,
      host: t.host,
      port: t.port,
      ok: (was?.ok ?? false) || t.outcome === "ok",
      outcome: was?.outcome ?? t.outcome,
    });
  }
  return out;
}

/**
 * vantage.edge-vs-agent: a server answers the agent inside the network but from no region (a
 * firewall or NAT rule that only lets the inside in), or answers every region but not the
 * agent (an internal route, proxy or ACL that breaks phones in the office). Only servers both
 * sides probed count: the edge has no UDP, and skipped targets say nothing.
 */
export function edgeVsAgent(runs: readonly VantageRun[]): Finding[] {
  const regions = runs
    .filter((r) => isRegionVantage(r.vantageId))
    .map((r) => ({ id: r.vantageId, at: endpointsOf(r.summary) }));
  const findings: Finding[] = [];
  for (const agent of runs.filter((r) => isAgentVantage(r.vantageId))) {
    for (const [key, inside] of endpointsOf(agent.summary)) {
      const outside = regions.flatMap((r) => {
        const e = r.at.get(key);
        return e ? [{ region: r.id, ...e }] : [];
      });
      if (outside.length === 0) continue;
      const edgeOk = outside.some((e) => e.ok);
      if (edgeOk === inside.ok) continue;
      const server = `${TRANSPORT_LABEL[inside.transport]} server ${formatHostPort(inside.host, inside.port)}`;
      const edgeOutcomes = Object.fromEntries(outside.map((e) => [regionName(e.region), e.outcome]));
      findings.push({
        id: "vantage.edge-vs-agent",
        severity: "warning",
        title: inside.ok
          ? `${server} answers inside the network (agent ${agent.vantageId}) but not from the internet`
          : `${server} answers from the internet but not inside the network (agent ${agent.vantageId})`,
        detail: inside.ok
          ? `The agent reaches ${key}, every region fails (${outside.map((e) => `${regionName(e.region)}: ${e.outcome}`).join("; ")}). Remote phones cannot use it while office phones can, so problems show up only for home workers and mobile users.`
          : `Every region reaches ${key} while the agent gets ${inside.outcome}. Phones inside the network fall back to another server or transport, or fail, while the service looks healthy from outside.`,
        fix: inside.ok
          ? "Check the firewall, NAT port forwarding and any SIP ALG in front of this server for the public side; make sure the public DNS answer points at the public address."
          : "Check the internal route to this server: outbound firewall rules, a proxy or SIP ALG on the office router, and hairpin NAT when the public name resolves to the public address.",
        subject: `${key} ${agent.vantageId}`,
        evidence: { agent: agent.vantageId, inside: inside.outcome, outside: edgeOutcomes },
      });
    }
  }
  return findings;
}
