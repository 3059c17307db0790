import ipaddr from "ipaddr.js";
import { type AddressScope, addressScope } from "../findings/address-scope";
import { endpointSubject } from "../findings/probe-rules/probe-facts";
import type { Finding } from "../findings/types";
import type { TargetProbes } from "../probe/types";
import type { ProbeGate } from "./run-probes";

export interface EdgeTargetPolicyOptions {
  /** The local lab serves its SIP servers on 127.0.0.1: loopback (and only loopback) is allowed there. */
  allowLoopback: boolean;
}

/**
 * The edge's SSRF guard: a customer's DNS must not make sipwatch connect to addresses inside
 * anyone's network (RFC 1918, ULA fc00::/7, loopback, link-local, CGNAT 100.64/10, multicast,
 * unspecified, reserved, documentation; IPv6 forms that carry an IPv4 address judged as that
 * address, see edgeAddressScope). Production Workers refuse most of these anyway; the policy
 * makes the refusal a reported fact instead of a confusing connect error. Private targets are
 * what agents are for.
 * Example: `runProbes(targets, probers, { timeoutMs, gate: edgeTargetPolicy({ allowLoopback: false }) })`.
 */
export function edgeTargetPolicy(options: EdgeTargetPolicyOptions): ProbeGate {
  return (target) => {
    const scope = edgeAddressRefusal(target.address, options);
    return scope === null ? null : { reason: "not-public", scope };
  };
}

/**
 * The one address policy for everything the edge connects to (SIP targets, alert webhooks):
 * null when it may connect, else the scope that forbids it.
 * Example: `edgeAddressRefusal("64:ff9b::a00:1", { allowLoopback: false }) === "private"`.
 */
export function edgeAddressRefusal(address: string, options: EdgeTargetPolicyOptions): AddressScope | null {
  const scope = edgeAddressScope(address);
  if (scope === "public") return null;
  if (scope === "loopback" && options.allowLoopback) return null;
  return scope;
}

// RFC 6052 well-known NAT64 prefix, RFC 8215 local-use NAT64, RFC 3056 6to4, RFC 4380 Teredo,
// RFC 4291 2.5.5.1 IPv4-compatible (deprecated), RFC 2765 IPv4-translated.
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");
const LOCAL_NAT64 = ipaddr.parseCIDR("64:ff9b:1::/48");
const SIX_TO_FOUR = ipaddr.parseCIDR("2002::/16");
const TEREDO = ipaddr.parseCIDR("2001::/32");
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");
const IPV4_TRANSLATED = ipaddr.parseCIDR("::ffff:0:0:0/96");

/**
 * addressScope, judging IPv6 addresses that carry an IPv4 address (NAT64, 6to4, Teredo's
 * client, IPv4-compatible, IPv4-mapped and -translated) by that IPv4 address: `64:ff9b::7f00:1`
 * reaches 127.0.0.1 through any NAT64 gateway, so it is "loopback", not "public".
 */
export function edgeAddressScope(address: string): AddressScope {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.IPv6.isValid(bare) || ipaddr.IPv4.isValid(bare)) return addressScope(bare);
  const v6 = ipaddr.IPv6.parse(bare);
  if (v6.match(LOCAL_NAT64)) return "private";
  const bytes = v6.toByteArray();
  const embedded = (offset: number, mask = 0) =>
    addressScope(
      bytes
        .slice(offset, offset + 4)
        .map((b) => b ^ mask)
        .join("."),
    );
  if (v6.match(NAT64) || v6.match(IPV4_TRANSLATED)) return embedded(12);
  if (v6.match(SIX_TO_FOUR)) return embedded(2);
  // Teredo: bits 32-63 the server, the last 32 the client's address with every bit flipped.
  if (v6.match(TEREDO)) return worstOf(embedded(4), embedded(12, 0xff));
  // ::/96 also holds :: and ::1, which addressScope names as themselves.
  const unspecifiedOrLoopback = v6.parts.slice(0, 7).every((part) => part === 0) && (v6.parts[7] ?? 0) <= 1;
  if (v6.match(IPV4_COMPATIBLE) && !unspecifiedOrLoopback) return embedded(12);
  return addressScope(bare);
}

const worstOf = (a: AddressScope, b: AddressScope): AddressScope => (a === "public" ? b : a);

/**
 * edge.target.private: targets the edge refused to probe. Info: the discovery rule
 * dns.address.private-in-public already judges what phones suffer; this one says why the edge
 * has no probe result for the target and that an agent inside the network can check it.
 */
export function skippedTargetFindings(probes: readonly TargetProbes[]): Finding[] {
  const bySubject = new Map<string, TargetProbes[]>();
  for (const probe of probes) {
    if (!probe.skipped) continue;
    const subject = endpointSubject(probe.target);
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), probe]);
  }
  return [...bySubject].map(([subject, skipped]) => {
    const addresses = skipped.map((p) => `${p.target.address} (${p.skipped?.scope})`);
    return {
      id: "edge.target.private",
      severity: "info",
      title: `${subject} was not probed: it resolves to a non-public address`,
      detail: `sipwatch does not connect from the cloud to private, loopback, link-local, CGNAT, multicast, reserved or documentation addresses (${addresses.join(", ")}), so this monitor has no cloud result for that server. Phones on the internet cannot reach it either.`,
      fix: "If the server is meant to be internal, run a sipwatch agent inside that network to watch it; if it should be public, publish its public address in DNS.",
      subject,
      evidence: {
        targets: skipped.map((p) => ({
          transport: p.target.transport,
          address: p.target.address,
          port: p.target.port,
          scope: p.skipped?.scope,
        })),
      },
    } satisfies Finding;
  });
}
