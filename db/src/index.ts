export * from "./db";
export * from "./queries/api-tokens";
export * from "./queries/index";
export * from "./queries/monitors";
export * from "./queries/organisations";
export * from "./queries/sessions";
export * from "./schema/index";
