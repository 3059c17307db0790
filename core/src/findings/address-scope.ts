import ipaddr from "ipaddr.js";

export type AddressScope =
  | "public"
  | "private"
  | "cgnat"
  | "loopback"
  | "link-local"
  | "unique-local"
  | "unspecified"
  | "multicast"
  | "reserved"
  | "documentation";

// RFC 5737 and RFC 3849. ipaddr.js files them under "reserved" together with 240/4 and
// benchmarking space; sipwatch's lab and examples use them, so they get their own scope.
const DOCUMENTATION_RANGES = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].map((cidr) =>
  ipaddr.parseCIDR(cidr),
);

// Ranges ipaddr.js names that route on the public internet (6to4, Teredo, NAT64, AS112, AMT...).
const SCOPE_BY_RANGE: Record<string, AddressScope> = {
  unicast: "public",
  private: "private",
  carrierGradeNat: "cgnat",
  loopback: "loopback",
  linkLocal: "link-local",
  uniqueLocal: "unique-local",
  // fec0::/10, the deprecated predecessor of ULA (RFC 3879): internal addressing all the same.
  deprecatedSiteLocal: "unique-local",
  unspecified: "unspecified",
  multicast: "multicast",
  broadcast: "reserved",
  reserved: "reserved",
  benchmarking: "reserved",
  discard: "reserved",
  deprecatedOrchid: "reserved",
  orchid2: "reserved",
  droneRemoteIdProtocolEntityTags: "reserved",
  segmentRouting: "reserved",
};

/**
 * Where an address can be reached from: `addressScope("10.0.0.5")` is "private",
 * `addressScope("192.0.2.10")` is "documentation". IPv4-mapped IPv6 is judged as its IPv4 address.
 * Returns "reserved" for text that is not an address at all.
 */
export function addressScope(address: string): AddressScope {
  if (!ipaddr.isValid(address)) return "reserved";
  // process() unwraps ::ffff:a.b.c.d, which a resolver may hand back in an AAAA answer.
  const parsed = ipaddr.process(address);
  for (const [network, bits] of DOCUMENTATION_RANGES) {
    if (parsed.kind() === network.kind() && parsed.match(network, bits)) return "documentation";
  }
  return SCOPE_BY_RANGE[parsed.range()] ?? "public";
}

/** True when clients on the public internet could reach the address (documentation ranges included, for the lab). */
export function isPubliclyRoutable(address: string): boolean {
  const scope = addressScope(address);
  return scope === "public" || scope === "documentation";
}
