export * from "./advertised";
export * from "./describe";
export * from "./fallback-findings";
export * from "./profiles";
export * from "./simulate-clients";
export * from "./types";
