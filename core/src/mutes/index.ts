export * from "./finding-mute";
export * from "./muted-status";
