/**
 * The local lab: sample SIP zones and the DNS servers that serve them on loopback, for the
 * demo (`npm start`), the end-to-end tests, the DNS clients' bad-input tests and BIND interop;
 * Debian's Kamailio as a real SIP peer for interop;
 * SIP endpoints over UDP/TCP/TLS/WS/WSS with a test PKI, and hostile SIP/TLS servers for the probes.
 */
export { answerQuestion, type LabAnswer, type LabRcode } from "./authority";
export {
  findNamed,
  quoteCharacterString,
  type RunningNamed,
  renderBindZone,
  renderNamedConf,
  type StartNamedOptions,
  startNamed,
} from "./bind";
export {
  type LabCertificate,
  type LabCertName,
  type LabPki,
  type LabPkiOptions,
  labPki,
  oversizedChain,
} from "./certs";
export { DEMO_CASES, type DemoCase, type DemoLab, startDemoLab } from "./demo-lab";
export { type LabDns, type LabDnsOptions, type LabDnsQuestion, startLabDns } from "./dns-server";
export { type HostileDns, type HostileDnsOptions, type HostileMode, startHostileDns } from "./hostile-dns";
export {
  HOSTILE_REGISTRAR_MODES,
  type HostileRegistrar,
  type HostileRegistrarMode,
  LAB_REGISTRAR_ACCOUNT,
  type LabRegistrarMode,
  startHostileRegistrar,
} from "./hostile-registrar";
export { type HostileSip, type HostileSipMode, type HostileSipOptions, startHostileSip } from "./hostile-sip";
export {
  findKamailio,
  findKamailioModules,
  type RunningKamailio,
  renderKamailioCfg,
  renderKamailioTlsCfg,
  type StartKamailioOptions,
  startKamailio,
} from "./kamailio";
export { closedPort } from "./listeners";
export { type LivePorts, type LiveTransport, liveZone, startLiveService } from "./live-zones";
export { buildQuery, queryTcp, queryUdp } from "./loopback-dns-client";
export { answerSipRequest, type RequestSource, type SipAnswerOptions } from "./sip-answer";
export {
  type LabSipRequest,
  type SipLab,
  type SipLabOptions,
  type SipLabTls,
  type SipLabTransport,
  startSipLab,
} from "./sip-servers";
export { viewWithHostAddress, viewWithInternalSrvTarget } from "./zone-views";
export {
  DEFAULT_TTL,
  findZone,
  type LabRecord,
  type LabRecordType,
  type LabZone,
  labZones,
  type SoaData,
  type SrvData,
} from "./zones";
