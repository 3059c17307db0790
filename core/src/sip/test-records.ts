import type { DnsRecord } from "../dns/types";

/** Compact record makers for tests: `srv("_sip._tcp.example.com", 10, 60, 5060, "sip1.example.com")`. */
export const a = (name: string, address: string, ttl = 300): DnsRecord => ({ type: "A", name, ttl, address });
export const aaaa = (name: string, address: string, ttl = 300): DnsRecord => ({ type: "AAAA", name, ttl, address });
export const cname = (name: string, target: string, ttl = 300): DnsRecord => ({ type: "CNAME", name, ttl, target });
export const srv = (
  name: string,
  priority: number,
  weight: number,
  port: number,
  target: string,
  ttl = 300,
): DnsRecord => ({
  type: "SRV",
  name,
  ttl,
  priority,
  weight,
  port,
  target,
});
export const naptr = (
  name: string,
  order: number,
  preference: number,
  services: string,
  replacement: string,
  flags = "s",
  regexp = "",
  ttl = 300,
): DnsRecord => ({ type: "NAPTR", name, ttl, order, preference, flags, services, regexp, replacement });
