/**
 * Runs in Node before the workerd tests: starts the lab's TLS and SIP servers on 127.0.0.1 and
 * hands their ports to the tests through `provide` (workerd has no access to the host's env).
 */
import {
  closedPort,
  HOSTILE_REGISTRAR_MODES,
  type HostileSipMode,
  LAB_REGISTRAR_ACCOUNT,
  type LabCertName,
  labPki,
  startHostileDns,
  startHostileRegistrar,
  startHostileSip,
  startKamailio,
  startLabDns,
  startLiveService,
  startSipLab,
} from "@sipwatch/infra/lab";
import type { TestProject } from "vitest/node";
import { startAlertReceiver } from "./alert-receiver";
import { startBreakableService } from "./breakable-service";
import type { WorkersLab } from "./lab-types";
import { BREAKABLE_DOMAIN, DOMAIN, HOST } from "./lab-types";
import { startSentEmailReader } from "./sent-email-reader";

const CERTIFICATES: LabCertName[] = [
  "valid",
  "expired",
  "not-yet-valid",
  "wrong-name",
  "wildcard-only",
  "self-signed",
  "missing-intermediate",
  "rsa-1024",
];
const HOSTILE: HostileSipMode[] = [
  "garbage",
  "endless",
  "huge-chain",
  "drip",
  "no-content-length",
  "never-ends",
  "plaintext-sip",
  "silent",
  "ws-refuse",
  "ws-no-subprotocol",
];

export default async function setup(project: TestProject) {
  const pki = await labPki({ domain: DOMAIN, host: HOST });
  const open: Array<{ close(): Promise<void> }> = [];
  const keep = <T extends { close(): Promise<void> }>(server: T) => {
    open.push(server);
    return server;
  };
  const valid = { cert: pki.certificates.valid.chainPem, key: pki.certificates.valid.keyPem };

  const certificates: Record<string, number> = {};
  for (const name of CERTIFICATES) {
    const cert = pki.certificates[name];
    const lab = keep(await startSipLab({ transports: ["tls"], tls: { cert: cert.chainPem, key: cert.keyPem } }));
    certificates[name] = lab.ports.tls ?? 0;
  }
  const only = async (version: "TLSv1.2" | "TLSv1.3") =>
    keep(await startSipLab({ transports: ["tls"], tls: { ...valid, minVersion: version, maxVersion: version } })).ports
      .tls ?? 0;
  const sip = keep(
    await startSipLab({
      transports: ["tcp", "tls", "ws", "wss"],
      tls: valid,
      headers: ["Record-Route: <sip:127.0.0.1;lr>", "Contact: <sip:lab@127.0.0.1:5060>"],
      // Over 1300 bytes: a TCP response in several segments, a WebSocket frame with a 16-bit length.
      padToBytes: 1400,
    }),
  );
  const hostile: WorkersLab["hostile"] = {};
  for (const mode of HOSTILE) {
    const plain = keep(await startHostileSip(mode));
    const wrapped = keep(await startHostileSip(mode, { tls: valid }));
    hostile[mode] = { plain: plain.port, tls: wrapped.port };
  }

  // Registrars for the REGISTER contract (core/src/register/opener-contract.ts) and the edge audit.
  const registrars = {} as WorkersLab["registrars"]["ports"];
  for (const mode of ["honest", ...HOSTILE_REGISTRAR_MODES] as const) {
    registrars[mode] = keep(await startHostileRegistrar(mode, valid)).ports;
  }

  // Kamailio as registrar, and as the account's outbound proxy in front of it (issue 17 item 1).
  const kamailioAccounts = {
    domain: "kamailio.sipwatch.test",
    subscribers: [{ user: "proxied", password: "kamailio-proxied-pw-2026" }],
    algorithm: "MD5" as const,
  };
  const kamailioRegistrar = keep(
    await startKamailio({ tls: { certPem: valid.cert, keyPem: valid.key }, registrar: kamailioAccounts }),
  );
  const kamailioProxy = keep(
    await startKamailio({
      tls: { certPem: valid.cert, keyPem: valid.key },
      outboundProxy: {
        registrar: { host: kamailioRegistrar.host, port: kamailioRegistrar.ports.tcp, transport: "tcp" },
        challenge: kamailioAccounts,
      },
    }),
  );

  // Zones whose NAPTR/SRV lead to SIP servers on loopback, served over DoH for full audits.
  const live = keep(await startLiveService("live.sipwatch.test", "valid", "healthy"));
  const expired = keep(await startLiveService("expired.sipwatch.test", "expired", "expired certificate"));
  const breakable = keep(await startBreakableService(BREAKABLE_DOMAIN));
  const dns = keep(await startLabDns({ zones: [live.zone, expired.zone, breakable.zone] }));

  const hostileDns: WorkersLab["hostileDns"] = {};
  for (const mode of ["garbage", "wrong-id", "endless-tcp", "compression-loop"] as const) {
    hostileDns[mode] = keep(await startHostileDns(mode)).tcpPort;
  }

  const webhookSecret = "whsec-test-secret";
  const alertReceiver = keep(await startAlertReceiver(webhookSecret));
  const sentEmail = keep(await startSentEmailReader());

  project.provide("lab", {
    dohUrl: dns.dohUrl,
    dnsTcpPort: dns.tcpPort,
    hostileDns,
    liveCaPems: [live.caPem, expired.caPem, breakable.caPem],
    caPem: pki.caPem,
    certificates,
    tls12Only: await only("TLSv1.2"),
    tls13Only: await only("TLSv1.3"),
    sip: { tcp: sip.ports.tcp ?? 0, tls: sip.ports.tls ?? 0, ws: sip.ports.ws ?? 0, wss: sip.ports.wss ?? 0 },
    hostile,
    registrars: { account: LAB_REGISTRAR_ACCOUNT, ports: registrars },
    kamailio: {
      domain: kamailioAccounts.domain,
      account: kamailioAccounts.subscribers[0] as { user: string; password: string },
      registrar: kamailioRegistrar.ports,
      proxy: kamailioProxy.ports,
    },
    closedPort: await closedPort(),
    alertReceiverUrl: alertReceiver.url,
    webhookSecret,
    sentEmailUrl: sentEmail.url,
    breakable: { domain: BREAKABLE_DOMAIN, controlUrl: breakable.controlUrl },
  });
  return async () => {
    await Promise.all(open.map((server) => server.close()));
  };
}
