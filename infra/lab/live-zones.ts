import { type LabCertName, labPki } from "./certs";
import { type SipLab, startSipLab } from "./sip-servers";
import type { LabRecord, LabZone } from "./zones";

export type LiveTransport = "udp" | "tcp" | "tls";

/** The port of each transport the zone advertises; a transport left out gets no NAPTR or SRV. */
export type LivePorts = Partial<Record<LiveTransport, number>>;

const ADVERTISED = [
  { transport: "tls", order: 10, service: "SIPS+D2T", owner: "_sips._tcp" },
  { transport: "tcp", order: 20, service: "SIP+D2T", owner: "_sip._tcp" },
  { transport: "udp", order: 30, service: "SIP+D2U", owner: "_sip._udp" },
] as const;

/**
 * A zone whose NAPTR/SRV lead to SIP servers listening on `address` (127.0.0.1 unless given):
 * TLS first, then TCP and UDP (those in `ports`), one target (sip1) each. The apex has no
 * address: these zones exist to be probed.
 */
export function liveZone(
  origin: string,
  ports: LivePorts,
  description = "SIP servers on loopback",
  address = "127.0.0.1",
): LabZone {
  const host = `sip1.${origin}`;
  const soa = {
    mname: `ns1.${origin}`,
    rname: `hostmaster.${origin}`,
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minimum: 300,
  };
  const naptr = (order: number, services: string, owner: string): LabRecord => ({
    name: origin,
    type: "NAPTR",
    data: { order, preference: 10, flags: "s", services, regexp: "", replacement: `${owner}.${origin}` },
  });
  const srv = (owner: string, port: number): LabRecord => ({
    name: `${owner}.${origin}`,
    type: "SRV",
    data: { priority: 10, weight: 10, port, target: host },
  });
  return {
    origin,
    description,
    expect: [],
    records: [
      { name: origin, type: "SOA", data: soa },
      { name: origin, type: "NS", data: `ns1.${origin}` },
      { name: `ns1.${origin}`, type: "A", data: "127.0.0.1" },
      ...ADVERTISED.filter((a) => ports[a.transport] !== undefined).flatMap((a) => [
        naptr(a.order, a.service, a.owner),
        srv(a.owner, ports[a.transport] as number),
      ]),
      { name: host, type: "A", data: address },
    ],
  };
}

/** A SIP lab for `origin` serving the named lab certificate, and its zone. */
export async function startLiveService(origin: string, certificate: LabCertName, description: string) {
  const pki = await labPki({ domain: origin, host: `sip1.${origin}` });
  const cert = pki.certificates[certificate];
  const sip: SipLab = await startSipLab({
    transports: ["udp", "tcp", "tls"],
    tls: { cert: cert.chainPem, key: cert.keyPem },
  });
  const ports = { udp: sip.ports.udp as number, tcp: sip.ports.tcp as number, tls: sip.ports.tls as number };
  return { zone: liveZone(origin, ports, description), caPem: pki.caPem, sip, close: () => sip.close() };
}
