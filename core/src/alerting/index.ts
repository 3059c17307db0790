export * from "./alert-input";
export * from "./next-alert-state";
export * from "./policy";
export * from "./types";
