export * from "./queries/index";
export * from "./schema/index";
