export * from "./badge-content";
export * from "./public-status";
export * from "./render-badge";
export * from "./text-width";
