import type { AuditReport, ProfileOutcome } from "@sipwatch/core";
import type { PhoneRun } from "./phone-run";

/**
 * The one place where a real phone's run meets sipwatch's prediction for it, so a change of the
 * report's shape is adapted here only. Both sides become the same plain view: the candidates in
 * the order first tried, "transport address:port" (a phone going through its target list a
 * second time adds no candidate and changes nothing about where it ends up), and the outcome.
 */
export interface AttemptView {
  attempts: string[];
  outcome: string;
}

/** How far the predicted time to register may be from the measured one (phone start-up, load). */
export const REGISTER_TIME_TOLERANCE_MS = 6000;

export function predictionFor(report: AuditReport, profile: string): ProfileOutcome {
  const profiles = report.profiles;
  const prediction = profiles.find((p) => p.profile === profile);
  if (!prediction) {
    throw new Error(
      `the audit report has no profile "${profile}" (it has: ${profiles.map((p) => p.profile).join(", ") || "none"})`,
    );
  }
  return prediction;
}

export function predictedView(prediction: ProfileOutcome): AttemptView & { afterMs: number | null } {
  const outcome = prediction.outcome;
  return {
    attempts: firstOccurrences(prediction.attempts.map((a) => where(a.candidate))),
    outcome: outcome.registered && outcome.candidate ? `registered ${where(outcome.candidate)}` : "not registered",
    afterMs: outcome.registered ? outcome.afterMs : null,
  };
}

export function observedView(run: PhoneRun<unknown>): AttemptView & { afterMs: number | null } {
  return {
    attempts: firstOccurrences(run.attempts.map(where)),
    outcome: run.registeredAt ? `registered ${where(run.registeredAt)}` : "not registered",
    afterMs: run.registeredAfterMs,
  };
}

function where(c: { transport: string; address: string; port: number }): string {
  return `${c.transport.toLowerCase()} ${c.address}:${c.port}`;
}

function firstOccurrences(items: string[]): string[] {
  return [...new Set(items)];
}
