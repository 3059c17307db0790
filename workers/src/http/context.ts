import type { Role } from "@sipwatch/core";
import type { Env } from "../env";
import type { Services } from "../services";

/** Who is calling: every query a route makes is scoped to `organisationId`. */
export interface Caller {
  organisationId: string;
  /** null for API tokens, which belong to the organisation, not to a person. */
  userId: string | null;
  via: "session" | "token";
  /**
   * What the caller may do in the organisation: a member's role, or a token's role capped at
   * its creator's current one (auth/member-role.ts). middleware/require-role.ts enforces it.
   */
  role: Role;
  /** The API token's id when `via` is "token": an incident's timeline names it as the author. */
  tokenId?: string;
}

/** The agent behind an agent request (`Authorization: Bearer swa_…`), under /api/v1/agent. */
export interface AgentCaller {
  agentId: string;
  organisationId: string;
}

/** The Hono environment every route shares. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    services: Services;
    caller: Caller;
    /** The dashboard session behind a session caller (to switch its organisation); null for tokens. */
    sessionId: string | null;
    /** Only on the agent protocol's routes (middleware/authenticate-agent.ts). */
    agent: AgentCaller;
  };
}
