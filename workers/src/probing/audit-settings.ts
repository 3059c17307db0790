import type { Config } from "../env";
import { type AuditSettings, DEFAULT_AUDIT_DEADLINE_MS, DEFAULT_PROBE_TIMEOUT_MS } from "./audit-job";

/** The probers' settings from the parsed config: only the lab may probe loopback or trust its CA. */
export function auditSettingsOf(config: Config): AuditSettings {
  return {
    dohEndpoints: config.dohEndpoints,
    extraCaPems: config.lab ? config.labCaPems : [],
    allowLoopback: config.lab,
    probeTimeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
    deadlineMs: DEFAULT_AUDIT_DEADLINE_MS,
  };
}
