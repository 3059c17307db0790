export { edgeLocal, streamFlow, WorkersSipFlowOpener } from "./sip-flow-opener";
export { WorkersSipOptionsProber, type WorkersSipOptionsProberOptions } from "./sip-options-prober";
export { WorkersTcpDialer } from "./tcp-connect";
export { TcpDnsResolver, type TcpDnsResolverOptions } from "./tcp-dns";
export { WorkersTlsProber, type WorkersTlsProberOptions } from "./tls-prober";
export { TlsSessionShelf } from "./tls-session-shelf";
