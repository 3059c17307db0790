export * from "./agent-protocol";
export * from "./audit-shapes";
export * from "./bounded-json";
export * from "./finding-evidence";
export * from "./monitors-file";
export * from "./monitors-plan";
export * from "./phone-prediction";
export * from "./resolution-schema";
