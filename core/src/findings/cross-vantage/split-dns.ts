import { type RecordSet, recordSetKey } from "../../history/index";
import type { Finding } from "../types";
import { regionName } from "./region-only";
import type { VantageRecordSets } from "./vantage-dns-disagree";
import { isAgentVantage, isRegionVantage } from "./vantage-kind";

const CONCLUSIVE = new Set(["answer", "nodata", "nxdomain"]);

/** How one question looks from one agent against the regions. */
interface QuestionView {
  name: string;
  type: string;
  agent: string[];
  /** Per region that got a conclusive answer. */
  regions: Record<string, string[]>;
}

const answerText = (set: RecordSet) => (set.data.length > 0 ? [...set.data].sort() : [`(${set.status})`]);

/**
 * The agent's conclusive answers beside the regions'. A question the regions never asked
 * (internal DNS pointed the agent somewhere else) has no region entries.
 */
function questionViews(agent: VantageRecordSets, regions: readonly VantageRecordSets[]): QuestionView[] {
  const out: QuestionView[] = [];
  for (const set of agent.recordSets) {
    if (!CONCLUSIVE.has(set.status)) continue;
    const seen: Record<string, string[]> = {};
    for (const region of regions) {
      const same = region.recordSets.find((s) => recordSetKey(s) === recordSetKey(set));
      if (same && CONCLUSIVE.has(same.status)) seen[region.vantageId] = answerText(same);
    }
    out.push({ name: set.name, type: set.type, agent: answerText(set), regions: seen });
  }
  return out;
}

const hasRecords = (data: readonly string[]) => data.length > 0 && !data[0]?.startsWith("(");
const onlyInside = (q: QuestionView) => hasRecords(q.agent) && !Object.values(q.regions).some(hasRecords);

/**
 * split-dns.mismatch and split-dns.internal-only: each agent's record sets (its internal
 * resolvers) against the regions' (public resolvers). Records only the agent sees mean phones
 * outside cannot find those servers; records that differ mean inside and outside phones reach
 * different servers. Needs at least one region with a report; timeouts are no opinion.
 */
export function splitDns(views: readonly VantageRecordSets[]): Finding[] {
  const regions = views.filter(
    (v) => isRegionVantage(v.vantageId) && v.recordSets.some((s) => CONCLUSIVE.has(s.status)),
  );
  if (regions.length === 0) return [];
  const findings: Finding[] = [];
  for (const agent of views.filter((v) => isAgentVantage(v.vantageId))) {
    const questions = questionViews(agent, regions);
    const inside = questions.filter(onlyInside);
    const differing = questions.filter(
      (q) =>
        !onlyInside(q) &&
        Object.keys(q.regions).length > 0 &&
        !Object.values(q.regions).some((r) => r.join("\n") === q.agent.join("\n")),
    );
    if (inside.length > 0) findings.push(internalOnly(agent.vantageId, inside, regions));
    if (differing.length > 0) findings.push(mismatch(agent.vantageId, differing));
  }
  return findings;
}

const label = (q: QuestionView) => `${q.name} ${q.type}`;

function internalOnly(agentId: string, inside: QuestionView[], regions: readonly VantageRecordSets[]): Finding {
  // With no public record at all, nobody outside can even start the RFC 3263 walk.
  const nothingPublic = !regions.some((r) => r.recordSets.some((s) => s.status === "answer" && s.data.length > 0));
  return {
    id: "split-dns.internal-only",
    severity: nothingPublic ? "critical" : "warning",
    title: `${inside.length === 1 ? label(inside[0] as QuestionView) : `${inside.length} record sets`} exist only inside (agent ${agentId})`,
    detail: `The agent's resolvers answer ${inside.map(label).join(", ")}, which public resolvers do not have, so phones outside the network ${nothingPublic ? "cannot find the SIP service at all and cannot register" : "cannot reach those servers"}.`,
    fix: "If remote phones should register, publish these records in the public zone with public addresses; if the service is internal on purpose, ignore this for remote users.",
    subject: agentId,
    evidence: {
      agent: agentId,
      records: inside.map((q) => ({ name: q.name, type: q.type, inside: q.agent, outside: q.regions })),
    },
  };
}

function mismatch(agentId: string, differing: QuestionView[]): Finding {
  return {
    id: "split-dns.mismatch",
    severity: "warning",
    title: `Inside and outside see different answers for ${differing.map(label).join(", ")}`,
    detail: `The agent ${agentId} gets ${differing.map((q) => `${label(q)}: ${q.agent.join(", ")}`).join("; ")}, while public resolvers give ${differing
      .map(
        (q) =>
          `${label(q)}: ${Object.entries(q.regions)
            .map(([r, d]) => `${regionName(r)} ${d.join(", ")}`)
            .join(" / ")}`,
      )
      .join(
        "; ",
      )}. Phones inside and outside reach different servers: intended with split DNS, but a stale internal zone sends inside phones to servers that moved.`,
    fix: "Compare the internal and the public zone; when the difference is not intended, update the internal copy (or its forwarders) to match the public zone.",
    subject: agentId,
    evidence: {
      agent: agentId,
      records: differing.map((q) => ({ name: q.name, type: q.type, inside: q.agent, outside: q.regions })),
    },
  };
}
