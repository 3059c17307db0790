export { runCli } from "./cli/main";
export { processIo, EXIT } from "./cli/io";
export { UdpTcpResolver } from "./adapters/udp-tcp-dns";
export { systemDnsServers, parseServerAddress } from "./adapters/system-resolvers";
