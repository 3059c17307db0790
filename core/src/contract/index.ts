export * from "./monitors-file";
export * from "./monitors-plan";
