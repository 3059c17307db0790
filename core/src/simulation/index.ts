export * from "./types";
export * from "./profiles";
export * from "./simulate-clients";
export * from "./fallback-findings";
export * from "./advertised";
export * from "./describe";
