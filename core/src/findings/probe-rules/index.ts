import { registerRules } from "../register-rules/index";
import { dedupeFindings } from "../rules/resolution-facts";
import { type Finding, sortFindings } from "../types";
import { certChainIncomplete } from "./cert-chain-incomplete";
import { certExpired } from "./cert-expired";
import { certExpiring } from "./cert-expiring";
import { certNameMismatchDomain } from "./cert-name-mismatch-domain";
import { certNameMismatchTarget } from "./cert-name-mismatch-target";
import { certNotYetValid } from "./cert-not-yet-valid";
import { certUntrusted } from "./cert-untrusted";
import { certWildcard } from "./cert-wildcard";
import { keyWeak } from "./key-weak";
import type { ProbeRule, ProbeRuleInput } from "./rule";
import { sipErrorStatus } from "./sip-error-status";
import { sipPrivateAddressInHeaders } from "./sip-private-address-in-headers";
import { sipRecordRouteIp } from "./sip-record-route-ip";
import { sipSlow } from "./sip-slow";
import { tcpUnreachable } from "./tcp-unreachable";
import { tlsHandshakeFailed } from "./tls-handshake-failed";
import { tlsVersionLegacy } from "./tls-version-legacy";
import { transportMismatchRule } from "./transport-mismatch";
import { udpLargeMessage } from "./udp-large-message";
import { udpNoResponse } from "./udp-no-response";
import { wsUpgradeFailed } from "./ws-upgrade-failed";

export { daysLeftSeverity, expirySeverity, expiryThresholds } from "./cert-expiring";
export { type CrossCheckAnswer, crossCheckAnswer } from "./cross-check-facts";
export { type TransportMismatch, transportMismatch } from "./probe-facts";
export { DEFAULT_SIP_SLOW_MS, type ProbeRule, type ProbeRuleInput } from "./rule";

/** Every rule that judges probe results (transports, SIP answers, TLS certificates). */
export const probeRules: ProbeRule[] = [
  tcpUnreachable,
  tlsHandshakeFailed,
  transportMismatchRule,
  udpNoResponse,
  udpLargeMessage,
  sipErrorStatus,
  sipSlow,
  sipPrivateAddressInHeaders,
  sipRecordRouteIp,
  wsUpgradeFailed,
  certExpired,
  certNotYetValid,
  certExpiring,
  certNameMismatchDomain,
  certNameMismatchTarget,
  certWildcard,
  certUntrusted,
  certChainIncomplete,
  tlsVersionLegacy,
  keyWeak,
  ...registerRules,
];

/**
 * All probe findings, one per id and subject (the most severe kept), most severe first:
 * `runProbeRules({ resolution, probes: await runProbes(...), now: new Date(), slowMs: 1000 })`.
 */
export function runProbeRules(input: ProbeRuleInput): Finding[] {
  return sortFindings(dedupeFindings(probeRules.flatMap((rule) => rule(input))));
}
