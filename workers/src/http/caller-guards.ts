import type { Context } from "hono";
import type { AppEnv, Caller } from "./context";
import { ProblemError } from "./problem";

/** The caller when it is a signed-in person; tokens act for an organisation, not a user. */
export function requireSessionCaller(c: Context<AppEnv>, action: string): Caller & { userId: string } {
  const caller = c.var.caller;
  if (caller.via !== "session" || caller.userId === null) {
    throw new ProblemError("forbidden", `Only a signed-in user can ${action}; API tokens cannot`);
  }
  return { ...caller, userId: caller.userId };
}
