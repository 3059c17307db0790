export * from "./finding-registry";
export * from "./monitor-rules";
export * from "./regions";
export * from "./vantage-ids";
export * from "./oncall-endpoints";
