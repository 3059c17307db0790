export * from "./invitations-service";
export * from "./members-service";
export * from "./role-rules";
