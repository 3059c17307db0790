export * from "./batching";
export * from "./history";
export * from "./latest";
export * from "./public-monitors";
export * from "./record-run";
export * from "./retention";
export * from "./rollups";
export * from "./schedule";
