import type { SipResolution } from "./types";

export interface HostAddress {
  address: string;
  family: 4 | 6;
}

/**
 * A host's addresses as the tree recorded them, IPv4 first: RFC 3263 leaves the order open,
 * and most SIP stacks (pjsip, desk phones) ask for A before AAAA.
 */
export function addressesOf(resolution: SipResolution, host: string): HostAddress[] {
  const node = resolution.hosts[host];
  if (!node) return [];
  return [
    ...node.a.records.map((r) => ({ address: r.address, family: 4 as const })),
    ...node.aaaa.records.map((r) => ({ address: r.address, family: 6 as const })),
  ];
}

/** Every address anywhere in the tree, with the host it belongs to. */
export function allAddresses(resolution: SipResolution): Array<HostAddress & { host: string }> {
  return Object.keys(resolution.hosts)
    .sort()
    .flatMap((host) => addressesOf(resolution, host).map((a) => ({ ...a, host })));
}
