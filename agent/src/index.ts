export { parseServerAddress, systemDnsServers } from "./adapters/system-resolvers";
export { UdpTcpResolver } from "./adapters/udp-tcp-dns";
export { EXIT, processIo } from "./cli/io";
export { runCli } from "./cli/main";
