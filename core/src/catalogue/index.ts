export * from "./finding-registry";
export * from "./monitor-rules";
export * from "./mute-rules";
export * from "./oncall-endpoints";
export * from "./regions";
export * from "./roles";
export * from "./vantage-ids";
