import type { Env } from "../env";
import type { Services } from "../services";

/** Who is calling: every query a route makes is scoped to `organisationId`. */
export interface Caller {
  organisationId: string;
  /** null for API tokens, which belong to the organisation, not to a person. */
  userId: string | null;
  via: "session" | "token";
}

/** The Hono environment every route shares. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    services: Services;
    caller: Caller;
    /** The dashboard session behind a session caller (to switch its organisation); null for tokens. */
    sessionId: string | null;
  };
}
