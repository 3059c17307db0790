import type { Finding } from "../types";
import { allLookups } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.resolver.error: no usable answer at all (timeout, malformed or truncated response, REFUSED).
 * Nothing is known about the name from this lookup, so the other rules stay silent about it.
 */
export const resolverError: DiscoveryRule = (resolution) => {
  const byName = new Map<string, { type: string; status: string; error?: string; server?: string }[]>();
  for (const lookup of allLookups(resolution)) {
    if (lookup.status !== "error" && lookup.status !== "refused") continue;
    const failures = byName.get(lookup.question.name) ?? [];
    failures.push({
      type: lookup.question.type,
      status: lookup.status,
      ...(lookup.error !== undefined ? { error: lookup.error } : {}),
      ...(lookup.server !== undefined ? { server: lookup.server } : {}),
    });
    byName.set(lookup.question.name, failures);
  }
  return [...byName].map(([name, failures]): Finding => {
    const reasons = [...new Set(failures.map((f) => f.error ?? f.status))].join("; ");
    return {
      id: "dns.resolver.error",
      severity: "warning",
      title: `${resolution.resolver} gave no answer for ${name} ${failures.map((f) => f.type).join("/")}`,
      detail: `The lookup failed (${reasons}). Clients using a resolver in the same situation retry and register late, or not at all if it keeps failing.`,
      fix: `Check that every authoritative server for ${name} answers over UDP and TCP and returns well-formed responses; if only this resolver fails, the problem may be on the resolver's side.`,
      subject: name,
      evidence: { resolver: resolution.resolver, question: failures.map((f) => ({ name, ...f })) },
    };
  });
};
