import type { AlertAction, AlertFinding } from "@sipwatch/core";
import { vantageName } from "@sipwatch/core";
import type { AlertMessage } from "./types";

/** "region:weur" -> "weur"; agents keep their id, which their owners recognise (core's catalogue). */
export { vantageName };

/** The one line every channel leads with: what happened to which monitor. */
export function headline(message: AlertMessage): string {
  const { name } = message.monitor;
  const action = message.action;
  switch (action.kind) {
    case "opened":
      return `${name} is failing`;
    case "reminder":
      return `${name} is still failing`;
    case "resolved":
      return `${name} has recovered`;
    case "acknowledged":
      return `${name}: the incident was acknowledged`;
    case "flapping":
      return `${name} is flapping: alerts paused until it is stable`;
    case "cert-expiring":
      return `The TLS certificate of ${name} expires in ${action.daysLeft} day${action.daysLeft === 1 ? "" : "s"}`;
    case "test":
      return `Test notification for ${name}`;
  }
}

/** Where, since when and for how long, in words. */
export function circumstances(action: AlertAction): string {
  switch (action.kind) {
    case "opened":
    case "reminder": {
      const where = action.failingVantages.map(vantageName).join(", ") || "every vantage";
      return `Failing from ${where} since ${iso(action.since)}.`;
    }
    case "resolved":
      return `Back to normal after ${duration(action.at - action.since)} (since ${iso(action.since)}).`;
    case "acknowledged":
      return `Acknowledged by ${action.by} after ${duration(action.at - action.since)}; reminders stop.`;
    case "flapping":
      return `${action.changes} state changes within ${duration(action.windowMs)}; one notice instead of one per change.`;
    case "cert-expiring":
      return `Reminders go out at 30, 14, 7 and 1 days; this is the ${action.threshold}-day one.`;
    case "test":
      return "This channel works: sipwatch alerts will arrive here.";
  }
}

/** The incident's findings, one per broken thing, however many regions saw it. */
export function findingsOf(action: AlertAction): AlertFinding[] {
  return action.kind === "opened" || action.kind === "reminder" ? action.findings : [];
}

export function findingLine(finding: AlertFinding): string {
  return `${finding.title} (seen from ${finding.vantageIds.map(vantageName).join(", ")}). Fix: ${finding.fix}`;
}

/** The message as plain text: email's text part and the webhook's `text` field. */
export function plainText(message: AlertMessage): string {
  const lines = [headline(message), "", `${message.monitor.target}: ${circumstances(message.action)}`];
  const findings = findingsOf(message.action);
  if (findings.length > 0) lines.push("", ...findings.map((f) => `- ${findingLine(f)}`));
  lines.push("", `Open the monitor: ${message.link}`);
  return lines.join("\n");
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
