/**
 * The local lab: sample SIP zones and the DNS servers that serve them on loopback, for the
 * demo (`npm start`), the end-to-end tests, the DNS clients' bad-input tests and BIND interop.
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
export { type LabDns, type LabDnsOptions, startLabDns } from "./dns-server";
export { type HostileDns, type HostileDnsOptions, type HostileMode, startHostileDns } from "./hostile-dns";
export { buildQuery, queryTcp, queryUdp } from "./loopback-dns-client";
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
