export { WorkersSipOptionsProber, type WorkersSipOptionsProberOptions } from "./sip-options-prober";
export { WorkersTcpDialer } from "./tcp-connect";
export { WorkersTlsProber, type WorkersTlsProberOptions } from "./tls-prober";
export { TlsSessionShelf } from "./tls-session-shelf";
