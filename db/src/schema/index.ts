export * from "./alerts";
export * from "./auth";
export * from "./history";
export * from "./monitors";
export * from "./organisations";
export * from "./credentials";
