import { probeKey } from "../audit/probe-plan";
import { simulateClients } from "../simulation/simulate-clients";
import type { ProfileOutcome, TargetExperience } from "../simulation/types";
import type { SipResolution } from "../sip/types";
import type { TargetSummary } from "./types";

/**
 * The full prediction per modelled client (attempts, costs, outcome) for a stored run, replayed
 * from the DNS tree in force and each target's stored outcome, so history keeps the compact run
 * row while the API still answers with the whole contract: `phonesOfRun(snapshot.resolution, run.summary.targets)`.
 */
export function phonesOfRun(resolution: SipResolution, targets: readonly TargetSummary[]): ProfileOutcome[] {
  if (!isReplayable(resolution)) return [];
  // The outbound proxy's entries are not targets the phones' RFC 3263 walk meets (as in the live audit).
  const byKey = new Map(targets.filter((t) => !t.via).map((t) => [probeKey(t), experienceOf(t)]));
  return simulateClients(resolution, (candidate) => byKey.get(probeKey(candidate)) ?? { reachability: "unknown" });
}

/** A stored target outcome ("ok", "refused", "sip-timeout", "untrusted", ...) as a phone meets it. */
function experienceOf(target: TargetSummary): TargetExperience {
  const { outcome, register } = target;
  // Where the monitor's test account registered, that decides, as in the live audit (probe-reachability.ts).
  // A status the monitor counted as up (stored with the run) registers, as the audit judged it.
  const refused =
    register &&
    register.outcome !== "registered" &&
    register.outcome !== "no-contact-in-200" &&
    register.counted !== "up";
  if (outcome === "ok" && register && refused) {
    const status = register.status !== null ? ` (${register.status})` : "";
    return register.outcome === "timeout"
      ? { reachability: "timeout", detail: "no answer to REGISTER" }
      : { reachability: "failed", detail: `REGISTER ${register.outcome}${status}` };
  }
  if (outcome === "ok") return { reachability: "ok" };
  if (outcome.startsWith("skipped-")) return { reachability: "unknown" };
  if (outcome === "untrusted") {
    const expired = target.certDaysLeft !== null && target.certDaysLeft < 0;
    return { reachability: "ok", certificateRejected: expired ? "certificate expired" : "certificate rejected" };
  }
  if (outcome === "refused" || outcome === "sip-refused") return { reachability: "refused", detail: "refused" };
  if (outcome === "timeout" || outcome === "sip-timeout") return { reachability: "timeout", detail: "no answer" };
  if (outcome === "sip-reset") return { reachability: "failed", detail: "closes the connection", closed: true };
  // The wrong transport behind the port, as Kamailio 5.8 answers it: a plain listener says
  // nothing to a ClientHello, a TLS listener closes on a plaintext REGISTER.
  if (outcome === "speaks-plain-sip") return { reachability: "timeout", detail: "speaks plain SIP, not TLS" };
  if (outcome === "speaks-tls") return { reachability: "failed", detail: "speaks TLS, not plain TCP", closed: true };
  return { reachability: "failed", detail: outcome };
}

/**
 * An agent's stored resolution is its own JSON (an older agent's, or a hostile one's): replay
 * only a tree with the parts the client plans walk, and show no phones rather than fail the report.
 */
function isReplayable(resolution: SipResolution): boolean {
  const r = (resolution ?? {}) as Partial<Record<keyof SipResolution, unknown>>;
  const target = r.target as Partial<SipResolution["target"]> | undefined;
  return (
    typeof target?.host === "string" &&
    typeof target.hostKind === "string" &&
    typeof r.branch === "string" &&
    Array.isArray(r.naptrRecords) &&
    Array.isArray(r.candidates) &&
    isObject(r.srv) &&
    isObject(r.hosts)
  );
}

const isObject = (x: unknown): x is object => typeof x === "object" && x !== null && !Array.isArray(x);
