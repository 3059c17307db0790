import type { Finding } from "../types";
import { allLookups } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.resolver.servfail: the resolver answered SERVFAIL, most often because DNSSEC validation
 * failed (expired signatures, a DS without matching DNSKEY) or the authoritative servers are lame.
 */
export const resolverServfail: DiscoveryRule = (resolution) => {
  const legacyOwners = new Set(
    Object.values(resolution.srv)
      .filter((node) => node.origin === "legacy")
      .map((node) => node.owner),
  );
  const byName = new Map<string, string[]>();
  for (const lookup of allLookups(resolution)) {
    if (lookup.status !== "servfail") continue;
    byName.set(lookup.question.name, [...(byName.get(lookup.question.name) ?? []), lookup.question.type]);
  }
  return [...byName].map(([name, types]): Finding => {
    // No RFC 3263 client asks for `_sip._tls`: failing there hurts nobody directly.
    const onlyLegacy = legacyOwners.has(name) && types.every((type) => type === "SRV");
    return {
      id: "dns.resolver.servfail",
      severity: onlyLegacy ? "warning" : "critical",
      title: `${resolution.resolver} answers SERVFAIL for ${name} ${types.join("/")}`,
      detail: `Every client behind a validating resolver like this one gets no answer for ${name} and cannot use it. SERVFAIL usually means DNSSEC validation failed (expired signatures, a DS record without a matching key) or the authoritative servers do not answer.`,
      fix: `Check the zone with a DNSSEC debugger (DNSViz, delv +vtrace) and re-sign it or fix the DS record at the registrar; check that every NS for the zone answers.`,
      subject: name,
      evidence: {
        question: types.map((type) => ({ name, type })),
        resolver: resolution.resolver,
      },
    };
  });
};
