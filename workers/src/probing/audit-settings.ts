import type { Config } from "../env";
import { type AuditSettings, DEFAULT_AUDIT_DEADLINE_MS, DEFAULT_PROBE_TIMEOUT_MS, REGIONS } from "./audit-job";

/**
 * A region asks the resolver at its position in REGIONS (modulo the number of endpoints)
 * first and keeps the others as fallbacks. Regions of one monitor thus tend to ask different
 * public resolvers, and the cross-vantage comparison of their answers (dns.resolver.disagree)
 * compares resolvers too, at no extra DNS cost per audit.
 */
export function settingsForRegion(settings: AuditSettings, region: string): AuditSettings {
  const endpoints = settings.resolvers;
  const index = (REGIONS as readonly string[]).indexOf(region);
  if (index < 0 || endpoints.length < 2) return settings;
  const first = index % endpoints.length;
  return { ...settings, resolvers: [...endpoints.slice(first), ...endpoints.slice(0, first)] };
}

/** The probers' settings from the parsed config: only the lab may probe loopback or trust its CA. */
export function auditSettingsOf(config: Config): AuditSettings {
  return {
    resolvers: config.resolvers,
    extraCaPems: config.lab ? config.labCaPems : [],
    allowLoopback: config.lab,
    probeTimeoutMs: DEFAULT_PROBE_TIMEOUT_MS,
    deadlineMs: DEFAULT_AUDIT_DEADLINE_MS,
  };
}
