export * from "./monitor-health";
