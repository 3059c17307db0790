export * from "./alerts";
export * from "./auth";
export * from "./credentials";
export * from "./history";
export * from "./history-shards";
export * from "./incidents";
export * from "./monitors";
export * from "./organisations";
