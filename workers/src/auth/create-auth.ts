import * as schema from "@sipwatch/db/schema";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Services } from "../services";
import { createPersonalOrganisation, defaultOrganisationId } from "./personal-organisation";

/**
 * better-auth over D1. Built per request: the D1 binding (and so the drizzle db) only exists
 * inside a request, so there is no module-level instance.
 */
export function createAuth({ db, config }: Services) {
  return betterAuth({
    appName: "sipwatch",
    secret: config.betterAuthSecret,
    baseURL: config.publicUrl,
    basePath: "/api/auth",
    trustedOrigins: [config.publicUrl],
    database: drizzleAdapter(db, {
      provider: "sqlite",
      // better-auth's model names -> our drizzle tables (the JS names are plural).
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
      },
    }),
    emailAndPassword: { enabled: true, maxPasswordLength: 128 },
    // The Workers Rate Limiting binding limits these endpoints in front of better-auth
    // (http/middleware/guard-auth.ts): its own limiter would keep counts in one isolate's memory.
    rateLimit: { enabled: false },
    session: {
      additionalFields: {
        // Set by sipwatch (sign-in, sign-up, /organisations/{id}/activate), never by the client.
        activeOrganisationId: { type: "string", required: false, input: false },
      },
    },
    databaseHooks: {
      user: {
        create: {
          after: async (user) => {
            await createPersonalOrganisation(db, user);
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            if (session.activeOrganisationId) return;
            // null at sign-up: the personal organisation is created after the session (see above).
            const activeOrganisationId = await defaultOrganisationId(db, session.userId);
            return activeOrganisationId ? { data: { ...session, activeOrganisationId } } : undefined;
          },
        },
      },
    },
    advanced: {
      // Workers put the client address here, not in X-Forwarded-For.
      ipAddress: { ipAddressHeaders: ["cf-connecting-ip"] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
