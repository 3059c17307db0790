import { type LabCertName, labPki } from "./certs";
import { startLabDns } from "./dns-server";
import { LAB_REGISTRAR_ACCOUNT, startHostileRegistrar } from "./hostile-registrar";
import { findKamailio, startKamailio } from "./kamailio";
import { closedPort } from "./listeners";
import { type LiveTransport, liveZone } from "./live-zones";
import { startSipLab } from "./sip-servers";
import { viewWithHostAddress, viewWithInternalSrvTarget } from "./zone-views";
import { type LabZone, labZones } from "./zones";

/**
 * The lab `npm start` runs beside the local Worker: every demo case answers on loopback, so the
 * edge's probes, certificates and findings are real with no internet. Two DNS views serve the
 * same zones except `split.sipwatch.test`, whose SIP server has another address in the second
 * view, the way two public resolvers can disagree. A third view is an office's internal DNS,
 * for agents: there `split.sipwatch.test` sends UDP to `pbx.split.sipwatch.test`, a name only
 * the inside knows (split-dns.mismatch and split-dns.internal-only).
 */
export interface DemoCase {
  domain: string;
  description: string;
  /** What the demo monitor should report (finding ids), for the README and the smoke test. */
  expect: string[];
  /** A SIP test account the demo stores on the monitor (encrypted, through the API) so the regions REGISTER. */
  register?: { user: string; password: string };
}

/** The registrar case: Debian's Kamailio with auth_db and usrloc, or the lab's own registrar without it. */
export const REGISTER_CASE: DemoCase = {
  domain: "register.sipwatch.test",
  description: "a registrar (Kamailio): the demo test account REGISTERs over TCP and TLS, then unregisters",
  expect: [],
  register: { user: LAB_REGISTRAR_ACCOUNT.user, password: LAB_REGISTRAR_ACCOUNT.password },
};

interface LiveCase extends DemoCase {
  certificate: LabCertName;
  transports: LiveTransport[];
  /** Advertise TLS in DNS but leave nothing listening there. */
  tlsClosed?: boolean;
}

const LIVE_CASES: LiveCase[] = [
  {
    domain: "live.sipwatch.test",
    description: "TLS, TCP and UDP answer; the bare domain has no address",
    expect: ["dns.domain.no-address"],
    certificate: "valid",
    transports: ["tls", "tcp", "udp"],
  },
  {
    domain: "expired.sipwatch.test",
    description: "the TLS certificate has expired",
    expect: ["tls.cert.expired", "fallback.none"],
    certificate: "expired",
    transports: ["tls", "tcp", "udp"],
  },
  {
    domain: "tls-closed.sipwatch.test",
    description: "TLS is advertised but its port is closed",
    expect: ["transport.tcp.unreachable", "fallback.none"],
    certificate: "valid",
    transports: ["tls", "tcp", "udp"],
    tlsClosed: true,
  },
  {
    domain: "udp-only.sipwatch.test",
    description: "only UDP is offered: the edge cannot probe UDP, an agent can",
    expect: [],
    certificate: "valid",
    transports: ["udp"],
  },
  {
    domain: "split.sipwatch.test",
    description: "split answers: the second resolver gives sip1 another address",
    expect: ["dns.resolver.disagree", "vantage.region-only"],
    certificate: "valid",
    transports: ["tls", "tcp", "udp"],
  },
];

/** DNS-only lab zones that make good monitors too (their addresses are documentation ranges). */
const DNS_CASES = ["nosrv.sipwatch.test", "cname-target.sipwatch.test"];

/** Every demo monitor `npm start` creates, with the findings its report should carry. */
export const DEMO_CASES: DemoCase[] = [
  ...LIVE_CASES.map(({ domain, description, expect }) => ({ domain, description, expect })),
  ...DNS_CASES.map((domain) => {
    const zone = labZones.find((z) => z.origin === domain);
    if (!zone) throw new Error(`lab zone ${domain} is missing`);
    return { domain, description: zone.description, expect: zone.expect };
  }),
  REGISTER_CASE,
];

