export * from "./audit-outcome";
export * from "./finding-changes";
export * from "./phones-of-run";
export * from "./record-sets";
export * from "./rollup-bucket";
export * from "./summarise-run";
export * from "./types";
