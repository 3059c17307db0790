export * from "./availability-report";
export * from "./daily-bars";
export * from "./phone-words";
export * from "./status-page-view";