export interface DemoLab {
  dohUrls: [string, string];
  dnsPort: number;
  /** UDP and TCP port of the office view, the resolver an agent inside would use. */
  officeDnsPort: number;
  caPems: string[];
  cases: DemoCase[];
  zones: LabZone[];
  close(): Promise<void>;
}

/** The office view's internal PBX name for split.sipwatch.test's UDP (the real lab server, 127.0.0.1). */
export const OFFICE_PBX = "pbx.split.sipwatch.test";

export async function startDemoLab(ports: {
  dns: number;
  doh: number;
  otherViewDoh: number;
  officeDns: number;
}): Promise<DemoLab> {
  const live = await Promise.all([...LIVE_CASES.map(startCase), startRegistrarCase()]);
  const zones = [...labZones, ...live.map((l) => l.zone)];
  // The second view: identical except that split.'s sip1 points at a loopback address nobody listens on.
  const otherView = viewWithHostAddress(zones, "split.sipwatch.test", "sip1", "127.0.0.9");
  const main = await startLabDns({ zones, udpPort: ports.dns, tcpPort: ports.dns, httpPort: ports.doh });
  const other = await startLabDns({ zones: otherView, httpPort: ports.otherViewDoh });
  // Same servers, reached inside by an internal name: the agent's probes still answer.
  const officeView = viewWithInternalSrvTarget(zones, "split.sipwatch.test", "_sip._udp", "pbx", "127.0.0.1");
  const office = await startLabDns({ zones: officeView, udpPort: ports.officeDns, tcpPort: ports.officeDns });
  return {
    dohUrls: [main.dohUrl, other.dohUrl],
    dnsPort: main.udpPort,
    officeDnsPort: office.udpPort,
    caPems: live.map((l) => l.caPem),
    cases: DEMO_CASES,
    zones,
    close: async () => {
      await Promise.all([main.close(), other.close(), office.close(), ...live.map((l) => l.close())]);
    },
  };
}

/**
 * register.sipwatch.test: Kamailio as a registrar (auth_db over db_text, usrloc) when Debian's
 * kamailio is installed, as in CI; otherwise the lab's small digest registrar on the same
 * transports, so the demo still registers. Either way the zone advertises UDP, TCP and TLS.
 */
async function startRegistrarCase() {
  const { domain } = REGISTER_CASE;
  const pki = await labPki({ domain, host: `sip1.${domain}` });
  const cert = pki.certificates.valid;
  const account = REGISTER_CASE.register ?? LAB_REGISTRAR_ACCOUNT;
  if (findKamailio()) {
    const kamailio = await startKamailio({
      tls: { certPem: cert.chainPem, keyPem: cert.keyPem },
      registrar: { domain, subscribers: [account], algorithm: "SHA-256" },
    });
    return {
      zone: liveZone(domain, kamailio.ports, REGISTER_CASE.description),
      caPem: pki.caPem,
      close: kamailio.close,
    };
  }
  console.warn("kamailio is not installed: register.sipwatch.test uses the lab's own registrar");
  const own = await startHostileRegistrar("honest", { cert: cert.chainPem, key: cert.keyPem });
  const { udp, tcp, tls } = own.ports;
  return { zone: liveZone(domain, { udp, tcp, tls }, REGISTER_CASE.description), caPem: pki.caPem, close: own.close };
}

async function startCase(c: LiveCase) {
  const pki = await labPki({ domain: c.domain, host: `sip1.${c.domain}` });
  const cert = pki.certificates[c.certificate];
  const listening = c.transports.filter((t) => !(t === "tls" && c.tlsClosed));
  const sip = await startSipLab({ transports: listening, tls: { cert: cert.chainPem, key: cert.keyPem } });
  const port = async (t: LiveTransport) => (t === "tls" && c.tlsClosed ? closedPort() : (sip.ports[t] as number));
  const ports = Object.fromEntries(await Promise.all(c.transports.map(async (t) => [t, await port(t)] as const)));
  return { zone: liveZone(c.domain, ports, c.description), caPem: pki.caPem, close: () => sip.close() };
}
