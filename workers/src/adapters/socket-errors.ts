import type { ConnectOutcome } from "@sipwatch/core";

export type ConnectFailure = Exclude<ConnectOutcome, "connected">;

/**
 * workerd reports socket failures as plain Errors with only a message (no errno), so the
 * outcome is read from the wording. "cannot connect to the specified address" is what a refused
 * port gives locally; production uses it for blocked destinations too, which the SSRF guard
 * keeps from ever being dialled.
 */
export function connectOutcomeOf(error: unknown): ConnectFailure {
  const message = errorMessage(error).toLowerCase();
  if (/refused|cannot connect to the specified address/.test(message)) return "refused";
  if (/timed out|timeout/.test(message)) return "timeout";
  if (/reset|connection lost|broken pipe|aborted|closed/.test(message)) return "reset";
  if (/unreachable|no route/.test(message)) return "unreachable";
  return "error";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.message;
  return String(error);
}
