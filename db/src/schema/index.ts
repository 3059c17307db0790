export * from "./alerts";
export * from "./auth";
export * from "./history";
export * from "./history-shards";
export * from "./monitors";
export * from "./organisations";
