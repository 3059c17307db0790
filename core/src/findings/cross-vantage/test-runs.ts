import { failedRunSummary } from "../../history/summarise-run";
import type { RunSummary, TargetSummary } from "../../history/types";
import type { Transport } from "../../sip/types";

/** A probed sip1.example.com target for the cross-vantage rule tests (TLS on 5061, else 5060). */
export const summaryTarget = (transport: Transport, outcome: string, address = "192.0.2.1"): TargetSummary => ({
  transport,
  host: "sip1.example.com",
  port: transport === "tls" ? 5061 : 5060,
  address,
  outcome,
  connectMs: null,
  sipMs: null,
  sipStatus: null,
  certDaysLeft: null,
});

/** A finished run that probed these targets. */
export const runOf = (...targets: TargetSummary[]): RunSummary =>
  ({ ...failedRunSummary(""), status: "ok", error: undefined, targets }) as RunSummary;
