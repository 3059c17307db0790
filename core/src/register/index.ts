export * from "./bindings";
export * from "./digest";
export * from "./flow-transaction";
export * from "./outbound-proxy";
export * from "./register-probe";
export * from "./register-request";
export * from "./types";
