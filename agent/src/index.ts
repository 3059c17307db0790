export { NodeSipFlowOpener } from "./adapters/sip-flow-opener";
export { NodeSipOptionsProber } from "./adapters/sip-options-prober";
export { parseServerAddress, systemDnsServers } from "./adapters/system-resolvers";
export { NodeTcpDialer } from "./adapters/tcp-dialer";
export { NodeTlsProber } from "./adapters/tls-prober";
export { UdpTcpResolver } from "./adapters/udp-tcp-dns";
export { EXIT, processIo } from "./cli/io";
export { runCli } from "./cli/main";
