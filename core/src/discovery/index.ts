export * from "./discovery-problems";
export * from "./discovery-tree";
